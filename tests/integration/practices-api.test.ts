import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'

import { SEARCH_SOURCES } from '../../app/features/search/sources.server'
import { loader as practicesApi } from '../../app/routes/api.v1.practices'
import { loader as practiceApi } from '../../app/routes/api.v1.practices.$slug'
import { loader as searchApi } from '../../app/routes/api.v1.search'
import { searchOutbox } from '../../db/schema'
import type { SearchDocument, SearchEngine } from '../../search/engine'
import { searchEngine } from '../../search/engines'
import { enqueueSearch } from '../../search/outbox'
import { drainSearchOutbox, searchBackoffSeconds } from '../../search/worker'
import { makeUser } from '../../seed/builders/identity'
import { makePractice } from '../../seed/builders/practices'
import { db } from '../support/database'
import { context, getRequest, sessionCookieFor } from '../support/http'

const word = () => Array.from({ length: 14 }, () => 'бвгдзклмнпрстф'[Math.floor(Math.random() * 14)]).join('')

async function get(loader: typeof searchApi, path: string, cookie?: string, params: Record<string, string> = {}) {
  const res = (await loader({ request: getRequest(path, { cookie }), params, context })) as Response
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown> & {
      error?: { code: string; fields?: Record<string, string[]> }
    },
  }
}

describe('GET /api/v1/search', () => {
  it('answers bad parameters with 400 and a JSON error naming the parameter, in the caller’s language', async () => {
    for (const query of [
      'q=x&page=-1',
      'q=x&page=abc',
      'q=x&page=0',
      'q=x&page=1.5',
      'q=x&perPage=1000',
      'q=x&type=secret',
      'q=x&district=atlantis',
      'q=x&sort=random',
    ]) {
      const { status, body } = await get(searchApi, `/api/v1/search?${query}`)
      expect(status, query).toBe(400)
      expect(body.error?.code).toBe('invalid_parameters')
      expect(Object.keys(body.error?.fields ?? {}).length, query).toBe(1)
    }
    for (const page of ['abc', '0', '501']) {
      const { body } = await get(searchApi, `/api/v1/search?q=x&page=${page}`)
      expect(body.error?.fields?.page, page).toEqual(['Номерът на страницата трябва да е цяло число от 1 до 500.'])
    }
  })

  it('names perPage and its range when the page size is wrong, in the caller’s language, with the same error shape', async () => {
    const english = await makeUser(db, { locale: 'en' })
    const englishCookie = await sessionCookieFor(english.id)
    for (const perPage of ['100', '51', '0', '-1', 'abc', '2.5']) {
      const { status, body } = await get(searchApi, `/api/v1/search?q=a&perPage=${perPage}`)
      expect(status, perPage).toBe(400)
      expect(body, perPage).toEqual({
        error: {
          code: 'invalid_parameters',
          message: expect.any(String),
          fields: { perPage: ['Броят резултати на страница трябва да е цяло число от 1 до 50.'] },
        },
      })
      const inEnglish = await get(searchApi, `/api/v1/search?q=a&perPage=${perPage}`, englishCookie)
      expect(inEnglish.body.error?.fields, perPage).toEqual({
        perPage: ['The number of results per page must be a whole number from 1 to 50.'],
      })
    }
    expect((await get(searchApi, '/api/v1/search?q=a&perPage=50')).status).toBe(200)
  })

  it('answers a query of only symbols with an empty result', async () => {
    for (const q of ["%_*'\\", '&|!:*()', "'; DROP TABLE practices; --"]) {
      const { status, body } = await get(searchApi, `/api/v1/search?q=${encodeURIComponent(q)}`)
      expect(status).toBe(200)
      expect(body).toMatchObject({ query: q, total: q.includes('DROP') ? expect.any(Number) : 0 })
    }
  })

  it('shows staff-only documents to signed-in staff and never to anonymous callers', async () => {
    const marker = word()
    const caseDoc: SearchDocument = {
      type: 'case',
      id: `api-${marker}`,
      visibility: 'staff',
      title: `Случай ${marker}`,
      summary: '',
      body: '',
      url: '/cases/С-2026-0001',
      tags: [],
      districts: [],
      institutionKinds: [],
      date: null,
      popularity: 0,
    }
    await searchEngine().index([caseDoc])
    const anonymous = await get(searchApi, `/api/v1/search?q=${encodeURIComponent(marker)}`)
    expect(anonymous.body.total).toBe(0)
    expect(JSON.stringify(anonymous.body)).not.toContain(marker + '<')
    const staff = await makeUser(db)
    const signedIn = await get(
      searchApi,
      `/api/v1/search?q=${encodeURIComponent(marker)}`,
      await sessionCookieFor(staff.id),
    )
    expect(signedIn.body.total).toBe(1)
    expect(signedIn.body.hits).toEqual([
      expect.objectContaining({ type: 'case', url: '/cases/С-2026-0001', title: `Случай ${marker}` }),
    ])
  })

  it('returns the documented shape for published practices', async () => {
    const author = await makeUser(db)
    const marker = word()
    const p = await makePractice(db, {
      authorId: author.id,
      institutionId: author.institutionId,
      title: `Практика ${marker}`,
      situationTags: ['poverty'],
    })
    await drainSearchOutbox(SEARCH_SOURCES)
    const { status, body } = await get(searchApi, `/api/v1/search?q=${encodeURIComponent(marker)}&type=practice&page=1`)
    expect(status).toBe(200)
    expect(body).toMatchObject({
      query: marker,
      total: 1,
      hits: [
        {
          type: 'practice',
          id: p.id,
          title: `Практика ${marker}`,
          url: `/practices/${p.slug}`,
          snippet: expect.any(String),
        },
      ],
    })
    expect((body.facets as { tags: Record<string, number> }).tags).toEqual({ poverty: 1 })
  })
})

