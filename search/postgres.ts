import { sql } from 'drizzle-orm'
import { db, queryRows, type DbOrTx } from '../db/client.server'
import {
  type Audience,
  emptyFacets,
  emptyResult,
  pageOf,
  perPageOf,
  type FacetCounts,
  type SearchEngine,
  type SearchFilters,
  type SearchHit,
  type SearchRequest,
  type SearchResult,
} from './engine'
import { count, has, intersect, intersectAll, subtract, union, type Bitset } from './bitset'
import { snippet, highlightText, type HighlightTerms } from './highlight'
import { countFacets, readSets, WORD_FIELDS, type TermRequest, type WordField } from './postings'
import { clearDocuments, indexDocuments, removeDocuments } from './postgres-writes'
import { parseQuery, queryPrefixes, typoTerms, type QueryGroup } from './query'
import { intArray, pageOfSet } from './result-page'
import { allowedTypos, matchesWithTypo } from './typos'

const TYPO_CANDIDATES = 24
const MAX_CORRECTIONS = 5

/** Words of the audience's documents within the typo budget of each typed word (nearest by trigram distance, then checked exactly). */
async function typoCorrections(runner: DbOrTx, groups: QueryGroup[], audience: Audience): Promise<Map<string, string[]>> {
  const terms = groups.filter((g) => g.typoTolerant && allowedTypos(g.term.length) > 0).map((g) => g.term)
  const corrections = new Map<string, string[]>()
  if (terms.length === 0) return corrections
  const rows = await queryRows<{ term: string; word: string }>(
    runner,
    sql`SELECT t.term, w.word
        FROM jsonb_array_elements_text(${JSON.stringify(terms)}::jsonb) AS t(term)
        CROSS JOIN LATERAL (SELECT word FROM search_terms${audience === 'staff' ? sql`` : sql` WHERE public_docs > 0`} ORDER BY word <-> t.term LIMIT ${TYPO_CANDIDATES}) w`,
  )
  for (const { term, word } of rows) {
    if (word.startsWith(term) || !matchesWithTypo(term, word)) continue
    const list = corrections.get(term) ?? []
    if (list.length < MAX_CORRECTIONS) corrections.set(term, [...list, word])
  }
  return corrections
}

type FilterFacet = 'types' | 'tags' | 'districts' | 'institutionKinds'
const FILTER_FIELDS: [FilterFacet, TermRequest['field']][] = [
  ['types', 'type'],
  ['tags', 'tags'],
  ['districts', 'districts'],
  ['institutionKinds', 'institutionKinds'],
]

/** Everything one search reads from the postings, in one statement. */
interface SearchSets {
  /** Documents the audience may see that pass the filters. */
  scope: Bitset
  /** How many documents the index holds (all audiences). */
  corpus: number
  /** Each query word (typed, synonym or correction), matched as a prefix, per field. */
  words: Map<string, Record<WordField, Bitset>>
}

async function readSearchSets(request: SearchRequest, words: string[]): Promise<SearchSets> {
  const filters: SearchFilters = request.filters ?? {}
  const requests: TermRequest[] = [
    { field: 'visibility', term: 'public', prefix: false },
    { field: 'visibility', term: 'staff', prefix: false },
  ]
  const filterAt: [number, number][] = []
  for (const [name, field] of FILTER_FIELDS) {
    const values = [...new Set(filters[name] ?? [])]
    if (values.length === 0) continue
    filterAt.push([requests.length, values.length])
    for (const term of values) requests.push({ field, term, prefix: false })
  }
  const wordsAt = requests.length
  for (const term of words) for (const field of WORD_FIELDS) requests.push({ field, term, prefix: true })
  const sets = await readSets(db, requests)
  const [publicDocs, staffDocs] = sets
  const everyDocument = union(publicDocs, staffDocs)
  const visible = request.audience === 'staff' ? everyDocument : publicDocs
  // Within a facet any listed value passes; across facets every filter must.
  const scope = intersectAll([visible, ...filterAt.map(([at, n]) => union(...sets.slice(at, at + n)))])
  const wordSets = new Map(
    words.map((w, i) => [w, Object.fromEntries(WORD_FIELDS.map((f, j) => [f, sets[wordsAt + i * WORD_FIELDS.length + j]])) as Record<WordField, Bitset>]),
  )
  return { scope, corpus: count(everyDocument), words: wordSets }
}

