/**
 * Which documents of a matching set fill one page of results, for the PostgreSQL engine. The set is
 * known as a bitmap; what remains is ordering. A small set is read whole (its documents' dates and
 * usefulness) and sorted here. A large one is read in the order of an index (newest first, or most
 * useful first) a window at a time, keeping the documents that are in the set, until the page is
 * full — so a page of a word in 16,000 documents reads a few hundred narrow index rows, not 16,000.
 */
import { sql } from 'drizzle-orm'

import { db, queryRows } from '../db/client.server'
import { fromMembers, has, members, type Bitset } from './bitset'

export type PageOrder = 'newest' | 'popular'

/** A set of at most this many documents is read whole rather than through an ordered index. */
export const READ_WHOLE_MAX = 1000

interface OrderRow {
  doc_no: number
  /** Epoch seconds, or null for undated documents (they come last). */
  t: number | null
  popularity: number
}

const byNewest = (a: OrderRow, b: OrderRow) => (b.t ?? -Infinity) - (a.t ?? -Infinity) || a.doc_no - b.doc_no

// The orders of the two indexes exactly, so a page read through an index needs no more than `need` rows.
const comparator = (order: PageOrder) =>
  order === 'newest' ? byNewest : (a: OrderRow, b: OrderRow) => b.popularity - a.popularity || byNewest(a, b)

const ORDER_SQL: Record<PageOrder, string> = {
  newest: 'date DESC NULLS LAST, doc_no',
  popular: 'popularity DESC NULLS LAST, date DESC NULLS LAST, doc_no',
}

/** Numbers as one PostgreSQL array literal (a single parameter, however many). */
export const intArray = (values: number[]) => `{${values.join(',')}}`

async function readWhole(docNos: number[]): Promise<OrderRow[]> {
  if (docNos.length === 0) return []
  return queryRows<OrderRow>(
    db,
    sql`SELECT doc_no, extract(epoch FROM date)::float8 AS t, popularity FROM search_documents
        WHERE doc_no = ANY(${intArray(docNos)}::int[])`,
  )
}

/** Reads the index order a window at a time until `need` documents of the set are found. */
async function readInOrder(
  set: Bitset,
  size: number,
  corpus: number,
  order: PageOrder,
  need: number,
  onRead?: (rows: number) => void,
): Promise<OrderRow[]> {
  const found: OrderRow[] = []
  // Windows are read one after another: a document that moves meanwhile may show up in two (kept once)
  // or in none (then missing from this one page, as if read a moment later).
  const seen = new Set<number>()
  let scanned = 0
  let window = Math.min(corpus, Math.ceil(((need * corpus) / Math.max(1, size)) * 1.5) + 64)
  for (;;) {
    const rows = await queryRows<OrderRow>(
      db,
      sql`SELECT doc_no, extract(epoch FROM date)::float8 AS t, popularity FROM search_documents
          ORDER BY ${sql.raw(ORDER_SQL[order])} LIMIT ${window} OFFSET ${scanned}`,
    )
    scanned += rows.length
    onRead?.(rows.length)
    for (const row of rows) {
      if (!has(set, row.doc_no) || seen.has(row.doc_no)) continue
      seen.add(row.doc_no)
      found.push(row)
    }
    if (rows.length < window || found.length >= need) return found
    window *= 2
  }
}

/**
 * Document numbers of positions [offset, offset + limit) of `set` (of `size` documents) in an order;
 * `corpus` is how many documents the index holds.
 */
export async function pageOfSet(
  set: Bitset,
  size: number,
  corpus: number,
  order: PageOrder,
  offset: number,
  limit: number,
  options: { readWholeMax?: number; onRead?: (rows: number) => void } = {},
): Promise<number[]> {
  if (size === 0 || offset >= size || limit <= 0) return []
  const need = Math.min(size, offset + limit)
  const rows =
    size <= (options.readWholeMax ?? READ_WHOLE_MAX)
      ? await readWhole(members(set))
      : await readInOrder(set, size, corpus, order, need, options.onRead)
  return rows
    .sort(comparator(order))
    .slice(offset, need)
    .map((r) => r.doc_no)
}

/**
 * Positions [offset, offset + limit) of documents ranked in tiers of equal score (best first), newest
 * first within a tier. The tiers the page touches are read together when small (one statement), a
 * large one through the date index.
 */
export async function pageOfTiers(
  tiers: { docNos: number[] }[],
  corpus: number,
  offset: number,
  limit: number,
): Promise<number[]> {
  const parts: { docNos: number[]; from: number; take: number }[] = []
  let skip = offset
  let remaining = limit
  for (const tier of tiers) {
    if (remaining === 0) break
    if (skip >= tier.docNos.length) {
      skip -= tier.docNos.length
      continue
    }
    const take = Math.min(remaining, tier.docNos.length - skip)
    parts.push({ docNos: tier.docNos, from: skip, take })
    remaining -= take
    skip = 0
  }
  let budget = READ_WHOLE_MAX
  const whole = parts.filter((p) => p.docNos.length <= budget && (budget -= p.docNos.length) >= 0)
  const rows = new Map((await readWhole(whole.flatMap((p) => p.docNos))).map((r) => [Number(r.doc_no), r]))
  const out: number[] = []
  for (const part of parts) {
    if (whole.includes(part)) {
      const sorted = part.docNos.flatMap((n) => rows.get(n) ?? []).sort(byNewest)
      out.push(...sorted.slice(part.from, part.from + part.take).map((r) => Number(r.doc_no)))
    } else {
      out.push(
        ...(await pageOfSet(fromMembers(part.docNos), part.docNos.length, corpus, 'newest', part.from, part.take)),
      )
    }
  }
  return out
}
