import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { db, queryRows } from '../../db/client.server'
import { fromMembers } from '../../search/bitset'
import type { SearchDocument } from '../../search/engine'
import { postgresEngine } from '../../search/postgres'
import { pageOfSet, type PageOrder } from '../../search/result-page'
import { indexTerm } from '../../search/text'

/**
 * The PostgreSQL engine's own storage (the shared contract is in search-contract.test.ts): postings
 * that grow from positions into bitmaps and back, writers that run at once, and pages read through
 * an ordered index equal to pages of the whole set.
 */
const engine = postgresEngine()
let n = 0
const run = () => `p${Date.now().toString(36)}${(n++).toString(36)}`

function practices(
  tag: string,
  count: number,
  make: (i: number) => Partial<SearchDocument> = () => ({}),
): SearchDocument[] {
  return Array.from({ length: count }, (_, i) => ({
    type: 'practice',
    id: `${tag}-${i}`,
    visibility: 'public',
    title: `Практика ${i}`,
    summary: '',
    body: '',
    url: `/practices/${tag}-${i}`,
    tags: [tag],
    districts: [],
    institutionKinds: [],
    date: new Date(Date.UTC(2025, 0, 1) + (i % 40) * 86_400_000).toISOString(),
    popularity: i % 7,
    ...make(i),
  }))
}

const search = (
  tag: string,
  q: string,
  extra: { page?: number; perPage?: number; sort?: 'relevance' | 'newest' | 'popular' } = {},
) => engine.search({ q, audience: 'public', filters: { tags: [tag] }, ...extra })

async function postingForm(word: string) {
  return queryRows<{ dense: boolean; n: number }>(
    db,
    sql`SELECT bits IS NOT NULL AS dense, COALESCE(bit_count(bits)::int, cardinality(positions)) AS n
        FROM search_postings WHERE field = 'all' AND term = ${indexTerm(word)}`,
  )
}

describe('PostgreSQL engine postings', () => {
  it('keeps a word of few documents as positions, of many as a bitmap, and shrinks it back on removal', async () => {
    const tag = run()
    const word = `рядкадума${tag}`
    const docs = practices(tag, 300, () => ({ body: `Текст с ${word}.` }))
    await engine.index(docs)
    expect(await postingForm(word)).toEqual([{ dense: true, n: 300 }])
    expect((await search(tag, word)).total).toBe(300)

    await engine.remove(docs.slice(0, 200).map((d) => ({ type: d.type, id: d.id })))
    expect(await postingForm(word)).toEqual([{ dense: false, n: 100 }])
    const after = await search(tag, word, { perPage: 50 })
    expect(after.total).toBe(100)
    expect(after.hits.every((h) => Number(h.id.split('-').pop()) >= 200)).toBe(true)

    await engine.index(docs.slice(200).map((d) => ({ ...d, body: 'Друг текст.' })))
    expect(await postingForm(word)).toEqual([])
    expect((await search(tag, word)).total).toBe(0)
  })

  it('loses no posting when several writers index documents with the same words at once', async () => {
    const tag = run()
    const batches = [0, 1, 2, 3].map((b) =>
      practices(tag, 40, (i) => ({ id: `${tag}-${b}-${i}`, body: `Обща дума съвместназапис${tag}.` })),
    )
    await Promise.all(batches.map((batch) => engine.index(batch)))
    const result = await search(tag, `съвместназапис${tag}`)
    expect(result.total).toBe(160)
    expect(result.facets.tags).toEqual({ [tag]: 160 })
  })

  it('reads the same page through the ordered index as from the whole set, in both orders', async () => {
    const tag = run()
    // Every fifth document is undated: both ways must put them last, in the same order.
    await engine.index(practices(tag, 150, (i) => (i % 5 === 0 ? { date: null } : {})))
    const rows = await queryRows<{ doc_no: number; doc_id: string }>(
      db,
      sql`SELECT doc_no, doc_id FROM search_documents WHERE ${tag} = ANY(tags)`,
    )
    const everyThird = rows.filter((_, i) => i % 3 === 0).map((r) => Number(r.doc_no))
    const set = fromMembers(everyThird)
    const [{ corpus }] = await queryRows<{ corpus: number }>(
      db,
      sql`SELECT count(*)::int AS corpus FROM search_documents`,
    )
    for (const order of ['newest', 'popular'] as PageOrder[]) {
      const whole = await pageOfSet(set, everyThird.length, corpus, order, 0, everyThird.length)
      expect(new Set(whole)).toEqual(new Set(everyThird))
      for (const [offset, limit] of [
        [0, 10],
        [10, 10],
        [45, 10],
        [7, 3],
      ]) {
        const ordered = await pageOfSet(set, everyThird.length, corpus, order, offset, limit, { readWholeMax: 0 })
        expect(ordered).toEqual(whole.slice(offset, offset + limit))
      }
    }
  })

  it('ranks title matches, then summary matches, then body matches, newest first within each, across pages', async () => {
    const tag = run()
    const word = `подреждане${tag}`
    const where = (i: number) => (i % 5 === 0 ? 'title' : i % 5 === 1 ? 'summary' : 'body')
    const docs = practices(tag, 35, (i) => ({
      [where(i)]: `Текст ${word}`,
      title: where(i) === 'title' ? `Практика ${i} ${word}` : `Практика ${i}`,
    }))
    await engine.index(docs)
    const pages = await Promise.all([1, 2, 3, 4].map((page) => search(tag, word, { page, perPage: 10 })))
    const ids = pages.flatMap((p) => p.hits.map((h) => h.id))
    expect(ids).toHaveLength(35)
    expect(new Set(ids).size).toBe(35)
    const rankOf = (id: string) => ['title', 'summary', 'body'].indexOf(where(Number(id.split('-').pop())))
    expect(ids.map(rankOf)).toEqual([...ids.map(rankOf)].sort((a, b) => a - b))
    const dates = pages.flatMap((p) => p.hits.map((h) => ({ rank: rankOf(h.id), date: h.date! })))
    for (let i = 1; i < dates.length; i++)
      if (dates[i].rank === dates[i - 1].rank) expect(dates[i].date <= dates[i - 1].date).toBe(true)
  })

  it('never shows the public a document made staff-only after its postings were read', async () => {
    const tag = run()
    const word = `оттеглена${tag}`
    const [doc] = practices(tag, 1, () => ({ title: `Практика ${word}` }))
    await engine.index([doc])
    expect((await search(tag, word)).hits.map((h) => h.id)).toEqual([doc.id])
    // What a writer leaves between a search's two reads: the row already staff-only, the postings not yet.
    await db.execute(
      sql`UPDATE search_documents SET visibility = 'staff' WHERE doc_type = 'practice' AND doc_id = ${doc.id}`,
    )
    expect((await search(tag, word)).hits).toEqual([])
    expect(
      (await engine.search({ q: word, audience: 'staff', filters: { tags: [tag] } })).hits.map((h) => h.id),
    ).toEqual([doc.id])
  })

  it('indexes and finds a long word of letters outside the Basic Multilingual Plane', async () => {
    const tag = run()
    // An odd start puts a cut at 100 (index) and 40 (query) units inside a letter.
    const word = `a${'𝐚'.repeat(80)}`
    await engine.index(practices(tag, 1, () => ({ body: `Текст ${word} край.` })))
    expect((await search(tag, word)).total).toBe(1)
    expect((await search(tag, `a${'𝐚'.repeat(10)}`)).total).toBe(1)
  })
})

