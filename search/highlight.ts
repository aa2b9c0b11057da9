import type { QueryTerm } from './query'
import { indexTerm, wordSpans } from './text'
import { matchesWithTypo } from './typos'

export const MARK_OPEN = '<mark>'
export const MARK_CLOSE = '</mark>'

export interface HighlightTerms {
  /** Index terms the query matched, exactly or as prefixes (typed words, synonyms, typo corrections). */
  terms: QueryTerm[]
  /** Typed terms that may also match within the typo budget (the engine may not say which words it took). */
  typoTerms: string[]
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')

const matchers = new WeakMap<HighlightTerms, (word: string) => boolean>()

/** Whether a word matches; one per terms object, so a search's hits share the decisions (typo checks cost). */
function matcher(terms: HighlightTerms) {
  const known = matchers.get(terms)
  if (known) return known
  const exact = new Set(terms.terms.filter((t) => !t.prefix).map((t) => t.term))
  const prefixes = terms.terms.filter((t) => t.prefix && t.term.length > 0).map((t) => t.term)
  const cache = new Map<string, boolean>()
  const matches = (word: string) => {
    const term = indexTerm(word)
    let hit = cache.get(term)
    if (hit === undefined) {
      hit =
        exact.has(term) ||
        prefixes.some((p) => term.startsWith(p)) ||
        terms.typoTerms.some((t) => matchesWithTypo(t, term))
      cache.set(term, hit)
    }
    return hit
  }
  matchers.set(terms, matches)
  return matches
}

/** HTML-escaped text with matching words wrapped in <mark>; the same rules in every engine. */
export function highlightText(text: string, terms: HighlightTerms): string {
  const matches = matcher(terms)
  let out = ''
  let at = 0
  for (const span of wordSpans(text)) {
    if (!matches(span.word)) continue
    out += escapeHtml(text.slice(at, span.start)) + MARK_OPEN + escapeHtml(span.word) + MARK_CLOSE
    at = span.end
  }
  return out + escapeHtml(text.slice(at))
}

/**
 * A short passage around the first match in the given texts (in order), highlighted; without a
 * match, the beginning of the first non-empty text.
 */
export function snippet(texts: string[], terms: HighlightTerms, maxLength = 220): string {
  const matches = matcher(terms)
  for (const text of texts) {
    const first = wordSpans(text).find((s) => matches(s.word))
    if (!first) continue
    const from = first.start <= maxLength / 3 ? 0 : text.lastIndexOf(' ', first.start - Math.floor(maxLength / 3)) + 1
    return clip(text, from, maxLength, terms)
  }
  const fallback = texts.find((t) => t.trim().length > 0) ?? ''
  return clip(fallback, 0, maxLength, terms)
}

function clip(text: string, from: number, maxLength: number, terms: HighlightTerms): string {
  let to = Math.min(text.length, from + maxLength)
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to)
    if (space > from + maxLength / 2) to = space
  }
  const passage = text.slice(from, to).replace(/\s+/g, ' ').trim()
  return (from > 0 ? '… ' : '') + highlightText(passage, terms) + (to < text.length ? ' …' : '')
}

/** Splits highlighted HTML back into plain segments (for rendering without innerHTML). */
export function highlightSegments(html: string): { text: string; marked: boolean }[] {
  const unescape = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&')
  const segments: { text: string; marked: boolean }[] = []
  for (const [i, part] of html.split(/<\/?mark>/).entries())
    if (part) segments.push({ text: unescape(part), marked: i % 2 === 1 })
  return segments
}