/** The documents whose field answers the query: per group any alternative (all its words) or correction; groups joined. */
function matching(sets: SearchSets, groups: QueryGroup[], corrections: Map<string, string[]>, join: '&' | '|', field: WordField): Bitset {
  const groupSets = groups.map((g) =>
    union(
      ...g.alternatives.map((words) => intersectAll(words.map((w) => sets.words.get(w)![field]))),
      ...(corrections.get(g.term) ?? []).map((w) => sets.words.get(w)![field]),
    ),
  )
  return join === '&' ? intersectAll(groupSets) : union(...groupSets)
}

/** What answering the query in a field adds to relevance; a match only in the body scores 0. */
const FIELD_WEIGHTS = [
  { field: 'title', exact: 8, typo: 4 },
  { field: 'summary', exact: 2, typo: 1 },
] as const

/**
 * Relevance: the sum of the field weights of the fields that answer the query (with the typed words,
 * or only through typo corrections). Returns the matches cut into tiers of one score, best first, and
 * the score of one document.
 */
function rank(sets: SearchSets, match: Bitset, groups: QueryGroup[], corrections: Map<string, string[]>, join: '&' | '|') {
  const none = new Map<string, string[]>()
  const [title, summary] = FIELD_WEIGHTS.map((w) => {
    const exactSet = matching(sets, groups, none, join, w.field)
    const fullSet = matching(sets, groups, corrections, join, w.field)
    return { ...w, exactSet, fullSet, typoSet: subtract(fullSet, exactSet) }
  })
  const parts = (f: typeof title) =>
    [
      { score: f.exact, of: (s: Bitset) => intersect(s, f.exactSet) },
      { score: f.typo, of: (s: Bitset) => intersect(s, f.typoSet) },
      { score: 0, of: (s: Bitset) => subtract(s, f.fullSet) },
    ] as const
  const tiers: { score: number; set: Bitset; size: number }[] = []
  for (const t of parts(title)) {
    const inTitle = t.of(match)
    for (const s of parts(summary)) {
      const set = s.of(inTitle)
      const size = count(set)
      if (size > 0) tiers.push({ score: t.score + s.score, set, size })
    }
  }
  // The weights give every combination its own score (10, 9, 8, 6, 5, 4, 2, 1, 0), so no two tiers tie.
  tiers.sort((a, b) => b.score - a.score)
  const fieldScore = (f: typeof title, docNo: number) => (has(f.exactSet, docNo) ? f.exact : has(f.fullSet, docNo) ? f.typo : 0)
  return { tiers, scoreOf: (docNo: number) => fieldScore(title, docNo) + fieldScore(summary, docNo) }
}

interface RawHit {
  doc_no: number
  type: SearchHit['type']
  id: string
  url: string
  title: string
  summary: string
  body: string
  tags: string[]
  districts: string[]
  institutionKinds: string[]
  date: string | Date | null
  popularity: number
}

/**
 * The rows of a page's documents. They are read after the postings, so the visibility is checked
 * again: a document made staff-only in between must not reach the public.
 */
async function readHits(docNos: number[], audience: Audience): Promise<RawHit[]> {
  if (docNos.length === 0) return []
  const rows = await queryRows<RawHit>(
    db,
    sql`SELECT d.doc_no, d.doc_type AS type, d.doc_id AS id, t.url, t.title, t.summary, t.body, d.tags, d.districts,
               d.institution_kinds AS "institutionKinds", d.date, d.popularity
        FROM search_documents d JOIN search_texts t ON t.doc_type = d.doc_type AND t.doc_id = d.doc_id
        WHERE d.doc_no = ANY(${intArray(docNos)}::int[])${audience === 'staff' ? sql`` : sql` AND d.visibility = 'public'`}`,
  )
  const byNo = new Map(rows.map((r) => [Number(r.doc_no), r]))
  return docNos.flatMap((n) => byNo.get(n) ?? [])
}

