import { eq, inArray, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'

import { changePracticeStatus } from '../../app/features/practices/practices.server'
import { practiceSearchSource } from '../../app/features/practices/search.server'
import { SEARCH_SOURCES } from '../../app/features/search/sources.server'
import { db, queryRows } from '../../db/client.server'
import { practices, searchOutbox } from '../../db/schema'
import { fromMembers } from '../../search/bitset'
import type { SearchDocument, SearchEngine } from '../../search/engine'
import { searchEngine } from '../../search/engines'
import { enqueueSearch } from '../../search/outbox'
import { postgresEngine } from '../../search/postgres'
import { reindexAll } from '../../search/reindex'
import { pageOfSet } from '../../search/result-page'
import { readVersions } from '../../search/versions'
import { drainSearchOutbox } from '../../search/worker'
import { makeInstitution, makeUser } from '../../seed/builders/identity'
import { makePractice } from '../../seed/builders/practices'

/** A made-up word no other test uses (random letters, so typo tolerance cannot confuse two of them). */
const word = () => Array.from({ length: 12 }, () => 'бвгдзклмнпрстф'[Math.floor(Math.random() * 14)]).join('')
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

let author: Awaited<ReturnType<typeof makeUser>>
let coordinator: Awaited<ReturnType<typeof makeUser>>

beforeAll(async () => {
  const institution = await makeInstitution(db)
  author = await makeUser(db, { institutionId: institution.id })
  coordinator = await makeUser(db, { institutionId: institution.id, role: 'coordinator' })
})

const inIndex = async (tag: string, q: string) =>
  (await searchEngine().search({ q, audience: 'public', filters: { tags: [tag] }, perPage: 50 })).hits

describe('index writes that cannot go stale', () => {
  it('never lets a state read before a practice was archived bring it back to public search, in either order', async () => {
    const tag = `st${Date.now().toString(36)}`
    const unique = word()
    const [early, late] = await Promise.all(
      ['ранна', 'късна'].map((n) =>
        makePractice(db, {
          authorId: author.id,
          institutionId: author.institutionId,
          title: `Практика ${n} ${unique}`,
          situationTags: [tag],
        }),
      ),
    )
    await drainSearchOutbox(SEARCH_SOURCES, { maxBatches: 50 })
    expect((await inIndex(tag, unique)).map((h) => h.id).sort()).toEqual([early.id, late.id].sort())

    // A slow worker reads both while they are published…
    const versionOf = await readVersions(
      db,
      [early, late].map((p) => ({ type: 'practice' as const, id: p.id })),
    )
    const read = await practiceSearchSource.load([early.id, late.id])
    const stale = (id: string): SearchDocument => ({
      ...read.find((d) => d.id === id)!,
      version: versionOf({ type: 'practice', id }),
    })
    // …then both are archived.
    await changePracticeStatus(coordinator, early.slug, 'archive')
    await changePracticeStatus(coordinator, late.slug, 'archive')

    // The other worker removes the first before the slow one writes; the slow one writes the second before it is
    // removed.
    await drainSearchOutbox(SEARCH_SOURCES, { maxBatches: 50 })
    expect(await searchEngine().index([stale(early.id)])).toEqual({ stale: [{ type: 'practice', id: early.id }] })
    expect(await searchEngine().index([stale(late.id)])).toEqual({ stale: [{ type: 'practice', id: late.id }] })
    await drainSearchOutbox(SEARCH_SOURCES, { maxBatches: 50 })
    expect(await inIndex(tag, unique)).toEqual([])
  })

  // Two workers and a reindex on a 2-core machine shared with other work: a correctness test, not a timed one.
  it('ends with the index equal to the database when two workers and a reindex run at once, and answers every search meanwhile', async () => {
    const tag = `cc${Date.now().toString(36)}`
    const unique = word()
    const make = (i: number) =>
      makePractice(db, {
        authorId: author.id,
        institutionId: author.institutionId,
        title: `Практика ${i} ${unique}`,
        situationTags: [tag],
      })
    const all = await Promise.all(Array.from({ length: 24 }, (_, i) => make(i)))
    await drainSearchOutbox(SEARCH_SOURCES, { maxBatches: 50 })
    // The first six are never touched: every search must find at least them.
    const changing = all.slice(6)
    let changesDone = false
    let random = 7
    const next = () => (random = (random * 48271) % 2147483647) / 2147483647

    const changer = async () => {
      for (let step = 0; step < 60; step++) {
        // The last steps change a few practices in quick succession, racing the slow worker's writes.
        const practice = step < 40 ? changing[Math.floor(next() * changing.length)] : changing[step % 3]
        const [row] = await db
          .select({ status: practices.status, slug: practices.slug })
          .from(practices)
          .where(eq(practices.id, practice.id))
        if (next() < 0.5)
          await changePracticeStatus(coordinator, row.slug, row.status === 'published' ? 'archive' : 'restore')
        else {
          await db.transaction(async (tx) => {
            await tx
              .update(practices)
              .set({ title: `Практика ${step} ${unique} ${next().toString(36).slice(2, 6)}` })
              .where(eq(practices.id, practice.id))
            await enqueueSearch(tx, 'practice', practice.id)
          })
        }
        await sleep(step < 40 ? next() * 8 : 1)
      }
      changesDone = true
    }
    // The second worker is slow between reading documents and writing them, so changes overtake it.
    const engine = searchEngine()
    const slow: SearchEngine = {
      ...engine,
      index: async (documents) => (await sleep(20 + next() * 60), engine.index(documents)),
      remove: async (refs) => (await sleep(20 + next() * 60), engine.remove(refs)),
    }
    const pending = async () =>
      (await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM search_outbox`))[0].n
    // Both keep draining until the outbox is empty: the last writes race each other as in production.
    const worker = async (using: SearchEngine) => {
      while (!changesDone || (await pending()) > 0) {
        await drainSearchOutbox(SEARCH_SOURCES, { engine: using, batchSize: 4, maxBatches: 3 })
        await sleep(3)
      }
    }
    const answers: number[] = []
    const searcher = async () => {
      while (!changesDone) {
        answers.push((await inIndex(tag, unique)).length)
        await sleep(2)
      }
    }
    const reindex = async () => {
      await sleep(20)
      await reindexAll(SEARCH_SOURCES)
    }
    await Promise.all([changer(), worker(engine), worker(slow), searcher(), reindex()])

    expect(answers.length).toBeGreaterThan(5)
    expect(Math.min(...answers)).toBeGreaterThanOrEqual(6)
    const rows = await db
      .select({ id: practices.id, title: practices.title, status: practices.status })
      .from(practices)
      .where(
        inArray(
          practices.id,
          all.map((p) => p.id),
        ),
      )
    const expected = rows
      .filter((r) => r.status === 'published')
      .map((r) => [r.id, r.title])
      .sort()
    expect((await inIndex(tag, unique)).map((h) => [h.id, h.title]).sort()).toEqual(expected)
    expect(await queryRows(db, sql`SELECT building FROM search_state WHERE id = 1`)).toEqual([{ building: null }])
  }, 120_000)

  it('leaves the live index as it was when a reindex fails half-way, and removes what that build wrote', async () => {
    const tag = `rb${Date.now().toString(36)}`
    const unique = word()
    const practice = await makePractice(db, {
      authorId: author.id,
      institutionId: author.institutionId,
      title: `Практика ${unique}`,
      situationTags: [tag],
    })
    await drainSearchOutbox(SEARCH_SOURCES, { maxBatches: 50 })
    const engine = postgresEngine()
    const rows = async () =>
      (
        await queryRows<{ n: number }>(
          db,
          sql`SELECT count(*)::int AS n FROM search_documents WHERE doc_id = ${practice.id}`,
        )
      )[0].n
    await expect(
      engine.rebuild(async (write) => {
        await write([{ ...(await practiceSearchSource.load([practice.id]))[0], title: `Половин ${unique}` }])
        expect(await rows()).toBe(2)
        throw new Error('the database went away')
      }),
    ).rejects.toThrow('the database went away')
    expect((await inIndex(tag, unique)).map((h) => h.title)).toEqual([practice.title])
    expect(await rows()).toBe(1)
    expect(await queryRows(db, sql`SELECT building FROM search_state WHERE id = 1`)).toEqual([{ building: null }])
  })

  it('retries a failing document alone, with its own back-off, while the rest of its batch goes through', async () => {
    const tag = `fl${Date.now().toString(36)}`
    const unique = word()
    const docs = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        makePractice(db, {
          authorId: author.id,
          institutionId: author.institutionId,
          title: `Практика ${i} ${unique}`,
          situationTags: [tag],
        }),
      ),
    )
    const bad = docs[2].id
    const engine = postgresEngine()
    const refusing: SearchEngine = {
      ...engine,
      index: async (documents) => {
        if (documents.some((d) => d.id === bad)) throw new Error('document too large')
        return engine.index(documents)
      },
    }
    const drainedFrom = Date.now()
    const result = await drainSearchOutbox(SEARCH_SOURCES, { engine: refusing, batchSize: 100, maxBatches: 50 })
    expect(result.failed).toBe(1)
    expect((await inIndex(tag, unique)).map((h) => h.id).sort()).toEqual(
      docs
        .filter((d) => d.id !== bad)
        .map((d) => d.id)
        .sort(),
    )
    const left = await db
      .select()
      .from(searchOutbox)
      .where(
        inArray(
          searchOutbox.docId,
          docs.map((d) => d.id),
        ),
      )
    expect(left.map((r) => [r.docId, r.attempts, r.lastError])).toEqual([[bad, 1, 'document too large']])
    // The back-off counts from the failed attempt (a drain on a busy machine can itself take seconds).
    expect(left[0].nextAttemptAt.getTime()).toBeGreaterThan(drainedFrom + 3_000)
  })
})

describe('pages in "popular" order', () => {
  it('stop reading the usefulness index once the page is full, even inside a long run of equal usefulness', async () => {
    const engine = postgresEngine()
    const tag = `pp${Date.now().toString(36)}`
    await engine.index(
      Array.from({ length: 1500 }, (_, i): SearchDocument => ({
        type: 'practice',
        id: `${tag}-${i}`,
        visibility: 'public',
        title: `Практика ${i}`,
        summary: '',
        body: '',
        url: `/p/${i}`,
        tags: [tag],
        districts: [],
        institutionKinds: [],
        date: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
        popularity: 0,
      })),
    )
    const rows = await queryRows<{ doc_no: number }>(
      db,
      sql`SELECT doc_no FROM search_documents WHERE ${tag} = ANY(tags)`,
    )
    const set = fromMembers(rows.filter((_, i) => i % 10 === 0).map((r) => Number(r.doc_no)))
    const [{ corpus }] = await queryRows<{ corpus: number }>(
      db,
      sql`SELECT count(*)::int AS corpus FROM search_documents`,
    )
    const read: number[] = []
    const page = await pageOfSet(set, 150, corpus, 'popular', 0, 10, { readWholeMax: 0, onRead: (n) => read.push(n) })
    expect(page).toHaveLength(10)
    expect(read.reduce((a, b) => a + b, 0)).toBeLessThan(corpus / 2)
  })
})
