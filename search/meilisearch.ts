import { Meilisearch, type Settings } from 'meilisearch'
import type { SearchDocType } from '../db/schema/search'
import { SYNONYM_GROUPS } from './data/synonyms'
import {
  emptyFacets,
  emptyResult,
  FACETS,
  pageOf,
  perPageOf,
  type FacetCounts,
  type SearchDocument,
  type SearchEngine,
  type SearchHit,
  type SearchRequest,
} from './engine'
import { highlightText, snippet, type HighlightTerms } from './highlight'
import { parseQuery, queryTerms, typoTerms, type ParsedQuery } from './query'
import { textTerms } from './text'

/**
 * Meilisearch engine (chosen when MEILI_HOST is set), written against the official client's
 * documented API. Text is indexed and queried as the PostgreSQL engine's index terms (search/text.ts:
 * one Latin key for every spelling, Bulgarian endings stemmed), so transliteration, informal Latin,
 * inflections and synonyms behave the same; stop words are dropped by the shared query parser (so
 * the acronym СО is not taken for "so"). The original text is kept for display and highlighting.
 */

/** The slice of the client this engine uses (the real client satisfies it; tests pass a fake). */
export interface MeiliTask {
  waitTask(): Promise<{ status: string; error?: { message?: string } | null }>
}
export interface MeiliIndex {
  updateSettings(settings: Settings): MeiliTask
  addDocuments(documents: MeiliDocument[], options?: { primaryKey?: string }): MeiliTask
  deleteDocuments(params: string[] | { filter: string }): MeiliTask
  deleteAllDocuments(): MeiliTask
  search(query: string | null, options: Record<string, unknown>): Promise<{ hits: MeiliDocument[]; totalHits?: number; facetDistribution?: Record<string, Record<string, number>> }>
}
export interface MeiliClient {
  index(uid: string): MeiliIndex
  health(): Promise<{ status: string }>
}

export interface MeiliDocument {
  key: string
  type: SearchDocType
  id: string
  visibility: 'public' | 'staff'
  title: string
  summary: string
  body: string
  url: string
  tags: string[]
  districts: string[]
  institutionKinds: string[]
  /** Milliseconds since the epoch (sortable). */
  date: number | null
  popularity: number
  titleTerms: string
  summaryTerms: string
  bodyTerms: string
}

const termText = (text: string) => textTerms(text).join(' ')

/** Synonyms as index terms, every phrase of a group pointing at the others. */
function synonymSettings(): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const group of SYNONYM_GROUPS) {
    const phrases = group.map(termText).filter(Boolean)
    for (const phrase of phrases) out[phrase] = [...new Set([...(out[phrase] ?? []), ...phrases.filter((p) => p !== phrase)])]
  }
  return out
}

/** Index settings kept in code and applied on start. */
export function meiliSettings(): Settings {
  return {
    searchableAttributes: ['titleTerms', 'summaryTerms', 'bodyTerms'],
    displayedAttributes: ['*'],
    filterableAttributes: ['type', 'visibility', 'tags', 'districts', 'institutionKinds'],
    sortableAttributes: ['date', 'popularity'],
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
    synonyms: synonymSettings(),
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
    faceting: { maxValuesPerFacet: 100 },
    pagination: { maxTotalHits: 10_000 },
  }
}

const quote = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
const inList = (field: string, values: string[]) => `${field} IN [${values.map(quote).join(', ')}]`

/** The filter of every query: access first (public callers never see staff documents), then the user's filters. */
export function meiliFilter(request: SearchRequest): string[] {
  const f = request.filters ?? {}
  const filter = [request.audience === 'staff' ? inList('visibility', ['public', 'staff']) : `visibility = ${quote('public')}`]
  if (f.types?.length) filter.push(inList('type', f.types))
  if (f.tags?.length) filter.push(inList('tags', f.tags))
  if (f.districts?.length) filter.push(inList('districts', f.districts))
  if (f.institutionKinds?.length) filter.push(inList('institutionKinds', f.institutionKinds))
  return filter
}

export function meiliSort(request: SearchRequest, hasQuery: boolean): string[] | undefined {
  const sort = request.sort ?? 'relevance'
  if (sort === 'popular') return ['popularity:desc', 'date:desc']
  if (sort === 'newest' || !hasQuery) return ['date:desc']
  return undefined
}

/** Meilisearch ids allow letters, digits, '-' and '_' only. */
export const meiliKey = (type: SearchDocType, id: string) => `${type}-${id}`.replace(/[^A-Za-z0-9_-]/g, '_')

