import { findEmails } from './email'
import { classifyTenDigits } from './id-numbers'
import { familyStrength, givenKind } from './name-lexicon'
import { phoneLengthAt } from './phone'
import { PROTECTED_PHRASES } from './protected-names'
import { finding, type PiiFinding, type PiiType } from './types'
import { findProfileUrls } from './url'

// Where a link may start: a scheme, "www.", "mailto:" or a domain right before its path ("example.bg/form?…").
const URL_MARK = /:\/\/|www\.|mailto:|\.[a-zA-Z]{2,24}[/?#]/g
const SCHEME = /^(?:https?|ftp|viber|whatsapp|tg)$/i
const HOST_CHAR = /[a-zA-Z0-9.-]/
const MAX_HOST = 253
// A link ends at a space, a quote or a bracket that no URL holds unescaped.
const URL_STOP = /[\s<>"'“”„«»[\]{}|\\^`]/
const TRAILING = '.,;:!?…'

// Numbers in a value ("0888-123-456", "064 105 1235", "+359888123456") and the digit runs inside them.
const NUMBER = /\+?\d(?:[\d \-.()]*\d)?/g
const DIGITS = /\d+/g
const CHAT_LINK_NUMBER = /^359(?:8[7-9]|9[89])\d{7}$/
const WORD = /\p{L}+/gu
// Words joined by one separator in a slug or a query: "ivan-petrov", "ivan_petrov", "Иван+Петров".
const SLUG_SEPARATOR = /^[-_+. ]$/
// A slug about a school, street or saint names its patron, not a person in the case:
// "119-sou-akademik-mihail-arnaudov".
const PLACE_MARKERS = new Set(
  `ул ulitsa ulica ul бул bulevard bul blvd street str пл ploshtad
   square кв kv жк zhk квартал kvartal град grad гр gr село selo
   су sou su оу ou пг pg пмг pmg дг dg цдг cdg ну nu училище uchilishte
   school гимназия gimnazia gimnaziya академик akademik akad
   университет universitet university свети sveti света sveta св
   sv saint st парк park стадион stadion метро metro спирка spirka
   читалище chitalishte фондация fondatsia fondacia foundation
   център tsentar centar center centre музей muzei muzey museum
   болница bolnitsa hospital награда nagrada award`
    .trim()
    .split(/\s+/),
)

interface Part {
  start: number
  end: number
  /** The parameter's name or the path segment before: "egn" in "?egn=…", "lnch" in "/lnch/…". */
  label: string
}

/** ЕГН, ЛНЧ, phones, e-mails and names carried inside links ("?egn=…&tel=…", "/deca/ivan-petrov", "mailto:…%40…"). */
export function findInUrls(text: string): PiiFinding[] {
  const found: PiiFinding[] = []
  let scannedTo = 0
  for (const m of text.matchAll(URL_MARK)) {
    if (m.index < scannedTo) continue
    const start = urlStart(text, m.index, m[0])
    if (start < 0) continue
    const end = urlEnd(text, m.index)
    scannedTo = end
    for (const part of urlParts(text, start, end)) inspect(text, part, found)
  }
  return found
}

function urlStart(text: string, index: number, mark: string): number {
  if (mark === '://') {
    let start = index
    while (start > 0 && index - start < 8 && /[a-zA-Z]/.test(text[start - 1])) start--
    return SCHEME.test(text.slice(start, index)) && !isHostOrWordChar(text[start - 1]) ? start : -1
  }
  if (mark === 'mailto:' || mark === 'www.')
    return isHostOrWordChar(text[index - 1]) || text[index - 1] === '/' ? -1 : index
  let start = index
  while (start > 0 && index - start < MAX_HOST && HOST_CHAR.test(text[start - 1])) start--
  // "ivan@abv.bg/…" or a path inside a link already read: not a link of its own.
  return start === index || /[@/\p{L}\p{N}_]/u.test(text[start - 1] ?? '') ? -1 : start
}

const isHostOrWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}.@_-]/u.test(ch)

function urlEnd(text: string, from: number): number {
  let end = from
  while (end < text.length && !URL_STOP.test(text[end])) end++
  // Sentence punctuation after a link is not part of it; a closing bracket only if the link opened one
  // ("…/wiki/Foo_(bar)").
  const url = text.slice(from, end)
  let unbalanced = count(url, ')') - count(url, '(')
  while (end > from) {
    const ch = text[end - 1]
    if (ch === ')' && unbalanced > 0) unbalanced--
    else if (!TRAILING.includes(ch)) break
    end--
  }
  return end
}

const count = (s: string, ch: string) => s.split(ch).length - 1

