import { sql } from 'drizzle-orm'

import { db, queryRows } from '../db/client.server'
import type { SearchDocType } from '../db/schema/search'
import { scrubLogText } from '../lib/log-safety'
import { logger } from '../lib/logger.server'
import type { SearchSources } from './documents'
import type { DocumentRef, SearchEngine } from './engine'
import { searchEngine } from './engines'
import { intArray } from './result-page'
import { readVersions } from './versions'

interface ClaimedRow {
  id: number
  doc_type: SearchDocType
  doc_id: string
  op: 'upsert' | 'delete'
  attempts: number
}

/** While a batch is being applied its rows are leased; a process that dies gives them back after this. */
const LEASE_SECONDS = 120

/** Retry delays: 5 s, 10 s, 20 s … capped at 10 minutes; rows are never dropped, so no write is lost. */
export function searchBackoffSeconds(attempts: number): number {
  return Math.min(600, 5 * 2 ** Math.max(0, attempts - 1))
}

async function claim(batchSize: number): Promise<ClaimedRow[]> {
  // SKIP LOCKED lets several processes drain the outbox at once without taking the same rows.
  return queryRows<ClaimedRow>(
    db,
    sql`UPDATE search_outbox
        SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => ${LEASE_SECONDS})
        WHERE id IN (
          SELECT id FROM search_outbox
          WHERE next_attempt_at <= now()
          ORDER BY id
          LIMIT ${batchSize}
          FOR UPDATE SKIP LOCKED)
        RETURNING id, doc_type, doc_id, op, attempts`,
  )
}

/**
 * Reads these documents' current state from their source and writes it to the engine (idempotent).
 * Each version is read before the documents: the engine drops a state that a newer change has
 * overtaken meanwhile (search/versions.ts), whose own outbox row brings the newer one. Returns the
 * documents dropped so.
 */
export async function writeCurrentState(
  engine: SearchEngine,
  sources: SearchSources,
  type: SearchDocType,
  ids: string[],
): Promise<DocumentRef[]> {
  const versionOf = await readVersions(
    db,
    ids.map((id) => ({ type, id })),
  )
  const source = sources[type]
  const documents = source ? await source.load(ids) : []
  const present = new Set(documents.map((d) => d.id))
  const stale: DocumentRef[] = []
  if (documents.length > 0)
    stale.push(...(await engine.index(documents.map((d) => ({ ...d, version: versionOf(d) })))).stale)
  const gone = ids.filter((id) => !present.has(id)).map((id) => ({ type, id, version: versionOf({ type, id }) }))
  if (gone.length > 0) stale.push(...(await engine.remove(gone)).stale)
  return stale
}

/** Writes the claimed documents' current state. */
async function apply(engine: SearchEngine, sources: SearchSources, rows: ClaimedRow[]): Promise<number> {
  const byType = new Map<SearchDocType, Set<string>>()
  for (const row of rows) byType.set(row.doc_type, (byType.get(row.doc_type) ?? new Set<string>()).add(row.doc_id))
  let stale = 0
  for (const [type, ids] of byType) stale += (await writeCurrentState(engine, sources, type, [...ids])).length
  return stale
}

/** Why a batch failed, as the log and the outbox row keep it: the message without the values it may quote. */
const reasonOf = (error: unknown) =>
  error instanceof Error ? scrubLogText(error.message).slice(0, 300) : 'unknown error'

async function deleteRows(rows: ClaimedRow[]) {
  await db.execute(sql`DELETE FROM search_outbox WHERE id = ANY(${intArray(rows.map((r) => r.id))}::bigint[])`)
}

async function retryLater(rows: ClaimedRow[], reason: string) {
  for (const row of rows) {
    const backoff = searchBackoffSeconds(row.attempts)
    await db.execute(
      sql`UPDATE search_outbox
          SET last_error = ${reason}, next_attempt_at = now() + make_interval(secs => ${backoff})
          WHERE id = ${row.id}`,
    )
  }
}

/**
 * After this many documents in a row fail alone, the engine is taken to be down and the rest of the batch waits too.
 */
const ALONE_BEFORE_GIVING_UP = 3

/**
 * A batch that failed is retried one document at a time: the documents that go through are done,
 * each failing one keeps its rows with its own back-off, so one bad document never holds up the rest.
 */
async function applyAlone(engine: SearchEngine, sources: SearchSources, rows: ClaimedRow[]) {
  const byDocument = new Map<string, ClaimedRow[]>()
  for (const row of rows)
    byDocument.set(`${row.doc_type}:${row.doc_id}`, [...(byDocument.get(`${row.doc_type}:${row.doc_id}`) ?? []), row])
  let applied = 0
  let failed = 0
  let failuresInARow = 0
  let stale = 0
  for (const documentRows of byDocument.values()) {
    if (failuresInARow >= ALONE_BEFORE_GIVING_UP && applied === 0) {
      await retryLater(documentRows, 'not tried: the search engine failed for every document before it')
      failed += documentRows.length
      continue
    }
    try {
      stale += await apply(engine, sources, documentRows)
      await deleteRows(documentRows)
      applied += documentRows.length
      failuresInARow = 0
    } catch (error) {
      failuresInARow++
      failed += documentRows.length
      await retryLater(documentRows, reasonOf(error))
      logger.warn(
        { docType: documentRows[0].doc_type, attempts: documentRows[0].attempts },
        'search index update of one document failed; will retry',
      )
    }
  }
  return { applied, failed, stale }
}

/**
 * Applies due outbox rows to the search engine. On failure (engine down, a document it refuses) the
 * rows stay with a later next attempt; the site keeps working and the index catches up when the
 * engine is back.
 */
export async function drainSearchOutbox(
  sources: SearchSources,
  options: { batchSize?: number; engine?: SearchEngine; maxBatches?: number } = {},
) {
  const engine = options.engine ?? searchEngine()
  const batchSize = options.batchSize ?? 100
  let applied = 0
  let failed = 0
  let stale = 0
  for (let batch = 0; batch < (options.maxBatches ?? 20); batch++) {
    const rows = await claim(batchSize)
    if (rows.length === 0) break
    try {
      stale += await apply(engine, sources, rows)
      await deleteRows(rows)
      applied += rows.length
    } catch (error) {
      logger.warn(
        { rows: rows.length, attempts: Math.max(...rows.map((r) => r.attempts)), reason: reasonOf(error) },
        'search index update failed; retrying its documents one at a time',
      )
      const alone = await applyAlone(engine, sources, rows)
      applied += alone.applied
      failed += alone.failed
      stale += alone.stale
      if (alone.applied === 0) break
    }
  }
  return { applied, failed, stale }
}

/** Rows waiting (for the admin page and health checks). */
export async function searchOutboxBacklog(): Promise<{ pending: number; failing: number }> {
  const [row] = await queryRows<{ pending: number; failing: number }>(
    db,
    sql`SELECT count(*)::int AS pending, count(*) FILTER (WHERE last_error IS NOT NULL)::int AS failing
        FROM search_outbox`,
  )
  return row ?? { pending: 0, failing: 0 }
}