describe('PostgreSQL engine typo dictionary', () => {
  const letters = () => Array.from({ length: 8 }, () => 'bcdfghjklmnpqrstvwxz'[Math.floor(Math.random() * 20)]).join('')
  const entry = async (word: string) =>
    (
      await queryRows<{ public_docs: number; staff_docs: number }>(
        db,
        sql`SELECT public_docs, staff_docs FROM search_terms WHERE word = ${indexTerm(word)}`,
      )
    )[0] ?? null

  it('keeps a word while some document holds it, and drops it with the last one (removed or rewritten)', async () => {
    const tag = run()
    const word = `zorbalinex${letters()}`
    const typo = word.slice(0, 3) + word[4] + word[3] + word.slice(5)
    const docs = practices(tag, 3, (i) => ({ body: i < 2 ? `Текст с ${word}.` : 'Друг текст.' }))
    await engine.index(docs)
    expect(await entry(word)).toEqual({ public_docs: 2, staff_docs: 0 })
    expect((await search(tag, typo)).total).toBe(2)

    await engine.remove([{ type: 'practice', id: docs[0].id }])
    expect(await entry(word)).toEqual({ public_docs: 1, staff_docs: 0 })
    // Re-indexing unchanged text counts nothing twice.
    await engine.index([docs[1], docs[1]])
    expect(await entry(word)).toEqual({ public_docs: 1, staff_docs: 0 })

    await engine.index([{ ...docs[1], body: 'Текстът е поправен.' }])
    expect(await entry(word)).toBeNull()
    expect((await search(tag, typo)).total).toBe(0)
  })

  it('offers the public only words of public documents: staff-only words never crowd out its corrections', async () => {
    const tag = run()
    const query = `zorbalim${letters()}`
    // One typo from the query each: the public word in the middle; eight staff-only words at the end, nearer by
    // trigrams.
    const publicWord = `${query.slice(0, 4)}e${query.slice(5)}`
    const staffWords = '01234567'.split('').map((d) => `${query.slice(0, -1)}${d}`)
    await engine.index([
      ...practices(tag, 1, () => ({ body: `Публичен текст ${publicWord}.` })),
      ...practices(`${tag}s`, 8, (i) => ({
        id: `${tag}-staff-${i}`,
        visibility: 'staff',
        tags: [tag],
        body: `Служебен текст ${staffWords[i]}.`,
      })),
    ])
    expect(await entry(publicWord)).toEqual({ public_docs: 1, staff_docs: 0 })
    expect(await entry(staffWords[0])).toEqual({ public_docs: 0, staff_docs: 1 })
    const found = await engine.search({ q: query, audience: 'public', filters: { tags: [tag] } })
    expect(found.hits.map((h) => h.id)).toEqual([`${tag}-0`])

    // A staff document made public puts its words before the public; made staff-only again, takes them back.
    const moved = { ...practices(tag, 1, () => ({ body: `Текст ${staffWords[0]}.` }))[0], id: `${tag}-staff-0` }
    await engine.index([moved])
    expect(await entry(staffWords[0])).toEqual({ public_docs: 1, staff_docs: 0 })
    await engine.index([{ ...moved, visibility: 'staff' }])
    expect(await entry(staffWords[0])).toEqual({ public_docs: 0, staff_docs: 1 })
  })
})
