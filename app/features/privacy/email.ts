import { finding, type PiiFinding } from './types'

const LOCAL_CHAR = /[\p{L}\p{N}._%+-]/u
const MAX_LOCAL = 64 // RFC 5321 limits; the bounds also keep hostile input linear
// A school's or an office's shared mailbox belongs to no one person.
const SHARED_MAILBOX = new RegExp(
  String.raw`^(?:office|info|contact|contacts|secretary|secretariat|kancelaria|kantselaria|deloviodstvo` +
    String.raw`|priemna|reception|admin|support|noreply|no-reply|press|mail)$`,
  'i',
)

// Where an "@" may be: the sign itself, a bracket ("(at)", "[маймунка]") or a word between spaces (" at ", " AT ").
// Plain alternatives without the i flag: Cyrillic case-folding would slow the scan of every character.
const AT_CANDIDATE = /[(\[{<@]|[ \u00A0](?:at|AT|At|маймунка|Маймунка|МАЙМУНКА|кльомба|Кльомба)[ \u00A0]/g
const AT_WORD = 'at|маймунка|кльомба'
const BRACKETED_AT = new RegExp(String.raw`[(\[{<][ \u00A0]{0,2}(?:${AT_WORD}|@)[ \u00A0]{0,2}[)\]}>]`, 'iuy')
const SPACES_BEFORE = /[ \u00A0]{0,2}$/u
const SPACES_AT = /[ \u00A0]{0,2}/uy
// "." or a spelled-out dot: "(dot)", "[.]", " dot ", " точка ".
const DOT =
  String.raw`(?:\.|[ \u00A0]{0,2}[(\[{<][ \u00A0]{0,2}(?:dot|\.|точка)[ \u00A0]{0,2}[)\]}>][ \u00A0]{0,2}` +
  String.raw`|[ \u00A0](?:dot|точка)[ \u00A0])`
const LABEL = String.raw`[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?`
const DOMAIN_AT = new RegExp(String.raw`(?:${LABEL}${DOT}){1,8}\p{L}{2,24}(?![\p{L}\p{N}])`, 'iuy')
const SPELLED_DOT = /[^.\p{L}\p{N}-]/u
// After a bare " at " the domain must look like a mailbox ("abv dot bg", "gmail.com"), not a place ("at school.bg").
const MAIL_PROVIDER = new RegExp(
  String.raw`^(?:gmail|googlemail|abv|yahoo|ymail|hotmail|outlook|live|msn|mail|dir|icloud|yandex|ukr|proton` +
    String.raw`|protonmail|gmx|web|aol|inbox|rambler|bk|list)$`,
  'i',
)

interface AtToken {
  start: number
  end: number
  /** "@" or a bracketed "(at)": any domain will do; a bare word "at" needs a mailbox-like domain. */
  explicit: boolean
}

/** Personal e-mail addresses, also spelled out ("ivan (at) abv.bg", "ivan [at] gmail dot com", "ivan @ abv.bg"). */
export function findEmails(text: string): PiiFinding[] {
  const found: PiiFinding[] = []
  for (const m of text.matchAll(AT_CANDIDATE)) {
    const at = atToken(text, m.index, m[0])
    if (!at) continue
    const localEnd = at.start - SPACES_BEFORE.exec(text.slice(Math.max(0, at.start - 2), at.start))![0].length
    const start = localStart(text, localEnd)
    if (start === localEnd || SHARED_MAILBOX.test(text.slice(start, localEnd))) continue
    SPACES_AT.lastIndex = at.end
    const domainStart = at.end + SPACES_AT.exec(text)![0].length
    DOMAIN_AT.lastIndex = domainStart
    const domain = DOMAIN_AT.exec(text)?.[0]
    if (
      !domain ||
      (!at.explicit && !SPELLED_DOT.test(domain) && !MAIL_PROVIDER.test(domain.slice(0, domain.indexOf('.'))))
    )
      continue
    found.push(finding('email', text, start, domainStart + domain.length))
  }
  return found
}

function atToken(text: string, index: number, candidate: string): AtToken | null {
  if (candidate === '@') return { start: index, end: index + 1, explicit: true }
  if (candidate.length === 1) {
    BRACKETED_AT.lastIndex = index
    const bracketed = BRACKETED_AT.exec(text)
    return bracketed ? { start: index, end: index + bracketed[0].length, explicit: true } : null
  }
  return { start: index + 1, end: index + candidate.length - 1, explicit: false }
}

// A local part starts with a letter or digit and holds at most 64 characters.
function localStart(text: string, end: number): number {
  let start = end
  while (start > 0 && end - start < MAX_LOCAL && LOCAL_CHAR.test(text[start - 1])) start--
  while (start < end && /[._%+-]/.test(text[start])) start++
  return start
}