export function toMeiliDocument(d: SearchDocument): MeiliDocument {
  return {
    key: meiliKey(d.type, d.id),
    type: d.type,
    id: d.id,
    visibility: d.visibility,
    title: d.title,
    summary: d.summary,
    body: d.body,
    url: d.url,
    tags: d.tags,
    districts: d.districts,
    institutionKinds: d.institutionKinds,
    date: d.date ? new Date(d.date).getTime() : null,
    popularity: d.popularity,
    titleTerms: termText(d.title),
    summaryTerms: termText(d.summary),
    bodyTerms: termText(d.body),
  }
}

/**
 * The query Meilisearch gets: each group's own terms (a quoted phrase stays quoted); Meilisearch then
 * expands synonyms, matches the last word as a prefix and allows typos itself.
 */
export function meiliQuery(parsed: ParsedQuery): string {
  return parsed.groups
    .map((g) => {
      const typed = g.alternatives[0].terms.map((t) => t.term).join(' ')
      return g.quoted ? `"${typed}"` : typed
    })
    .join(' ')
}

async function done(task: MeiliTask) {
  const result = await task.waitTask()
  if (result.status !== 'succeeded') throw new Error(`Meilisearch task ${result.status}: ${result.error?.message ?? ''}`)
}

export function meilisearchEngine(client: MeiliClient, indexUid = 'documents'): SearchEngine {
  const index = () => client.index(indexUid)
  let prepared: Promise<void> | undefined
  const prepare = () => {
    prepared ??= done(index().updateSettings(meiliSettings())).catch((error) => {
      prepared = undefined
      throw error
    })
    return prepared
  }
  return {
    kind: 'meilisearch',
    prepare,

    async index(documents) {
      if (documents.length === 0) return
      await prepare()
      await done(index().addDocuments(documents.map(toMeiliDocument), { primaryKey: 'key' }))
    },

    async remove(refs) {
      if (refs.length === 0) return
      await done(index().deleteDocuments(refs.map((r) => meiliKey(r.type, r.id))))
    },

    async clear(types) {
      await done(types?.length ? index().deleteDocuments({ filter: inList('type', types) }) : index().deleteAllDocuments())
    },

    async search(request) {
      const parsed = parseQuery(request.q)
      if (parsed.hasInput && parsed.groups.length === 0) return emptyResult(request)
      const hasQuery = parsed.groups.length > 0
      const page = pageOf(request)
      const perPage = perPageOf(request)
      const response = await index().search(hasQuery ? meiliQuery(parsed) : '', {
        filter: meiliFilter(request),
        facets: [...FACETS],
        sort: meiliSort(request, hasQuery),
        page,
        hitsPerPage: perPage,
        attributesToRetrieve: ['type', 'id', 'url', 'title', 'summary', 'body', 'tags', 'districts', 'institutionKinds', 'date', 'popularity'],
      })
      const terms: HighlightTerms = { terms: queryTerms(parsed), typoTerms: typoTerms(parsed) }
      const facets: FacetCounts = emptyFacets()
      for (const facet of FACETS) Object.assign(facets[facet], response.facetDistribution?.[facet] ?? {})
      const hits: SearchHit[] = response.hits.map((h) => ({
        type: h.type,
        id: h.id,
        url: h.url,
        title: h.title,
        titleHighlighted: highlightText(h.title, terms),
        snippet: snippet([h.summary, h.body], terms),
        tags: h.tags ?? [],
        districts: h.districts ?? [],
        institutionKinds: h.institutionKinds ?? [],
        date: h.date ? new Date(h.date).toISOString() : null,
        popularity: h.popularity ?? 0,
      }))
      return { query: request.q, total: response.totalHits ?? hits.length, page, perPage, hits, facets }
    },

    async health() {
      try {
        const result = await client.health()
        return { ok: result.status === 'available', detail: result.status }
      } catch (error) {
        return { ok: false, detail: error instanceof Error ? error.message : 'unreachable' }
      }
    },
  }
}

export function meilisearchEngineFromEnv(): SearchEngine {
  const host = process.env.MEILI_HOST
  if (!host) throw new Error('MEILI_HOST is not set')
  const client = new Meilisearch({ host, apiKey: process.env.MEILI_API_KEY || undefined, timeout: 5_000 })
  return meilisearchEngine(client as unknown as MeiliClient, process.env.MEILI_INDEX || 'documents')
}
