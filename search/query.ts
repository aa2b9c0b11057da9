import { BULGARIAN_STOP_WORDS, ENGLISH_STOP_WORDS } from './data/stop-words'
import { SYNONYM_GROUPS } from './data/synonyms'
import { collapseLetters, indexTerm, isCyrillic, stemKey, textTerms, textWords, truncateWord, wordKey } from './text'

/** One index term a query asks for; a prefix term matches every index term that starts with it. */
export interface QueryTerm {
  term: string
  prefix: boolean
}

/** Terms that must all occur; in a phrase, one after another. */
export interface Alternative {
  terms: QueryTerm[]
  phrase: boolean
}

/** One position of a query: what was typed, and what may stand for it (any alternative). */
export interface QueryGroup {
  /** The typed text, as index terms joined by spaces (for reports and synonyms). */
  text: string
  alternatives: Alternative[]
  /** A single typed word may also match index terms within its typo budget; this is the term compared. */
  typoTerm: string | null
  /** Typed in quotes, or as words joined without a space: a phrase. */
  quoted: boolean
}

export interface ParsedQuery {
  /** Something was typed (even if only symbols). */
  hasInput: boolean
  groups: QueryGroup[]
}

const MAX_GROUPS = 10
const MAX_WORD = 40
/** The last word is matched as a prefix (search as you type) from this many letters on. */
export const PREFIX_MIN_LETTERS = 3

const bulgarianStop = new Set(BULGARIAN_STOP_WORDS)
const bulgarianStopTerms = new Set(BULGARIAN_STOP_WORDS.map(indexTerm))
const englishStop = new Set(ENGLISH_STOP_WORDS)

interface Synonym {
  terms: string[]
  /** Written in capitals in the list (ДСП, СО): matched only whole, never as a prefix or with a typo. */
  acronym: boolean
}
const synonymGroups: Synonym[][] = SYNONYM_GROUPS.map((group) =>
  group
    .map((phrase) => ({
      terms: textTerms(phrase),
      acronym: !/\s/.test(phrase.trim()) && phrase === phrase.toUpperCase(),
    }))
    .filter((s) => s.terms.length > 0),
)
const longestSynonym = Math.max(...synonymGroups.flat().map((s) => s.terms.length))

/** A typed word, as the parser sees it. */
interface Token {
  word: string
  term: string
  key: string
  quoted: number | null
}

function isStopWord(token: Token): boolean {
  const lower = token.word.toLowerCase()
  if (isCyrillic(token.word)) return bulgarianStop.has(lower)
  return bulgarianStopTerms.has(token.term) || (token.word === lower && englishStop.has(lower))
}

/** The synonym group whose phrase starts at `tokens[at]` (longest phrase wins), with its length. */
function synonymAt(tokens: Token[], at: number): { length: number; group: Synonym[]; typed: Synonym } | null {
  for (let len = Math.min(longestSynonym, tokens.length - at); len >= 1; len--) {
    const slice = tokens.slice(at, at + len)
    if (slice.some((t) => t.quoted !== slice[0].quoted)) continue
    // "so" typed in lower-case Latin is the English word, not the acronym СО.
    if (
      len === 1 &&
      isStopWord(slice[0]) &&
      !isCyrillic(slice[0].word) &&
      slice[0].word === slice[0].word.toLowerCase()
    )
      continue
    const text = slice.map((t) => t.term).join(' ')
    for (const group of synonymGroups) {
      const typed = group.find((s) => s.terms.join(' ') === text)
      if (typed) return { length: len, group, typed }
    }
  }
  return null
}

/**
 * A Latin word typed for a Bulgarian one may write ъ as "u" (sud for съд) and ж as "j" (jena): these
 * readings are tried too. The key already reads "j" as й and "u" as у.
 */
function latinReadings(word: string): string[] {
  if (isCyrillic(word)) return []
  const lower = word.toLowerCase()
  const out = new Set<string>()
  const us = [...lower.matchAll(/u/g)].map((m) => m.index).slice(0, 2)
  for (const at of us) out.add(lower.slice(0, at) + 'a' + lower.slice(at + 1))
  if (us.length > 1) out.add(lower.replace(/u/g, 'a'))
  if (lower.includes('j')) out.add(lower.replace(/j/g, 'zh'))
  return [...out]
}

