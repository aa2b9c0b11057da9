/**
 * What every stored text goes through before the guard sees it, so that what is shown is what was
 * checked: compatibility forms folded (NFKC: full-width digits become digits, ligatures letters),
 * invisible format characters removed (zero-width spaces and joiners, soft hyphens, bidi marks).
 * Isomorphic: the browser's live check uses the same function.
 */

const FORMAT_CHARACTERS = /\p{Cf}/gu
const PICTOGRAPH = /\p{Extended_Pictographic}/u
// NFKC would turn "№" into "No", which Bulgarian texts use for school and house numbers.
const KEPT_AS_WRITTEN = '№'
// A combining mark on a digit has no use in our texts and hides a number from a pattern.
const MARKS_ON_DIGITS = /([0-9])(\p{M}+)/gu
const KEYCAP = /^\uFE0F?\u20E3$/

function keepsEmojiSequence(text: string, at: number): boolean {
  const before = String.fromCodePoint(
    text.codePointAt(at - 1 >= 0 && /[\uDC00-\uDFFF]/.test(text[at - 1]) ? at - 2 : at - 1) ?? 0,
  )
  const after = String.fromCodePoint(text.codePointAt(at + 1) ?? 0)
  return PICTOGRAPH.test(before) && PICTOGRAPH.test(after)
}

export function normalizeText(text: string): string {
  if (!text) return text
  const visible = text.replace(FORMAT_CHARACTERS, (ch, at: number, whole: string) =>
    // A zero-width joiner between two emoji builds one emoji (a family, a flag); elsewhere it hides.
    ch === '\u200D' && keepsEmojiSequence(whole, at) ? ch : '',
  )
  return visible
    .split(KEPT_AS_WRITTEN)
    .map((part) => part.normalize('NFKC'))
    .join(KEPT_AS_WRITTEN)
    .replace(MARKS_ON_DIGITS, (whole, digit: string, marks: string) => (KEYCAP.test(marks) ? whole : digit))
}

/** True when a text is already in the stored form. */
export const isNormalized = (text: string) => normalizeText(text) === text
