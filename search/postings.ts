/**
 * The postings of the PostgreSQL engine (table search_postings): for each field and term, the set of
 * documents that hold it, one row per chunk of document numbers (search/bitset.ts). This module
 * reads sets for a search and applies the changes an index write makes; search/postgres.ts decides
 * what to read and write.
 */
import { sql } from 'drizzle-orm'

import { queryRows, type DbOrTx } from '../db/client.server'
import {
  bitOf,
  CHUNK_BITS,
  chunkCount,
  chunkHex,
  chunkOf,
  chunkPositions,
  emptyChunk,
  setBit,
  type Bitset,
} from './bitset'
import { FACETS, type Facet } from './engine'

export const WORD_FIELDS = ['all', 'title', 'summary'] as const
export type WordField = (typeof WORD_FIELDS)[number]
/**
 * Word fields hold index terms (search/text.ts); 'pair' holds two neighbouring terms of one field
 * ("a b", stop words skipped), for phrases and proximity; 'gen' the index generation a document
 * belongs to (search/postgres-writes.ts); the others a document's visibility and facet values.
 */
export type PostingField = WordField | 'pair' | 'gen' | 'visibility' | Facet

/** A chunk with at most this many documents keeps their positions instead of a 1 KiB bitmap. */
const SPARSE_MAX = 256

/** A term of a field; `prefix` matches every term that starts with it. */
export interface TermRequest {
  field: PostingField
  term: string
  prefix: boolean
}

/** A map key of several parts (no part holds U+0001). */
export const keyOf = (...parts: (string | number)[]) => parts.join('\u0001')

/** The SQL type of one chunk's bitmap (the column type in db/schema/search.ts must match). */
const CHUNK_TYPE = sql.raw(`bit(${CHUNK_BITS})`)

/**
 * One request's documents in one chunk: the union of its dense rows, and the positions of its sparse ones as "1,5,9".
 */
interface ChunkOfRequest {
  i: number
  chunk: number
  bits: Uint8Array | null
  positions: string | null
}

/** The first string after every string that starts with `prefix` (byte order, as text_pattern_ops compares). */
function prefixEnd(prefix: string): string {
  const points = Array.from(prefix)
  const last = points.pop()!.codePointAt(0)!
  return points.join('') + String.fromCodePoint(Math.min(last + 1, 0x10ffff))
}

/** A chunk from its bitmap, its positions, or both (a union of rows of both kinds). */
function chunkFromRow(row: { bits: Uint8Array | null; positions: number[] | null }): Uint8Array {
  const chunk = row.bits ? Uint8Array.from(row.bits) : emptyChunk()
  for (const bit of row.positions ?? []) setBit(chunk, bit)
  return chunk
}

/**
 * The document sets of several terms at once, in request order. A prefix request is the union of
 * every term it starts (combined in the database, so a short prefix of many words sends one row per
 * chunk); the range on `term` uses the text_pattern_ops index.
 */
export async function readSets(runner: DbOrTx, requests: TermRequest[]): Promise<Bitset[]> {
  const sets: Bitset[] = requests.map(() => new Map())
  if (requests.length === 0) return sets
  // An exact term is the range [term, term + U+0001): text never holds U+0000, so nothing else falls in it.
  const ranges = requests.map((r, i) => ({
    i,
    f: r.field,
    lo: r.term,
    hi: r.prefix ? prefixEnd(r.term) : `${r.term}\u0001`,
  }))
  const rows = await queryRows<ChunkOfRequest>(
    runner,
    sql`SELECT k.i, p.chunk, substring(varbit_send(bit_or(p.bits)) from 5) AS bits,
               string_agg(array_to_string(p.positions, ','), ',') AS positions
        FROM jsonb_to_recordset(${JSON.stringify(ranges)}::jsonb) AS k(i int, f text, lo text, hi text)
        JOIN search_postings p ON p.field = k.f AND p.term ~>=~ k.lo AND p.term ~<~ k.hi
        GROUP BY k.i, p.chunk`,
  )
  for (const row of rows)
    sets[row.i].set(
      row.chunk,
      chunkFromRow({ bits: row.bits, positions: row.positions ? row.positions.split(',').map(Number) : null }),
    )
  return sets
}

