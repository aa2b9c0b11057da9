/**
 * The privacy check itself, shared by the server's guard and the browser's live hints: the
 * detector runs on a detection view of the (normalised) text and its findings point back into it.
 */
import { detectPii, type PiiFinding } from './detector'
import { normalizeText } from './normalize'

const COMBINING_MARK = /\p{M}/u
const DECIMAL_DIGIT = /\p{Nd}/u
const CYRILLIC = /\p{Script=Cyrillic}/u
const LATIN = /\p{Script=Latin}/u
const MIXED_WORD = /[\p{L}]+/gu
// Latin letters drawn like Cyrillic ones: "Ивaн" with a Latin "a" is still Иван.
const CYRILLIC_LOOKALIKE: Record<string, string> = {
  a: 'а',
  e: 'е',
  o: 'о',
  p: 'р',
  c: 'с',
  x: 'х',
  y: 'у',
  A: 'А',
  B: 'В',
  E: 'Е',
  K: 'К',
  M: 'М',
  H: 'Н',
  O: 'О',
  P: 'Р',
  C: 'С',
  T: 'Т',
  X: 'Х',
  Y: 'У',
}

/** The value of a decimal digit of any script (a digit run always starts at a code point ending in 0 of its block). */
function digitValue(ch: string): string {
  let cp = ch.codePointAt(0)!
  let value = 0
  while (value < 9 && DECIMAL_DIGIT.test(String.fromCodePoint(cp - 1))) {
    cp--
    value++
  }
  return String(value)
}

function foldLookalikes(view: string): string {
  return view.replace(MIXED_WORD, (word) =>
    CYRILLIC.test(word) && LATIN.test(word) ? [...word].map((ch) => CYRILLIC_LOOKALIKE[ch] ?? ch).join('') : word,
  )
}

interface DetectionView {
  text: string
  /** For each code unit of `text`, the offset of the code unit it came from. */
  origin: number[]
}

/** Combining marks left out, other scripts' digits as ASCII digits, look-alike letters folded. */
function detectionView(text: string): DetectionView {
  let out = ''
  const origin: number[] = []
  for (let i = 0; i < text.length;) {
    const ch = String.fromCodePoint(text.codePointAt(i)!)
    if (!COMBINING_MARK.test(ch)) {
      const folded = ch.length === 1 && DECIMAL_DIGIT.test(ch) && (ch < '0' || ch > '9') ? digitValue(ch) : ch
      for (let k = 0; k < folded.length; k++) origin.push(i + Math.min(k, ch.length - 1))
      out += folded
    }
    i += ch.length
  }
  const folded = foldLookalikes(out)
  return { text: folded, origin }
}

/** Personal data in a normalised text; offsets and `text` of each finding refer to that text. */
export function findPersonalData(text: string): PiiFinding[] {
  const view = detectionView(text)
  const findings = detectPii(view.text)
  if (view.text === text) return findings
  return findings.map((f) => {
    const start = view.origin[f.start]
    let end = view.origin[f.end - 1] + 1
    if (/[\uD800-\uDBFF]/.test(text[end - 1] ?? '')) end++
    while (end < text.length && COMBINING_MARK.test(text[end])) end++
    return { ...f, start, end, text: text.slice(start, end) }
  })
}

export interface TextCheck {
  /** The text as stored and checked (normalised). */
  text: string
  findings: PiiFinding[]
}

/** Normalises, then finds personal data. */
export function checkText(raw: string): TextCheck {
  const text = normalizeText(raw)
  return { text, findings: findPersonalData(text) }
}
