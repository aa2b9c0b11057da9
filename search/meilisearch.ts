import { sql } from 'drizzle-orm'
import { Meilisearch, type Settings } from 'meilisearch'

import { db, queryRows } from '../db/client.server'
import type { SearchDocType } from '../db/schema/search'
import { getEnv } from '../lib/env.server'
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
  type VersionedRef,
} from './engine'
import { highlightText, snippet, type HighlightTerms } from './highlight'
import { parseQuery, queryTerms, typoTerms, type ParsedQuery } from './query'
import { textTerms } from './text'
import { enqueueCurrent } from './versions'

/**
 * Meilisearch engine (chosen when MEILI_HOST is set), written against the official client's
 * documented API. Text is indexed and queried as the PostgreSQL engine's index terms (search/text.ts:
 * one Latin key for every spelling, Bulgarian endings stemmed), so transliteration, informal Latin,
 * inflections and synonyms behave the same; stop words are dropped by the shared query parser (so
 * the acronym СО is not taken for "so"). The original text is kept for display and highlighting.
 */

/** The slice of the client this engine uses (the real client satisfies it; tests pass a fake). */
export interface MeiliTaskResult {
  uid?: number
  type?: string
  status: string
  error?: { code?: string; message?: string } | null
}
/** An enqueued task: awaiting it confirms the server took it; `waitTask` polls until it is done. */
export type MeiliTask = PromiseLike<unknown> & {
  waitTask(options?: { timeout?: number; interval?: number }): Promise<MeiliTaskResult>
}
export interface MeiliIndex {
  updateSettings(settings: Settings): MeiliTask
  addDocuments(documents: MeiliDocument[], options?: { primaryKey?: string }): MeiliTask
  deleteDocuments(params: string[] | { filter: string }): MeiliTask
  deleteAllDocuments(): MeiliTask
  search(
    query: string | null,
    options: Record<string, unknown>,
  ): Promise<{ hits: MeiliDocument[]; totalHits?: number; facetDistribution?: Record<string, Record<string, number>> }>
}
export interface MeiliClient {
  index(uid: string): MeiliIndex
  deleteIndexIfExists(uid: string): Promise<boolean>
  swapIndexes(swaps: { indexes: [string, string]; rename: boolean }[]): MeiliTask
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
    for (const phrase of phrases)
      out[phrase] = [...new Set([...(out[phrase] ?? []), ...phrases.filter((p) => p !== phrase)])]
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
  const filter = [
    request.audience === 'staff' ? inList('visibility', ['public', 'staff']) : `visibility = ${quote('public')}`,
  ]
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

/**
 * How long a write waits for its task unless MEILI_TASK_TIMEOUT_MS says otherwise. The client's
 * default is 5 s, and a large batch or a settings change (which re-indexes everything) takes longer:
 * the write then "failed" while the task went on to succeed.
 */
export const TASK_TIMEOUT_MS = 120_000

/** Waits for a task and turns anything but success into an error that says which task, what kind and why. */
export async function done(task: MeiliTask, what: string, timeout = TASK_TIMEOUT_MS): Promise<void> {
  let result: MeiliTaskResult
  try {
    result = await task.waitTask({ timeout, interval: 100 })
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    const timedOut = error instanceof Error && error.name.includes('TimeOut')
    throw new Error(
      timedOut
        ? `Meilisearch did not finish ${what} within ${Math.round(timeout / 1000)} s ` +
            `(the task may still succeed; the write is retried): ${reason}`
        : `Meilisearch could not be asked about ${what}: ${reason}`,
    )
  }
  if (result.status !== 'succeeded') {
    const code = result.error?.code ? `${result.error.code}: ` : ''
    const uid = result.uid === undefined ? '' : ` ${result.uid}`
    throw new Error(
      `Meilisearch task${uid} (${what}) ${result.status}: ${code}${result.error?.message ?? 'no reason given'}`,
    )
  }
}

/**
 * Index writes of every process go through this lock, so their tasks are enqueued in the order their versions were
 * checked.
 */
const MEILI_WRITER_LOCK = 42_717_003

export function meilisearchEngine(
  client: MeiliClient,
  indexUid = 'documents',
  taskTimeout = TASK_TIMEOUT_MS,
): SearchEngine {
  const buildUid = `${indexUid}_build`
  const wait = (task: MeiliTask, what: string) => done(task, what, taskTimeout)
  const index = (uid = indexUid) => client.index(uid)
  let prepared: Promise<void> | undefined
  const prepare = () => {
    prepared ??= wait(index().updateSettings(meiliSettings()), 'the index settings').catch((error) => {
      prepared = undefined
      throw error
    })
    return prepared
  }
  /** Enqueues a write for the live index and, during a reindex, the one being built; then waits for all of them. */
  const write = async <T extends VersionedRef>(
    items: T[],
    what: string,
    send: (uid: string, current: T[]) => MeiliTask,
    only?: string,
  ) => {
    const { enqueued, stale } = await enqueueCurrent(MEILI_WRITER_LOCK, items, async (current, building) => {
      const uids = only ? [only] : building ? [indexUid, buildUid] : [indexUid]
      const tasks: MeiliTask[] = []
      for (const uid of uids) {
        const task = send(uid, current)
        await task
        tasks.push(task)
      }
      return tasks
    })
    for (const task of enqueued ?? []) await wait(task, what)
    return { stale }
  }
  const addTo = (uid: string, docs: SearchDocument[]) =>
    index(uid).addDocuments(docs.map(toMeiliDocument), { primaryKey: 'key' })

  return {
    kind: 'meilisearch',
    prepare,

    async index(documents) {
      if (documents.length === 0) return { stale: [] }
      await prepare()
      return write(documents, `adding ${documents.length} documents`, addTo)
    },

    async remove(refs) {
      if (refs.length === 0) return { stale: [] }
      return write(refs, `removing ${refs.length} documents`, (uid, current) =>
        index(uid).deleteDocuments(current.map((r) => meiliKey(r.type, r.id))),
      )
    },

    async rebuild(fill) {
      await prepare()
      await db.transaction(async (tx) => {
        await tx.execute(sql`SELECT pg_advisory_xact_lock(${MEILI_WRITER_LOCK})`)
        const [row] = await queryRows<{ since: string | null }>(
          tx,
          sql`SELECT building_since AS since FROM search_state WHERE id = 1 AND building IS NOT NULL`,
        )
        if (row && Date.now() - new Date(row.since ?? 0).getTime() < 60 * 60 * 1000)
          throw new Error('A reindex is already running')
        await tx.execute(sql`UPDATE search_state SET building = 1, building_since = now() WHERE id = 1`)
      })
      const finish = () => db.execute(sql`UPDATE search_state SET building = NULL, building_since = NULL WHERE id = 1`)
      try {
        await client.deleteIndexIfExists(buildUid)
        await wait(index(buildUid).updateSettings(meiliSettings()), 'the settings of the index being built')
        await fill(async (documents) =>
          documents.length > 0
            ? write(documents, `adding ${documents.length} documents to the index being built`, addTo, buildUid)
            : { stale: [] },
        )
        await wait(
          client.swapIndexes([{ indexes: [indexUid, buildUid], rename: false }]),
          'swapping in the rebuilt index',
        )
      } catch (error) {
        await finish()
        await client.deleteIndexIfExists(buildUid).catch(() => false)
        throw error
      }
      await finish()
      await client.deleteIndexIfExists(buildUid)
    },

    async clear(types) {
      await wait(
        types?.length ? index().deleteDocuments({ filter: inList('type', types) }) : index().deleteAllDocuments(),
        'clearing the index',
      )
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
        attributesToRetrieve: [
          'type',
          'id',
          'url',
          'title',
          'summary',
          'body',
          'tags',
          'districts',
          'institutionKinds',
          'date',
          'popularity',
        ],
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
  const env = getEnv()
  if (!env.MEILI_HOST) throw new Error('MEILI_HOST is not set')
  const client = new Meilisearch({
    host: env.MEILI_HOST,
    apiKey: env.MEILI_API_KEY,
    timeout: env.MEILI_REQUEST_TIMEOUT_MS,
    defaultWaitOptions: { timeout: env.MEILI_TASK_TIMEOUT_MS, interval: 100 },
  })
  return meilisearchEngine(client as unknown as MeiliClient, env.MEILI_INDEX, env.MEILI_TASK_TIMEOUT_MS)
}
