import { describe, expect, it } from 'vitest'

import type { SearchDocument } from './engine'
import {
  meiliFilter,
  meilisearchEngine,
  meiliSettings,
  TASK_TIMEOUT_MS,
  type MeiliClient,
  type MeiliDocument,
  type MeiliTask,
  type MeiliTaskResult,
} from './meilisearch'

/** A fake of the client's documented surface that records what the engine sends (and on which index). */
function fakeClient(
  hits: Partial<MeiliDocument>[] = [],
  status = 'succeeded',
  wait?: (options: unknown) => Promise<MeiliTaskResult>,
) {
  const calls: { method: string; args: unknown[]; uid?: string }[] = []
  let uid = 0
  const task = (type: string): MeiliTask => {
    const taskUid = ++uid
    const enqueued = Promise.resolve({ taskUid })
    const waitTask = async (options?: unknown) => {
      calls.push({ method: 'waitTask', args: [options] })
      if (wait) return wait(options)
      return {
        uid: taskUid,
        type,
        status,
        error: status === 'failed' ? { code: 'index_not_found', message: 'Index `documents` not found.' } : null,
      }
    }
    return Object.assign(enqueued, { waitTask })
  }
  const index = (uid: string) => ({
    updateSettings: (...args: unknown[]) => (
      calls.push({ method: 'updateSettings', args, uid }),
      task('settingsUpdate')
    ),
    addDocuments: (...args: unknown[]) => (
      calls.push({ method: 'addDocuments', args, uid }),
      task('documentAdditionOrUpdate')
    ),
    deleteDocuments: (...args: unknown[]) => (
      calls.push({ method: 'deleteDocuments', args, uid }),
      task('documentDeletion')
    ),
    deleteAllDocuments: (...args: unknown[]) => (
      calls.push({ method: 'deleteAllDocuments', args, uid }),
      task('documentDeletion')
    ),
    search: async (...args: unknown[]) => {
      calls.push({ method: 'search', args, uid })
      return {
        hits: hits as MeiliDocument[],
        totalHits: hits.length,
        facetDistribution: { type: { practice: hits.length }, districts: { lyulin: 1 } },
      }
    },
  })
  const client: MeiliClient = {
    index: (uid: string) => (calls.push({ method: 'index', args: [uid] }), index(uid)),
    deleteIndexIfExists: async (uid: string) => (calls.push({ method: 'deleteIndexIfExists', args: [uid] }), true),
    swapIndexes: (swaps) => (calls.push({ method: 'swapIndexes', args: [swaps] }), task('indexSwap')),
    health: async () => ({ status: 'available' }),
  }
  return { client, calls, of: (method: string) => calls.filter((c) => c.method === method) }
}

const practice: SearchDocument = {
  type: 'practice',
  id: '3f1c2a9e-1111-4222-8333-444455556666',
  visibility: 'public',
  title: 'Здравни медиатори',
  summary: 'Посещения',
  body: 'ДСП и РУО',
  url: '/practices/zdravni-mediatori',
  tags: ['poverty'],
  districts: ['lyulin'],
  institutionKinds: ['health_mediator'],
  date: '2026-03-01T10:00:00.000Z',
  popularity: 4,
}

