/**
 * Search compares words in one canonical form: lower case, without accents, Cyrillic written in
 * Latin letters by the official Bulgarian system (Закон за транслитерацията, 2009). A query typed
 * in Latin therefore finds Cyrillic text and the reverse: `mediator` ↔ `медиатор`.
 */
const BG_TO_LATIN: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o',
  п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'sht', ъ: 'a', ь: 'y', ю: 'yu', я: 'ya',
  // Letters of neighbouring Cyrillic alphabets that turn up in pasted text.
  ё: 'yo', ы: 'y', э: 'e', є: 'ye', і: 'i', ї: 'yi', ѝ: 'i',
}

const WORD = /[\p{L}\p{N}]+/gu
const COMBINING_MARKS = /\p{M}+/gu

/** One word (already a run of letters and digits) in canonical form. */
export function canonicalWord(word: string): string {
  const lower = word.toLowerCase()
  let out = ''
  for (let i = 0; i < lower.length; i++) {
    const ch = lower[i]
    // The law's one contextual rule: "-ия" at the end of a word is written "ia" (България → Bulgaria).
    if (ch === 'и' && lower[i + 1] === 'я' && i + 2 === lower.length) {
      out += 'ia'
      i++
      continue
    }
    out += BG_TO_LATIN[ch] ?? ch
  }
  return out.normalize('NFD').replace(COMBINING_MARKS, '')
}

/** Canonical forms of words seen lately: texts repeat their words, and indexing reads every one. */
const recentWords = new Map<string, string>()
const RECENT_MAX = 50_000

function cachedCanonicalWord(word: string): string {
  let canonical = recentWords.get(word)
  if (canonical === undefined) {
    if (recentWords.size >= RECENT_MAX) recentWords.clear()
    canonical = canonicalWord(word)
    recentWords.set(word, canonical)
  }
  return canonical
}

/** The words of a text in canonical form, in order. */
export function canonicalWords(text: string): string[] {
  return (text.match(WORD) ?? []).map(cachedCanonicalWord).filter((w) => w.length > 0)
}

/** A word cut to at most `max` UTF-16 units without splitting a letter written as two (a surrogate pair). */
export function truncateWord(word: string, max: number): string {
  if (word.length <= max) return word
  const cut = word.slice(0, max)
  const last = cut.charCodeAt(cut.length - 1)
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut
}

/** The words of a text as written, with their positions (for highlighting). */
export function wordSpans(text: string): { word: string; start: number; end: number }[] {
  const spans: { word: string; start: number; end: number }[] = []
  for (const m of text.matchAll(WORD)) spans.push({ word: m[0], start: m.index, end: m.index + m[0].length })
  return spans
}

/** A whole text in canonical form, words separated by single spaces. */
export function canonicalText(text: string): string {
  return canonicalWords(text).join(' ')
}