describe('GET /api/v1/practices', () => {
  let author: Awaited<ReturnType<typeof makeUser>>
  beforeAll(async () => {
    author = await makeUser(db)
  })

  it('lists published practices only, paginated', async () => {
    const published = await makePractice(db, {
      authorId: author.id,
      institutionId: author.institutionId,
      publishedAt: new Date(Date.now() + 86_400_000),
    })
    const draft = await makePractice(db, { authorId: author.id, institutionId: author.institutionId, status: 'draft' })
    const { status, body } = await get(practicesApi, '/api/v1/practices?perPage=50')
    expect(status).toBe(200)
    const slugs = (body.items as { slug: string }[]).map((i) => i.slug)
    expect(slugs[0]).toBe(published.slug)
    expect(slugs).not.toContain(draft.slug)
    expect(body).toMatchObject({ page: 1, perPage: 50, total: expect.any(Number) })
    expect((await get(practicesApi, '/api/v1/practices?page=0')).status).toBe(400)
    const badSize = await get(practicesApi, '/api/v1/practices?perPage=abc')
    expect(badSize.status).toBe(400)
    expect(badSize.body.error?.fields).toEqual({
      perPage: ['Броят резултати на страница трябва да е цяло число от 1 до 50.'],
    })
    expect((await get(practicesApi, '/api/v1/practices?perPage=51')).body.error?.fields?.perPage).toEqual([
      'Броят резултати на страница трябва да е цяло число от 1 до 50.',
    ])
    expect((await get(practicesApi, '/api/v1/practices?sort=oldest')).status).toBe(400)
  })

  it('gives one published practice without its linked cases; drafts are 404 JSON', async () => {
    const published = await makePractice(db, {
      authorId: author.id,
      institutionId: author.institutionId,
      caseCodes: ['С-2026-0007'],
    })
    const one = await get(practiceApi, `/api/v1/practices/${published.slug}`, undefined, { slug: published.slug })
    expect(one.status).toBe(200)
    expect(one.body).toMatchObject({
      slug: published.slug,
      title: published.title,
      sections: { problem: { text: expect.any(String) } },
    })
    expect(JSON.stringify(one.body)).not.toContain('С-2026-0007')
    const draft = await makePractice(db, {
      authorId: author.id,
      institutionId: author.institutionId,
      status: 'submitted',
    })
    const hidden = await get(practiceApi, `/api/v1/practices/${draft.slug}`, undefined, { slug: draft.slug })
    expect(hidden.status).toBe(404)
    expect(hidden.body.error?.code).toBe('not_found')
  })
})

describe('search outbox worker', () => {
  it('keeps rows while the engine is down, with backoff, and catches up afterwards', async () => {
    const author = await makeUser(db)
    const p = await makePractice(db, {
      authorId: author.id,
      institutionId: author.institutionId,
      title: `Изчакваща ${word()}`,
    })
    const down: SearchEngine = { ...searchEngine(), index: async () => Promise.reject(new Error('connection refused')) }
    const failed = await drainSearchOutbox(SEARCH_SOURCES, { engine: down })
    expect(failed.failed).toBeGreaterThan(0)
    const [row] = await db.select().from(searchOutbox).where(eq(searchOutbox.docId, p.id))
    expect(row.attempts).toBe(1)
    expect(row.lastError).toBe('connection refused')
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 3_000)
    // Not due yet: a run now leaves it alone.
    expect((await drainSearchOutbox(SEARCH_SOURCES)).applied).toBe(0)
    await db
      .update(searchOutbox)
      .set({ nextAttemptAt: new Date(Date.now() - 1000) })
      .where(eq(searchOutbox.docId, p.id))
    const caught = await drainSearchOutbox(SEARCH_SOURCES)
    expect(caught.applied).toBeGreaterThan(0)
    expect(await db.select().from(searchOutbox).where(eq(searchOutbox.docId, p.id))).toEqual([])
    expect((await searchEngine().search({ q: p.title, audience: 'public' })).hits.map((h) => h.id)).toContain(p.id)
  })

  it('never hands the same row to two workers at once', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`)
    for (const id of ids) await enqueueSearch(db, 'practice', id, 'delete')
    const removed: string[] = []
    const counting: SearchEngine = {
      ...searchEngine(),
      remove: async (refs) => (removed.push(...refs.map((r) => r.id)), { stale: [] }),
    }
    await Promise.all([
      drainSearchOutbox(SEARCH_SOURCES, { engine: counting, batchSize: 7 }),
      drainSearchOutbox(SEARCH_SOURCES, { engine: counting, batchSize: 7 }),
    ])
    const mine = removed.filter((id) => ids.includes(id))
    expect(mine.sort()).toEqual([...ids].sort())
  })

  it('backs off exponentially up to ten minutes', () => {
    expect([1, 2, 3, 4, 20].map(searchBackoffSeconds)).toEqual([5, 10, 20, 40, 600])
  })
})