describe('Meilisearch engine', () => {
  it('keeps index settings in code: attributes, ranking, typo rule, synonyms as index terms, no stop words (the parser drops them)', () => {
    const s = meiliSettings()
    expect(s.searchableAttributes).toEqual(['titleTerms', 'summaryTerms', 'bodyTerms'])
    expect(s.filterableAttributes).toEqual(
      expect.arrayContaining(['type', 'visibility', 'tags', 'districts', 'institutionKinds']),
    )
    expect(s.sortableAttributes).toEqual(['date', 'popularity'])
    expect(s.typoTolerance).toMatchObject({ enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } })
    expect(s.synonyms?.dsp).toEqual(expect.arrayContaining(['direkts sotsialn podpomagan']))
    expect(s.synonyms?.['direkts sotsialn podpomagan']).toContain('dsp')
    expect(s.synonyms?.ruo).toContain('regionaln upravln na obrazovan')
    expect(s.synonyms?.so).toContain('stolitshn obshtin')
    expect(s.stopWords).toBeUndefined()
  })

  it('applies the settings once before the first write and sends documents with their index terms', async () => {
    const fake = fakeClient()
    const engine = meilisearchEngine(fake.client, 'docs')
    await engine.index([practice])
    await engine.index([practice])
    expect(fake.of('updateSettings')).toHaveLength(1)
    const [[docs, options]] = fake.of('addDocuments').map((c) => c.args) as [MeiliDocument[], { primaryKey: string }][]
    expect(options).toEqual({ primaryKey: 'key' })
    expect(docs[0]).toMatchObject({
      key: `practice-${practice.id}`,
      titleTerms: 'zdravn mediator',
      bodyTerms: 'dsp i ruo',
      date: Date.parse(practice.date!),
      visibility: 'public',
    })
  })

  it('filters every query by access first: the public never gets staff documents', () => {
    expect(meiliFilter({ q: '', audience: 'public' })).toEqual(['visibility = "public"'])
    expect(meiliFilter({ q: '', audience: 'staff' })).toEqual(['visibility IN ["public", "staff"]'])
    expect(
      meiliFilter({
        q: '',
        audience: 'public',
        filters: {
          types: ['practice'],
          tags: ['po"ve\\rty'],
          districts: ['lyulin', 'iskar'],
          institutionKinds: ['school'],
        },
      }),
    ).toEqual([
      'visibility = "public"',
      'type IN ["practice"]',
      'tags IN ["po\\"ve\\\\rty"]',
      'districts IN ["lyulin", "iskar"]',
      'institutionKinds IN ["school"]',
    ])
  })

  it('sends the query as index terms with filters, facets, sort and page; highlights the original text', async () => {
    const fake = fakeClient([{ ...practice, date: Date.parse(practice.date!) } as unknown as MeiliDocument])
    const engine = meilisearchEngine(fake.client)
    const result = await engine.search({
      q: 'Медиатори',
      audience: 'public',
      sort: 'popular',
      page: 2,
      perPage: 5,
      filters: { districts: ['lyulin'] },
    })
    const [[query, options]] = fake.of('search').map((c) => c.args) as [string, Record<string, unknown>][]
    expect(query).toBe('mediator')
    expect(options).toMatchObject({
      filter: ['visibility = "public"', 'districts IN ["lyulin"]'],
      facets: ['type', 'tags', 'districts', 'institutionKinds'],
      sort: ['popularity:desc', 'date:desc'],
      page: 2,
      hitsPerPage: 5,
    })
    expect(result.hits[0]).toMatchObject({
      title: 'Здравни медиатори',
      titleHighlighted: 'Здравни <mark>медиатори</mark>',
      date: practice.date,
    })
    expect(result.facets.districts).toEqual({ lyulin: 1 })
    expect(result.total).toBe(1)
  })

  it('keeps a quoted phrase quoted and sends the acronym СО (not the English stop word "so")', async () => {
    const fake = fakeClient()
    const engine = meilisearchEngine(fake.client)
    await engine.search({ q: 'СО "ден на отворените врати" so', audience: 'public' })
    expect(fake.of('search')[0].args[0]).toBe('so "den otvorn vrat"')
  })

  it('answers a symbols-only query without calling the server, and browses newest first for an empty one', async () => {
    const fake = fakeClient()
    const engine = meilisearchEngine(fake.client)
    expect((await engine.search({ q: "%_*'\\", audience: 'public' })).total).toBe(0)
    expect(fake.of('search')).toHaveLength(0)
    await engine.search({ q: '', audience: 'staff' })
    expect(fake.of('search')[0].args[1]).toMatchObject({ sort: ['date:desc'] })
  })

  it('deletes by key, clears by type, and reports a failed task as an error (the outbox retries)', async () => {
    const fake = fakeClient()
    const engine = meilisearchEngine(fake.client)
    await engine.remove([{ type: 'practice', id: practice.id }])
    expect(fake.of('deleteDocuments')[0].args[0]).toEqual([`practice-${practice.id}`])
    await engine.clear(['case'])
    expect(fake.of('deleteDocuments')[1].args[0]).toEqual({ filter: 'type IN ["case"]' })
    const failing = meilisearchEngine(fakeClient([], 'failed').client)
    await expect(failing.index([practice])).rejects.toThrow(
      /Meilisearch task 1 \(the index settings\) failed: index_not_found: Index `documents` not found/,
    )
    expect(await engine.health()).toEqual({ ok: true, detail: 'available' })
  })

  it('waits for every task with its own time-out (not the client default of 5 s) and says so when one runs out', async () => {
    const fake = fakeClient()
    await meilisearchEngine(fake.client).index([practice])
    expect(fake.of('waitTask').map((c) => c.args[0])).toEqual([
      { timeout: TASK_TIMEOUT_MS, interval: 100 },
      { timeout: TASK_TIMEOUT_MS, interval: 100 },
    ])
    expect(TASK_TIMEOUT_MS).toBeGreaterThanOrEqual(60_000)
    const timeOut = Object.assign(
      new Error('timeout of 120000ms has exceeded on task 7 when waiting for it to be resolved.'),
      { name: 'MeilisearchTaskTimeOutError' },
    )
    const slow = fakeClient([], 'succeeded', async () => Promise.reject(timeOut))
    await expect(meilisearchEngine(slow.client).index([practice])).rejects.toThrow(
      /did not finish the index settings within 120 s \(the task may still succeed; the write is retried\)/,
    )
  })

  it('drops a write whose document changed after it was read, and sends nothing for it', async () => {
    const { enqueueSearch } = await import('./outbox')
    const { db } = await import('../db/client.server')
    const doc = { ...practice, id: `meili-${Date.now()}` }
    await enqueueSearch(db, 'practice', doc.id)
    await enqueueSearch(db, 'practice', doc.id)
    const fake = fakeClient()
    const engine = meilisearchEngine(fake.client)
    expect(await engine.index([{ ...doc, version: 1 }])).toEqual({ stale: [{ type: 'practice', id: doc.id }] })
    expect(await engine.remove([{ type: 'practice', id: doc.id, version: 1 }])).toEqual({
      stale: [{ type: 'practice', id: doc.id }],
    })
    expect(fake.of('addDocuments')).toHaveLength(0)
    expect(fake.of('deleteDocuments')).toHaveLength(0)
    expect(await engine.index([{ ...doc, version: 2 }])).toEqual({ stale: [] })
    expect(fake.of('addDocuments')).toHaveLength(1)
  })

  it('rebuilds beside the live index and swaps it in; writes made meanwhile reach both', async () => {
    const fake = fakeClient()
    const engine = meilisearchEngine(fake.client, 'docs')
    await engine.rebuild(async (write) => {
      await write([practice])
      await engine.index([{ ...practice, id: 'written-by-a-worker' }])
    })
    const adds = fake.of('addDocuments').map((c) => [c.uid, (c.args[0] as MeiliDocument[]).map((d) => d.id)])
    expect(adds).toEqual([
      ['docs_build', [practice.id]],
      ['docs', ['written-by-a-worker']],
      ['docs_build', ['written-by-a-worker']],
    ])
    expect(fake.of('swapIndexes')[0].args[0]).toEqual([{ indexes: ['docs', 'docs_build'], rename: false }])
    expect(fake.of('deleteIndexIfExists').map((c) => c.args[0])).toEqual(['docs_build', 'docs_build'])
    await engine.index([{ ...practice, id: 'after' }])
    expect(fake.of('addDocuments').at(-1)!.uid).toBe('docs')
  })
})