/** How many documents of a set hold each value of the facet fields (values held by none are left out). */
export async function countFacets(runner: DbOrTx, set: Bitset): Promise<{ field: string; term: string; n: number }[]> {
  if (set.size === 0) return []
  const chunks = [...set].map(([c, chunk]) => ({ c, h: chunkHex(chunk) }))
  return queryRows(
    runner,
    sql`SELECT field, term, n FROM (
          SELECT p.field, p.term,
                 sum(CASE WHEN p.bits IS NOT NULL THEN bit_count(p.bits & m.bits)
                          ELSE (SELECT count(*) FROM unnest(p.positions) AS x WHERE get_bit(m.bits, x) = 1)
                     END)::int AS n
          FROM jsonb_to_recordset(${JSON.stringify(chunks)}::jsonb) AS j(c int, h text)
          CROSS JOIN LATERAL (SELECT ('x' || j.h)::${CHUNK_TYPE} AS bits) m
          JOIN search_postings p ON p.chunk = j.c AND p.field IN (${sql.raw(FACETS.map((f) => `'${f}'`).join(', '))})
          GROUP BY p.field, p.term) f
        WHERE n > 0`,
  )
}

/** One document entering (on) or leaving (off) the set of a field's term. */
export interface PostingChange {
  field: PostingField
  term: string
  docNo: number
  on: boolean
}

/**
 * Applies changes to the postings: reads the rows they touch, changes them here and writes them back
 * (empty ones are deleted). The caller holds the index writer lock, so no other write interleaves.
 */
export async function applyChanges(tx: DbOrTx, changes: PostingChange[]) {
  if (changes.length === 0) return
  const byRow = new Map<string, { f: PostingField; t: string; c: number; changes: PostingChange[] }>()
  for (const change of changes) {
    const c = chunkOf(change.docNo)
    const key = keyOf(change.field, change.term, c)
    const row = byRow.get(key) ?? { f: change.field, t: change.term, c, changes: [] }
    row.changes.push(change)
    byRow.set(key, row)
  }
  const keys = [...byRow.values()].map(({ f, t, c }) => ({ f, t, c }))
  const current = await queryRows<{
    field: string
    term: string
    chunk: number
    bits: Uint8Array | null
    positions: number[] | null
  }>(
    tx,
    sql`SELECT p.field, p.term, p.chunk, substring(varbit_send(p.bits) from 5) AS bits, p.positions
        FROM jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) AS k(f text, t text, c int)
        JOIN search_postings p ON p.field = k.f AND p.term = k.t AND p.chunk = k.c`,
  )
  const existing = new Map(current.map((row) => [keyOf(row.field, row.term, row.chunk), chunkFromRow(row)]))
  const writes: { f: string; t: string; c: number; b: string | null; p: number[] | null }[] = []
  const deletes: { f: string; t: string; c: number }[] = []
  for (const [key, row] of byRow) {
    const chunk = existing.get(key) ?? emptyChunk()
    for (const change of row.changes) setBit(chunk, bitOf(change.docNo), change.on)
    const n = chunkCount(chunk)
    if (n === 0) {
      if (existing.has(key)) deletes.push({ f: row.f, t: row.t, c: row.c })
    } else if (n <= SPARSE_MAX) writes.push({ f: row.f, t: row.t, c: row.c, b: null, p: chunkPositions(chunk) })
    else writes.push({ f: row.f, t: row.t, c: row.c, b: chunkHex(chunk), p: null })
  }
  if (writes.length > 0) {
    await tx.execute(
      sql`INSERT INTO search_postings (field, term, chunk, bits, positions)
          SELECT w.f, w.t, w.c, CASE WHEN w.b IS NULL THEN NULL ELSE ('x' || w.b)::${CHUNK_TYPE} END, w.p
          FROM jsonb_to_recordset(${JSON.stringify(writes)}::jsonb) AS w(f text, t text, c int, b text, p smallint[])
          ON CONFLICT (field, term, chunk) DO UPDATE SET bits = excluded.bits, positions = excluded.positions`,
    )
  }
  if (deletes.length > 0) {
    await tx.execute(
      sql`DELETE FROM search_postings p
          USING jsonb_to_recordset(${JSON.stringify(deletes)}::jsonb) AS d(f text, t text, c int)
          WHERE p.field = d.f AND p.term = d.t AND p.chunk = d.c`,
    )
  }
}
