/**
 * The text layer both engines share: how a text is cut into words and what form a word is compared in.
 *
 * A word's *key* is one Latin spelling that the official transliteration and the informal Latin people
 * type on phones (socialen, mediacia, 4ast, 6kola, biologiq) all reach: Cyrillic is transliterated
 * letter by letter (no "-ия → ia" rule, so биология and биологията stay prefixes of each other), then
 * c→ts, x→h, w→v, q→ya, y/j→i, 4→ch and 6→sh (between Latin letters), and a doubled letter counts once.
 * Every step maps a letter the same way wherever it stands, so the key of a prefix is a prefix of the
 * key. The key's *stem* drops Bulgarian endings (article, plural, final vowel), so медиаторите,
 * медиатора and mediatori all meet at "mediator"; the index holds stems.
 */

/** Cyrillic letters in the search key's alphabet (ъ as the official "a"; я, ю, й, ь through "i"). */
const CYRILLIC: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'h',
  ц: 'ts',
  ч: 'tsh',
  ш: 'sh',
  щ: 'sht',
  ъ: 'a',
  ь: 'i',
  ю: 'iu',
  я: 'ia',
  // Letters of neighbouring Cyrillic alphabets that turn up in pasted text.
  ё: 'io',
  ы: 'i',
  э: 'e',
  є: 'ie',
  і: 'i',
  ї: 'i',
  ѝ: 'i',
}

/** Latin letters folded the way informal Bulgarian Latin uses them (and official ch/ts reach the same key). */
const LATIN: Readonly<Record<string, string>> = { c: 'ts', x: 'h', w: 'v', q: 'ia', y: 'i', j: 'i' }

/** A word: a letter or digit, then letters, combining marks (stress, a decomposed Й) and digits. */
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu
const MARKS = /\p{M}/gu
const HAS_LATIN = /[a-z]/
const ONLY_DIGITS = /^\p{N}+$/u
const CYRILLIC_LETTER = /\p{Script=Cyrillic}/u

/** The word's key (see the note at the top). */
export function wordKey(word: string): string {
  const lower = word.normalize('NFC').toLowerCase()
  let latin = ''
  for (const ch of lower) latin += CYRILLIC[ch] ?? ch
  latin = latin.normalize('NFD').replace(MARKS, '')
  // "4ast", "6kola", "sre6ta": digits that stand for letters, only in a word typed in Latin letters.
  const digitsAreLetters = HAS_LATIN.test(lower) && !ONLY_DIGITS.test(lower)
  let out = ''
  for (const ch of latin) {
    const folded = LATIN[ch] ?? (digitsAreLetters && ch === '4' ? 'tsh' : digitsAreLetters && ch === '6' ? 'sh' : ch)
    // я, ю, й and ия all pass through "i": one i stands for a run of them (биология → biologia).
    for (const c of folded) if (c !== 'i' || out[out.length - 1] !== 'i') out += c
  }
  return out
}

const MIN_STEM = 4

/** Removes the first matching suffix (putting `put` in its place) when MIN_STEM letters are left. */
function strip(key: string, rules: readonly (readonly [suffix: string, put: string])[]): string {
  for (const [suffix, put] of rules) {
    if (key.endsWith(suffix) && key.length - suffix.length + put.length >= MIN_STEM)
      return key.slice(0, key.length - suffix.length) + put
  }
  return key
}

// Keys: ят → iat, ът → at, ия → ia, ие → ie, ници/ици → itsi, ози → ozi. Longest first within a step.
const ARTICLES = [
  ['iat', ''],
  ['ta', ''],
  ['to', ''],
  ['te', ''],
] as const
const ARTICLE_AT = [['at', '']] as const
const PLURALS = [
  ['itsi', 'ik'],
  ['ozi', 'og'],
  ['ove', ''],
  ['i', ''],
] as const
const ENDINGS = [
  ['ia', ''],
  ['ie', ''],
  ['a', ''],
  ['o', ''],
  ['e', ''],
] as const
const FLEETING_E = [['en', 'n']] as const
const DIGIT = /\p{N}/u

/**
 * A light Bulgarian stemmer on keys (after J. Savoy's, as in Lucene's BulgarianStemmer): one article,
 * then one plural ending or final vowel, go, and "-ен" loses its fleeting е (социален, социални →
 * sotsialn). Both sides use it, so it has to be consistent more than exact. Two endings are read from
 * the word as written: "-ът" (the key "at" also ends резултат, обхват) and щ before an article-like
 * "-та/-то/-те" (училище is not училищ + "-те"). Doubled letters count once in the stem.
 */
export function stemKey(key: string, written = ''): string {
  if (key.length <= MIN_STEM || DIGIT.test(key)) return collapse(key)
  let stem = /sht[aeo]$/.test(key) ? key : strip(key, ARTICLES)
  if (stem === key && written.endsWith('ът')) stem = strip(key, ARTICLE_AT)
  const plural = strip(stem, PLURALS)
  stem = plural !== stem ? plural : strip(stem, ENDINGS)
  return collapse(strip(stem, FLEETING_E))
}

/** A doubled letter once (stems are written so; a typed prefix is compared so). */
export const collapseLetters = (s: string) => s.replace(/(\p{L})\1+/gu, '$1')
const collapse = collapseLetters

const recentTerms = new Map<string, string>()
const RECENT_MAX = 50_000

/** The form a word is indexed and matched in: the stem of its key (cached: texts repeat their words). */
export function indexTerm(word: string): string {
  let term = recentTerms.get(word)
  if (term === undefined) {
    if (recentTerms.size >= RECENT_MAX) recentTerms.clear()
    term = stemKey(wordKey(word), word.normalize('NFC').toLowerCase())
    recentTerms.set(word, term)
  }
  return term
}

/** The words of a text as written, with their positions (for highlighting and query parsing). */
export function wordSpans(text: string): { word: string; start: number; end: number }[] {
  const spans: { word: string; start: number; end: number }[] = []
  for (const m of text.matchAll(WORD)) spans.push({ word: m[0], start: m.index, end: m.index + m[0].length })
  return spans
}

/** The words of a text as written, in order. */
export function textWords(text: string): string[] {
  return text.match(WORD) ?? []
}

/** The index terms of a text, in order (words whose key is empty are left out). */
export function textTerms(text: string): string[] {
  return textWords(text)
    .map(indexTerm)
    .filter((t) => t.length > 0)
}

/** Whether a word was typed in Cyrillic (a query typed in Latin may mean ъ by "u": see query.ts). */
export const isCyrillic = (word: string) => CYRILLIC_LETTER.test(word)

/** A word cut to at most `max` UTF-16 units without splitting a letter written as two (a surrogate pair). */
export function truncateWord(word: string, max: number): string {
  if (word.length <= max) return word
  const cut = word.slice(0, max)
  const last = cut.charCodeAt(cut.length - 1)
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut
}