/** How a single typed word is matched: its stem exactly, and (the last word) as a prefix of index terms. */
function wordAlternatives(token: Token, last: boolean): Alternative[] {
  const letters = Array.from(token.word.normalize('NFC')).length
  const asPrefix = last && token.quoted === null && letters >= PREFIX_MIN_LETTERS
  const forms = [token.word, ...latinReadings(token.word)]
  const out: Alternative[] = []
  const seen = new Set<string>()
  const add = (term: string, prefix: boolean) => {
    const k = `${prefix ? '>' : '='}${term}`
    if (!term || seen.has(k)) return
    seen.add(k)
    out.push({ terms: [{ term, prefix }], phrase: false })
  }
  for (const form of forms) {
    const key = wordKey(truncateWord(form, MAX_WORD))
    add(stemKey(key, form.toLowerCase()), false)
    if (asPrefix) add(collapseLetters(key), true)
  }
  return out
}

/**
 * Splits a query into words and "quoted phrases", expands synonyms and drops stop words (unless nothing else is left).
 */
export function parseQuery(raw: string | null | undefined): ParsedQuery {
  const text = (raw ?? '').slice(0, 500)
  const tokens: Token[] = []
  let phrase = 0
  // Quoted parts (an unclosed quote runs to the end) are phrases, and so are words joined without a
  // space (С-2026-0029, catch-up); the rest are single words.
  text.split('"').forEach((part, i) => {
    const quoted = i % 2 === 1 ? ++phrase : null
    for (const chunk of i % 2 === 1 ? [part] : part.split(/\s+/)) {
      const words = textWords(chunk)
      const id = quoted ?? (words.length > 1 ? ++phrase : null)
      for (const word of words) {
        const cut = truncateWord(word, MAX_WORD)
        const key = wordKey(cut)
        if (!key) continue
        tokens.push({ word: cut, term: stemKey(key, cut.normalize('NFC').toLowerCase()), key, quoted: id })
      }
    }
  })
  const groups: (QueryGroup & { stop: boolean })[] = []
  for (let i = 0; i < tokens.length;) {
    const token = tokens[i]
    if (token.quoted !== null) {
      let n = 0
      while (i + n < tokens.length && tokens[i + n].quoted === token.quoted) n++
      const inPhrase = tokens.slice(i, i + n)
      const meaningful = inPhrase.filter((t) => !isStopWord(t))
      const kept = meaningful.length > 0 ? meaningful : inPhrase
      const alternatives =
        kept.length === 1
          ? wordAlternatives(kept[0], false)
          : [{ terms: kept.map((t) => ({ term: t.term, prefix: false })), phrase: true }]
      groups.push({ text: kept.map((t) => t.term).join(' '), alternatives, typoTerm: null, quoted: true, stop: false })
      i += n
      continue
    }
    const synonym = synonymAt(tokens, i)
    const last = i + (synonym?.length ?? 1) === tokens.length
    if (synonym) {
      const others = synonym.group
        .filter((s) => s !== synonym.typed)
        .map((s): Alternative => ({
          terms: s.terms.map((term) => ({ term, prefix: false })),
          phrase: s.terms.length > 1,
        }))
      // What was typed matches as typed (its words anywhere, side by side ranked first); the group's other phrases only
      // whole.
      const typed: Alternative[] =
        synonym.length === 1 && !synonym.typed.acronym
          ? wordAlternatives(token, last)
          : [{ terms: synonym.typed.terms.map((term) => ({ term, prefix: false })), phrase: false }]
      groups.push({
        text: synonym.typed.terms.join(' '),
        alternatives: [...typed, ...others],
        typoTerm: null,
        quoted: false,
        stop: false,
      })
      i += synonym.length
      continue
    }
    groups.push({
      text: token.term,
      alternatives: wordAlternatives(token, last),
      typoTerm: token.term,
      quoted: false,
      stop: isStopWord(token),
    })
    i++
  }
  const meaningful = groups.filter((g) => !g.stop)
  const kept = (meaningful.length > 0 ? meaningful : groups).slice(0, MAX_GROUPS)
  return { hasInput: text.trim().length > 0, groups: kept.map(({ stop: _stop, ...g }) => g) }
}

/** Every term a parsed query matches, exactly or as a prefix (for highlighting). */
export function queryTerms(query: ParsedQuery): QueryTerm[] {
  const seen = new Map<string, QueryTerm>()
  for (const t of query.groups.flatMap((g) => g.alternatives.flatMap((a) => a.terms)))
    seen.set(`${t.prefix}${t.term}`, t)
  return [...seen.values()]
}

/** The typed terms that may match with typos (for highlighting). */
export function typoTerms(query: ParsedQuery): string[] {
  return query.groups.flatMap((g) => (g.typoTerm ? [g.typoTerm] : []))
}

const stopTerms = new Set([...bulgarianStopTerms, ...ENGLISH_STOP_WORDS.map(indexTerm)])

/**
 * Index terms of function words: neighbouring pairs skip them (on both sides), so "ден на отворените врати" pairs "den
 * otvorn".
 */
export const isStopTerm = (term: string) => stopTerms.has(term)