// The path segments, query values and fragment of a link (the host is never personal data here), or a mailto's address.
function urlParts(text: string, start: number, end: number): Part[] {
  const url = text.slice(start, end)
  if (/^mailto:/i.test(url)) {
    const address = url.slice(7).split('?')[0]
    return [{ start: start + 7, end: start + 7 + address.length, label: 'email' }]
  }
  const afterScheme = url.indexOf('://') >= 0 ? url.indexOf('://') + 3 : 0
  const hostEnd = url.slice(afterScheme).search(/[/?#]/)
  // A profile link is redacted whole by findProfileUrls; a group or a video link may still carry something.
  if (hostEnd < 0 || findProfileUrls(url).length > 0) return []
  const pathStart = afterScheme + hostEnd
  const hashAt = url.indexOf('#', pathStart)
  const questionAt = url.indexOf('?', pathStart)
  // A "?" after the "#" belongs to the fragment.
  const queryAt = hashAt >= 0 && questionAt > hashAt ? -1 : questionAt
  const pathEnd = Math.min(...[queryAt, hashAt, url.length].filter((i) => i >= 0))
  const parts: Part[] = []
  let label = ''
  for (const [from, to] of pieces(url, pathStart + 1, pathEnd, '/')) {
    parts.push({ start: start + from, end: start + to, label })
    label = url.slice(from, to)
  }
  const queryEnd = hashAt > queryAt ? hashAt : url.length
  for (const [from, to] of [
    ...pieces(url, queryAt + 1, queryAt < 0 ? 0 : queryEnd, '&;'),
    ...pieces(url, hashAt + 1, hashAt < 0 ? 0 : url.length, '&;'),
  ]) {
    const eq = url.slice(from, to).indexOf('=')
    parts.push({ start: start + from + eq + 1, end: start + to, label: eq < 0 ? '' : url.slice(from, from + eq) })
  }
  return parts.filter((p) => p.end > p.start)
}

// [start, end) of the pieces of url[from, to) between any of the separator characters.
function pieces(url: string, from: number, to: number, separators: string): Array<[number, number]> {
  const out: Array<[number, number]> = []
  for (let at = from, i = from; i <= to && from < to; i++) {
    if (i < to && !separators.includes(url[i])) continue
    out.push([at, i])
    at = i + 1
  }
  return out
}

function inspect(text: string, part: Part, out: PiiFinding[]): void {
  const raw = text.slice(part.start, part.end)
  const value = decode(raw)
  // Offsets map one to one unless %-escapes were decoded; then the finding covers the whole value.
  const exact = value.length === raw.length
  const add = (type: PiiType, from: number, to: number) =>
    out.push(
      exact ? finding(type, text, part.start + from, part.start + to) : finding(type, text, part.start, part.end),
    )
  const label = decode(part.label)
  for (const n of value.matchAll(NUMBER)) numbers(value, n[0], n.index, label, add)
  // An address with "@" spelled as %40 is not seen by findEmails in the raw text; a plain one is.
  if (value.includes('@')) {
    if (!exact && findEmails(value).length > 0) add('email', 0, value.length)
    return
  }
  slugName(value, add)
}

function numbers(
  value: string,
  candidate: string,
  at: number,
  label: string,
  add: (type: PiiType, from: number, to: number) => void,
): void {
  const whole = identify(value, candidate, at, label)
  if (whole) return add(whole, at, at + candidate.length)
  for (const d of candidate.matchAll(DIGITS)) {
    const type = identify(value, d[0], at + d.index, label)
    if (type) add(type, at + d.index, at + d.index + d[0].length)
  }
}

function identify(value: string, candidate: string, at: number, label: string): PiiType | null {
  const digits = candidate.replace(/\D/g, '')
  if (digits.length === 10 && /^[\d \-]+$/.test(candidate)) {
    const type = classifyTenDigits(digits, `${label}=${value.slice(0, at)}`.slice(-40))
    if (type) return type
  }
  // wa.me/359888123456 and similar chat links write the international number without its "+".
  return phoneLengthAt(candidate, 0) === candidate.length || CHAT_LINK_NUMBER.test(candidate) ? 'phone' : null
}

// Given + family name (either order) in a slug or a query: "/deca/ivan-petrov", "?q=Иван+Петров", "petrova_maria".
function slugName(value: string, add: (type: PiiType, from: number, to: number) => void): void {
  const words = Array.from(value.matchAll(WORD), (w) => ({
    start: w.index,
    end: w.index + w[0].length,
    key: w[0].toLowerCase(),
  }))
  for (let i = 0; i + 1 < words.length; i++) {
    if (PLACE_MARKERS.has(words[i].key)) return
    const [a, b] = [words[i], words[i + 1]]
    if (!joined(value, a, b) || isProtected(a.key, b.key)) continue
    if (!(isGiven(a.key) && isFamily(b.key, a.key)) && !(isFamily(a.key, b.key) && isGiven(b.key))) continue
    let last = i + 1
    // A patronymic or a double family name continues the name: "ivan-georgiev-petrov".
    while (
      last + 1 < words.length &&
      joined(value, words[last], words[last + 1]) &&
      familyStrength(words[last + 1].key) === 'strong'
    )
      last++
    add('name', a.start, words[last].end)
    i = last
  }
}

const joined = (value: string, a: { end: number }, b: { start: number }) =>
  SLUG_SEPARATOR.test(value.slice(a.end, b.start))
const isGiven = (key: string) => givenKind(key) !== undefined
const isFamily = (key: string, given: string) => {
  const strength = familyStrength(key)
  return strength === 'strong' || (strength === 'weak' && givenKind(given) === 'given')
}
const isProtected = (a: string, b: string) => (PROTECTED_PHRASES.get(a) ?? []).some((phrase) => phrase[1] === b)

function decode(raw: string): string {
  // "+" is a space only between letters ("Иван+Петров"); before digits it is the plus of "+359".
  const spaced = raw.replace(/(?<=\p{L})\+(?=\p{L})/gu, ' ')
  if (!spaced.includes('%')) return spaced
  try {
    return decodeURIComponent(spaced)
  } catch {
    return spaced
  }
}
