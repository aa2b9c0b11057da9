/**
 * Which documents of a matching set fill one page of results, for the PostgreSQL engine. The set is
 * known as a bitmap; what remains is ordering. A small set is read whole (its documents' dates and
 * usefulness) and sorted here. A large one is read in the order of an index (newest first, or most
 * useful first) a window at a time, keeping the documents that are in the set, until the page is
 * full — so a page of a word in 16,000 documents reads a few hundred narrow index rows, not 16,000.
 */
import { sql } from 'drizzle-orm'
import { db, queryRows } from '../db/client.server'
import { has, members, type Bitset } from './bitset'

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

function comparator(order: PageOrder, score: (docNo: number) => number) {
  if (order === 'newest') return byNewest
  return (a: OrderRow, b: OrderRow) => b.popularity - a.popularity || score(b.doc_no) - score(a.doc_no) || byNewest(a, b)
}

const ORDER_SQL: Record<PageOrder, string> = {
  newest: 'date DESC NULLS LAST, doc_no',
  popular: 'popularity DESC NULLS LAST, date DESC NULLS LAST, doc_no',
}

/** Numbers as one PostgreSQL array literal (a single parameter, however many). */
export const intArray = (values: number[]) => `{${values.join(',')}}`

async function readWhole(set: Bitset): Promise<OrderRow[]> {
  return queryRows<OrderRow>(
    db,
    sql`SELECT doc_no, extract(epoch FROM date)::float8 AS t, popularity FROM search_documents WHERE doc_no = ANY(${intArray(members(set))}::int[])`,
  )
}

/**
 * Reads the index order a window at a time until `need` documents of the set are found. For 'popular'
 * order, the last usefulness value reached is read to its end, since score breaks ties within it.
 */
async function readInOrder(set: Bitset, size: number, corpus: number, order: PageOrder, need: number): Promise<OrderRow[]> {
  const found: OrderRow[] = []
  // Windows are read one after another: a document that moves meanwhile may show up in two (kept once)
  // or in none (then missing from this one page, as if read a moment later).
  const seen = new Set<number>()
  let scanned = 0
  let window = Math.min(corpus, Math.ceil((need * corpus) / Math.max(1, size) * 1.5) + 64)
  for (;;) {
    const rows = await queryRows<OrderRow>(
      db,
      sql`SELECT doc_no, extract(epoch FROM date)::float8 AS t, popularity FROM search_documents
          ORDER BY ${sql.raw(ORDER_SQL[order])} LIMIT ${window} OFFSET ${scanned}`,
    )
    scanned += rows.length
    for (const row of rows) {
      if (!has(set, row.doc_no) || seen.has(row.doc_no)) continue
      seen.add(row.doc_no)
      found.push(row)
    }
    if (rows.length < window) return found
    if (found.length >= need && (order === 'newest' || rows[rows.length - 1].popularity < found[need - 1].popularity)) return found
    window *= 2
  }
}

/**
 * Document numbers of positions [offset, offset + limit) of `set` (of `size` documents) in an order;
 * `corpus` is how many documents the index holds, `score` the relevance that breaks ties of usefulness.
 */
export async function pageOfSet(
  set: Bitset,
  size: number,
  corpus: number,
  order: PageOrder,
  offset: number,
  limit: number,
  options: { score?: (docNo: number) => number; readWholeMax?: number } = {},
): Promise<number[]> {
  if (size === 0 || offset >= size || limit <= 0) return []
  const need = Math.min(size, offset + limit)
  const rows = size <= (options.readWholeMax ?? READ_WHOLE_MAX) ? await readWhole(set) : await readInOrder(set, size, corpus, order, need)
  return rows
    .sort(comparator(order, options.score ?? (() => 0)))
    .slice(offset, need)
    .map((r) => r.doc_no)
}
