import { before } from './context'
import { EGN_LABEL, GLUED_PHONE_LABEL, LNCH_LABEL } from './keywords'
import { finding, type PiiFinding } from './types'
import { isLetterCode } from './words'

// Not inside a word, a code or a date ("12.03.2026"), but right after "тел." or "0888…,0899…" is fine.
const NOT_AFTER = String.raw`(?<![\p{L}\p{N}+\-\/_@=\\])(?<!\d\.)`
const SEP = String.raw`(?:[ \u00A0]?[\-\/.][ \u00A0]?|[ \u00A0])?`
// 0 + area code or mobile prefix, then up to five digit groups: "0888 123 456", "02/987 65 43", "(02) 987-65-43".
const NATIONAL_NUMBER =
  String.raw`(?:\(0[1-9]\d{0,3}\)|0[1-9]\d{0,3}|0[ \u00A0](?=8[7-9]|9[89])\d{1,3})(?:${SEP}\d{1,4}){1,5}` +
  String.raw`(?![\p{N}])`
// "+359 88 812 3456", "00359 2 987 6543", "+44 20 7946 0958", "+1 (555) 123-4567".
const INTERNATIONAL_NUMBER =
  String.raw`(?:\+|00)[ \u00A0]?[1-9]\d{0,2}(?:[ \u00A0]?\(0\))?` + String.raw`(?:${SEP}\(?\d{1,4}\)?){1,6}(?![\p{N}])`
const NATIONAL = new RegExp(NOT_AFTER + NATIONAL_NUMBER, 'gu')
const INTERNATIONAL = new RegExp(NOT_AFTER + INTERNATIONAL_NUMBER, 'gu')
// A label written onto the number ("тел0888123456", "GSM+359…"): a second pass over number starts after a letter, so
// the main scan keeps its fast first-character check.
const NUMBER_START = /[0+(]/g
const NATIONAL_AT = new RegExp(NATIONAL_NUMBER, 'uy')
const INTERNATIONAL_AT = new RegExp(INTERNATIONAL_NUMBER, 'uy')

const BG_MOBILE = /^0(?:8[7-9]|9[89])\d{7}$/
const BG_LANDLINE = /^0[2-9]\d{7}$/
// 0700/0800/090x are hotlines and premium services, published on purpose, not anyone's personal number.
const BG_SERVICE = /^0[789]0\d/
const BG_SUBSCRIBER = /^(?:(?:8[7-9]|9[89])\d{7}|[2-9]\d{7})$/

/** Bulgarian mobiles and landlines in their usual spellings, and international numbers. */
export function findPhones(text: string): PiiFinding[] {
  const found: PiiFinding[] = []
  collect(text, NATIONAL, isNationalNumber, found)
  collect(text, INTERNATIONAL, isInternationalNumber, found)
  for (const { index: at } of text.matchAll(NUMBER_START)) {
    if (at === 0 || !isLetterCode(text.charCodeAt(at - 1)) || !GLUED_PHONE_LABEL.test(before(text, at, 9))) continue
    const length = phoneLengthAt(text, at)
    if (length > 0) found.push(finding('phone', text, at, at + length))
  }
  return found
}

/**
 * Length of the phone number that starts exactly at `at` (0 if none); for numbers whose start is known, as in a URL.
 */
export function phoneLengthAt(text: string, at: number): number {
  for (const [re, isValid] of [
    [NATIONAL_AT, isNationalNumber],
    [INTERNATIONAL_AT, isInternationalNumber],
  ] as const) {
    re.lastIndex = at
    const m = re.exec(text)
    const length = m ? longestValidPrefix(m[0], isValid) : 0
    if (length > 0) return length
  }
  return 0
}

function isNationalNumber(raw: string): boolean {
  const digits = raw.replace(/\D/g, '')
  if (raw.split('/').length > 2) return false // "05/01/2006" is a date, a phone has at most one slash
  return BG_MOBILE.test(digits) || (BG_LANDLINE.test(digits) && !BG_SERVICE.test(digits))
}

function isInternationalNumber(raw: string): boolean {
  const digits = raw.replace(/\(0\)/, '').replace(/\D/g, '')
  const bg = digits.match(/^(?:00)?359(\d+)$/)
  if (bg) return BG_SUBSCRIBER.test(bg[1])
  const e164 = digits.startsWith('00') ? digits.slice(2) : digits
  return e164.length >= 9 && e164.length <= 15
}

// A candidate may run into a neighbouring number ("0888 123 456 15 деца"), so the longest valid prefix of whole groups
// wins.
function collect(text: string, re: RegExp, isValid: (raw: string) => boolean, out: PiiFinding[]): void {
  re.lastIndex = 0
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const start = m.index
    if (EGN_LABEL.test(before(text, start, 40)) || LNCH_LABEL.test(before(text, start, 40))) continue
    const length = longestValidPrefix(m[0], isValid)
    if (length > 0) {
      out.push(finding('phone', text, start, start + length))
      re.lastIndex = start + length
    } else {
      re.lastIndex = start + 1
    }
  }
}

function longestValidPrefix(raw: string, isValid: (raw: string) => boolean): number {
  const groupEnds: number[] = []
  for (const g of raw.matchAll(/\d+\)?/g)) groupEnds.push(g.index + g[0].length)
  for (let i = groupEnds.length - 1; i >= 0; i--) {
    const prefix = raw.slice(0, groupEnds[i])
    if (isValid(prefix)) return prefix.length
  }
  return 0
}

/**
 * A Bulgarian mobile or landline typed in any usual spelling ("0888 123 456", "+359 88 812 3456", "00359 2 987 6543",
 * "(02) 987-65-43") as E.164 ("+359888123456"); null for anything else, hotlines and premium numbers included.
 */
export function toBulgarianE164(raw: string): string | null {
  const value = raw.trim()
  if (!/^[+\d\s\-()/.]+$/.test(value) || value.split('+').length > 2 || (value.includes('+') && !value.startsWith('+')))
    return null
  const digits = value.replace(/\(0\)/, '').replace(/\D/g, '')
  const national = /^(?:00359|359)(\d+)$/.exec(digits)?.[1] ?? /^0(\d+)$/.exec(digits)?.[1]
  if (value.startsWith('+') && !digits.startsWith('359')) return null
  if (!national || !BG_SUBSCRIBER.test(national) || BG_SERVICE.test(`0${national}`)) return null
  // Eight digits after a mobile prefix are a mobile number with a digit missing, not a landline.
  if (national.length === 8 && /^(?:8[7-9]|9[89])/.test(national)) return null
  return `+359${national}`
}

/** An E.164 Bulgarian number the way people here write it: "0888 123 456", "02 987 6543", "032 123 456". */
export function formatBulgarianPhone(e164: string): string {
  const national = /^\+359(\d+)$/.exec(e164)?.[1]
  if (!national) return e164
  if (national.length === 9) return `0${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`
  if (national.startsWith('2')) return `02 ${national.slice(1, 4)} ${national.slice(4)}`
  return `0${national.slice(0, 2)} ${national.slice(2, 5)} ${national.slice(5)}`
}
