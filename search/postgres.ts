import { sql } from 'drizzle-orm'

import { db, queryRows, type DbOrTx } from '../db/client.server'
import { count, intersect, intersectAll, union, type Bitset } from './bitset'
import {
  emptyFacets,
  emptyResult,
  pageOf,
  perPageOf,
  type Audience,
  type FacetCounts,
  type SearchEngine,
  type SearchFilters,
  type SearchHit,
  type SearchRequest,
  type SearchResult,
} from './engine'
import { highlightText, snippet, type HighlightTerms } from './highlight'
import { clearDocuments, indexDocuments, liveGeneration, rebuildIndex, removeDocuments } from './postgres-writes'
import { countFacets, readSets, WORD_FIELDS, type TermRequest, type WordField } from './postings'
import { isStopTerm, parseQuery, queryTerms, typoTerms, type QueryGroup, type QueryTerm } from './query'
import { scoreDocuments, scoreTiers, type GroupEvidence } from './ranking'
import { intArray, pageOfSet, pageOfTiers } from './result-page'
import { allowedTypos, matchesWithTypo } from './typos'

const TYPO_CANDIDATES = 24
const MAX_CORRECTIONS = 5

/**
 * Index terms of the audience's documents within the typo budget of each typed term (nearest by trigram distance, then
 * checked exactly).
 */
