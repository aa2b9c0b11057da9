import { STOP_WORDS } from './data/stop-words'
import { SYNONYM_GROUPS } from './data/synonyms'
import { canonicalWord, canonicalWords, truncateWord } from './transliteration'

/** One position of a query: the word typed, and what may stand for it (each alternative = words that must all occur). */
export interface QueryGroup {
  term: string
  alternatives: string[][]
  /** Single typed words may also match indexed words within the typo budget. */
  typoTolerant: boolean
}

export interface ParsedQuery {
  /** Something was typed (even if only symbols). */
  hasInput: boolean
  groups: QueryGroup[]
}

const MAX_GROUPS = 10
const MAX_WORD = 40

const stopWords = new Set(STOP_WORDS.map(canonicalWord))
const synonymGroups: string[][][] = SYNONYM_GROUPS.map((group) => group.map((phrase) => canonicalWords(phrase)).filter((w) => w.length > 0))
const longestSynonym = Math.max(...synonymGroups.flat().map((p) => p.length))

/** The synonym group whose phrase starts at `words[at]` (longest phrase wins). */
function synonymAt(words: string[], at: number): { length: number; alternatives: string[][] } | null {
  for (let len = Math.min(longestSynonym, words.length - at); len >= 1; len--) {
    const slice = words.slice(at, at + len).join(' ')
    const group = synonymGroups.find((g) => g.some((phrase) => phrase.join(' ') === slice))
    if (group) return { length: len, alternatives: group }
  }
  return null
}

/** Splits a query into canonical words, expands synonyms and drops stop words (unless nothing else is left). */
export function parseQuery(raw: string | null | undefined): ParsedQuery {
  const text = (raw ?? '').slice(0, 500)
  const words = canonicalWords(text).map((w) => truncateWord(w, MAX_WORD))
  const groups: QueryGroup[] = []
  for (let i = 0; i < words.length; ) {
    const synonym = synonymAt(words, i)
    if (synonym) {
      groups.push({ term: words.slice(i, i + synonym.length).join(' '), alternatives: synonym.alternatives, typoTolerant: false })
      i += synonym.length
    } else {
      groups.push({ term: words[i], alternatives: [[words[i]]], typoTolerant: true })
      i++
    }
  }
  const meaningful = groups.filter((g) => !stopWords.has(g.term))
  return { hasInput: text.trim().length > 0, groups: (meaningful.length > 0 ? meaningful : groups).slice(0, MAX_GROUPS) }
}

/** Every word a parsed query may match as a prefix (for highlighting). */
export function queryPrefixes(query: ParsedQuery): string[] {
  return [...new Set(query.groups.flatMap((g) => g.alternatives.flat()))]
}

/** The typed words that may match with typos (for highlighting). */
export function typoTerms(query: ParsedQuery): string[] {
  return query.groups.filter((g) => g.typoTolerant).map((g) => g.term)
}