async function facetCounts(set: Bitset): Promise<FacetCounts> {
  const facets = emptyFacets()
  for (const { field, term, n } of await countFacets(db, set)) facets[field as keyof FacetCounts][term] = Number(n)
  return facets
}

function toHit(raw: RawHit, terms: HighlightTerms): SearchHit {
  return {
    type: raw.type,
    id: raw.id,
    url: raw.url,
    title: raw.title,
    titleHighlighted: highlightText(raw.title, terms),
    snippet: snippet([raw.summary, raw.body], terms),
    tags: raw.tags,
    districts: raw.districts,
    institutionKinds: raw.institutionKinds,
    date: raw.date ? new Date(raw.date).toISOString() : null,
    popularity: raw.popularity,
  }
}

/**
 * The default engine, in PostgreSQL itself (also embedded PGlite): an inverted index of canonical
 * (transliterated) words and facet values as bitmaps (search/postings.ts), typo corrections from a
 * trigram index of the indexed words. A search reads the postings of its words, combines them here,
 * counts facets in one statement and reads only the rows of its page (search/result-page.ts).
 */
export function postgresEngine(): SearchEngine {
  return {
    kind: 'postgres',

    async prepare() {},

    index: indexDocuments,
    remove: removeDocuments,
    clear: clearDocuments,

    async search(request): Promise<SearchResult> {
      const parsed = parseQuery(request.q)
      if (parsed.hasInput && parsed.groups.length === 0) return emptyResult(request)
      const hasQuery = parsed.groups.length > 0
      const corrections = hasQuery ? await typoCorrections(db, parsed.groups, request.audience) : new Map<string, string[]>()
      const words = [...new Set([...queryPrefixes(parsed), ...[...corrections.values()].flat()])]
      const sets = await readSearchSets(request, words)

      let join: '&' | '|' = '&'
      let match = hasQuery ? intersect(matching(sets, parsed.groups, corrections, join, 'all'), sets.scope) : sets.scope
      let total = count(match)
      // Like Meilisearch's matching strategy: when no document has every word, rank those with some.
      if (total === 0 && parsed.groups.length > 1) {
        join = '|'
        match = intersect(matching(sets, parsed.groups, corrections, join, 'all'), sets.scope)
        total = count(match)
      }
      const page = pageOf(request)
      const perPage = perPageOf(request)
      const offset = (page - 1) * perPage
      const sort = request.sort ?? 'relevance'

      const pageDocNos = async (): Promise<number[]> => {
        if (sort === 'newest' || (sort === 'relevance' && !hasQuery)) return pageOfSet(match, total, sets.corpus, 'newest', offset, perPage)
        if (!hasQuery) return pageOfSet(match, total, sets.corpus, 'popular', offset, perPage)
        const { tiers, scoreOf } = rank(sets, match, parsed.groups, corrections, join)
        if (sort === 'popular') return pageOfSet(match, total, sets.corpus, 'popular', offset, perPage, { score: scoreOf })
        const out: number[] = []
        let skip = offset
        for (const tier of tiers) {
          if (out.length === perPage) break
          if (skip >= tier.size) {
            skip -= tier.size
            continue
          }
          out.push(...(await pageOfSet(tier.set, tier.size, sets.corpus, 'newest', skip, perPage - out.length)))
          skip = 0
        }
        return out
      }
      const [facets, hits] = await Promise.all([facetCounts(match), pageDocNos().then((docNos) => readHits(docNos, request.audience))])
      const terms: HighlightTerms = { prefixes: words, typoTerms: typoTerms(parsed) }
      return { query: request.q, total, page, perPage, hits: hits.map((h) => toHit(h, terms)), facets }
    },

    async health() {
      try {
        await db.execute(sql`SELECT 1 FROM search_postings LIMIT 1`)
        return { ok: true }
      } catch (error) {
        return { ok: false, detail: error instanceof Error ? error.message : 'unknown error' }
      }
    },
  }
}