async function typoCorrections(
  runner: DbOrTx,
  groups: QueryGroup[],
  audience: Audience,
): Promise<Map<string, string[]>> {
  const terms = [
    ...new Set(groups.flatMap((g) => (g.typoTerm && allowedTypos(g.typoTerm.length) > 0 ? [g.typoTerm] : []))),
  ]
  const corrections = new Map<string, string[]>()
  if (terms.length === 0) return corrections
  const rows = await queryRows<{ term: string; word: string }>(
    runner,
    sql`SELECT t.term, w.word
        FROM jsonb_array_elements_text(${JSON.stringify(terms)}::jsonb) AS t(term)
        CROSS JOIN LATERAL (
          SELECT word FROM search_terms${audience === 'staff' ? sql`` : sql` WHERE public_docs > 0`}
          ORDER BY word <-> t.term LIMIT ${TYPO_CANDIDATES}
        ) w`,
  )
  for (const { term, word } of rows) {
    if (word === term || !matchesWithTypo(term, word)) continue
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

const termKey = (t: QueryTerm) => `${t.prefix ? '>' : '='}${t.term}`

/** The neighbouring pairs of a phrase's terms (stop words left out, as in the index). */
function phrasePairs(terms: QueryTerm[]): QueryTerm[] {
  const kept = terms.filter((t) => !isStopTerm(t.term))
  return kept.slice(1).map((t, i) => ({ term: `${kept[i].term} ${t.term}`, prefix: t.prefix }))
}

/**
 * Pair terms that say two neighbouring query groups stand side by side: each single term of one with each of the next.
 */
function groupPairs(a: QueryGroup, b: QueryGroup): QueryTerm[] {
  const singles = (g: QueryGroup) =>
    g.alternatives.filter((alt) => alt.terms.length === 1 && !isStopTerm(alt.terms[0].term)).map((alt) => alt.terms[0])
  return singles(a)
    .filter((t) => !t.prefix)
    .flatMap((x) => singles(b).map((y) => ({ term: `${x.term} ${y.term}`, prefix: y.prefix })))
    .slice(0, 8)
}

/** Everything one search reads from the postings, in one statement. */
interface SearchSets {
  /** Documents the audience may see that pass the filters. */
  scope: Bitset
  /** How many documents the live index holds (all audiences). */
  corpus: number
  /** The set of each requested term, by termKey and field. */
  terms: Map<string, Record<WordField, Bitset>>
  pairs: Map<string, Bitset>
}

async function readSearchSets(
  request: SearchRequest,
  gen: number,
  terms: QueryTerm[],
  pairs: QueryTerm[],
): Promise<SearchSets> {
  const filters: SearchFilters = request.filters ?? {}
  const requests: TermRequest[] = [
    { field: 'gen', term: String(gen), prefix: false },
    { field: 'visibility', term: 'public', prefix: false },
  ]
  const filterAt: [number, number][] = []
  for (const [name, field] of FILTER_FIELDS) {
    const values = [...new Set(filters[name] ?? [])]
    if (values.length === 0) continue
    filterAt.push([requests.length, values.length])
    for (const term of values) requests.push({ field, term, prefix: false })
  }
  const termsAt = requests.length
  for (const t of terms) for (const field of WORD_FIELDS) requests.push({ field, ...t })
  const pairsAt = requests.length
  for (const p of pairs) requests.push({ field: 'pair', ...p })
  const sets = await readSets(db, requests)
  // Only the live generation is searched (a reindex may be building the next one beside it).
  const [everyDocument, publicDocs] = sets
  const visible = request.audience === 'staff' ? everyDocument : intersect(everyDocument, publicDocs)
  // Within a facet any listed value passes; across facets every filter must.
  const scope = intersectAll([visible, ...filterAt.map(([at, n]) => union(...sets.slice(at, at + n)))])
  return {
    scope,
    corpus: count(everyDocument),
    terms: new Map(
      terms.map((t, i) => [
        termKey(t),
        Object.fromEntries(WORD_FIELDS.map((f, j) => [f, sets[termsAt + i * WORD_FIELDS.length + j]])) as Record<
          WordField,
          Bitset
        >,
      ]),
    ),
    pairs: new Map(pairs.map((p, i) => [termKey(p), sets[pairsAt + i]])),
  }
}

/**
 * The documents whose field holds an alternative of the group (a phrase's terms side by side), or, with typos, a
 * correction.
 */
function groupSet(sets: SearchSets, group: QueryGroup, corrections: string[], field: WordField): Bitset {
  const alternatives = group.alternatives.map((alt) => {
    const all = intersectAll(alt.terms.map((t) => sets.terms.get(termKey(t))![field]))
    return alt.phrase ? intersectAll([all, ...phrasePairs(alt.terms).map((p) => sets.pairs.get(termKey(p))!)]) : all
  })
  return union(...alternatives, ...corrections.map((w) => sets.terms.get(termKey({ term: w, prefix: false }))![field]))
}

function evidence(sets: SearchSets, group: QueryGroup, corrections: Map<string, string[]>): GroupEvidence {
  const fixes = (group.typoTerm && corrections.get(group.typoTerm)) || []
  const of = (list: string[]) => ({
    title: groupSet(sets, group, list, 'title'),
    summary: groupSet(sets, group, list, 'summary'),
    all: groupSet(sets, group, list, 'all'),
  })
  const full = of(fixes)
  return { exact: fixes.length ? of([]) : full, full, df: count(full.all) }
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
        FROM search_documents d JOIN search_texts t ON t.gen = d.gen AND t.doc_type = d.doc_type AND t.doc_id = d.doc_id
        WHERE d.doc_no = ANY(${intArray(docNos)}::int[])
          ${audience === 'staff' ? sql`` : sql`AND d.visibility = 'public'`}`,
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
 * The default engine, in PostgreSQL itself (also embedded PGlite): an inverted index of index terms
 * (search/text.ts), neighbouring-term pairs and facet values as bitmaps (search/postings.ts), typo
 * corrections from a trigram index of the indexed terms. A search reads the postings of its terms,
 * combines and ranks them here (search/ranking.ts), counts facets in one statement and reads only the
 * rows of its page (search/result-page.ts).
 */
export function postgresEngine(): SearchEngine {
  return {
    kind: 'postgres',

    async prepare() {},

    index: indexDocuments,
    remove: removeDocuments,
    clear: clearDocuments,
    rebuild: rebuildIndex,

    async search(request): Promise<SearchResult> {
      const parsed = parseQuery(request.q)
      if (parsed.hasInput && parsed.groups.length === 0) return emptyResult(request)
      const groups = parsed.groups
      const hasQuery = groups.length > 0
      const [gen, corrections] = await Promise.all([
        liveGeneration(db),
        hasQuery ? typoCorrections(db, groups, request.audience) : new Map<string, string[]>(),
      ])
      const terms = [
        ...new Map(
          [...queryTerms(parsed), ...[...corrections.values()].flat().map((term) => ({ term, prefix: false }))].map(
            (t) => [termKey(t), t],
          ),
        ).values(),
      ]
      const proximityPairs = groups.slice(1).map((g, i) => groupPairs(groups[i], g))
      const phrase = groups.flatMap((g) => g.alternatives.filter((a) => a.phrase).flatMap((a) => phrasePairs(a.terms)))
      const pairs = [...new Map([...proximityPairs.flat(), ...phrase].map((p) => [termKey(p), p])).values()]
      const sets = await readSearchSets(request, gen, terms, pairs)

      const groupEvidence = groups.map((g) => evidence(sets, g, corrections))
      // Meilisearch's default matching strategy ("last"): the documents with the first group, those with
      // every group ranked first; when no document has every group, those with any (more groups first).
      const sets_ = groupEvidence.map((e) => intersect(e.full.all, sets.scope))
      let match = hasQuery ? sets_[0] : sets.scope
      if (groups.length > 1 && count(intersectAll(sets_)) === 0) match = union(...sets_)
      const total = count(match)
      const page = pageOf(request)
      const perPage = perPageOf(request)
      const offset = (page - 1) * perPage
      const sort = request.sort ?? 'relevance'

      const pageDocNos = async (): Promise<number[]> => {
        if (sort !== 'relevance' || !hasQuery)
          return pageOfSet(match, total, sets.corpus, sort === 'popular' ? 'popular' : 'newest', offset, perPage)
        const proximity = proximityPairs.map((list) => union(...list.map((p) => sets.pairs.get(termKey(p))!)))
        return pageOfTiers(
          scoreTiers(scoreDocuments(match, groupEvidence, proximity, sets.corpus)),
          sets.corpus,
          offset,
          perPage,
        )
      }
      const [facets, hits] = await Promise.all([
        facetCounts(match),
        pageDocNos().then((docNos) => readHits(docNos, request.audience)),
      ])
      const highlight: HighlightTerms = { terms: terms, typoTerms: typoTerms(parsed) }
      return { query: request.q, total, page, perPage, hits: hits.map((h) => toHit(h, highlight)), facets }
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
