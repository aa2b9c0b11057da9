import { sql } from 'drizzle-orm'
import { db, queryRows } from '../db/client.server'
import type { SearchDocType } from '../db/schema/search'
import { logger } from '../lib/logger.server'
import type { SearchSources } from './documents'
import type { SearchEngine } from './engine'
import { searchEngine } from './engines'

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

/** Loads the current state of the claimed documents and writes it to the engine (idempotent). */
async function apply(engine: SearchEngine, sources: SearchSources, rows: ClaimedRow[]) {
  const byType = new Map<SearchDocType, Set<string>>()
  for (const row of rows) {
    const ids = byType.get(row.doc_type) ?? new Set<string>()
    ids.add(row.doc_id)
    byType.set(row.doc_type, ids)
  }
  for (const [type, idSet] of byType) {
    const ids = [...idSet]
    const source = sources[type]
    const documents = source ? await source.load(ids) : []
    const present = new Set(documents.map((d) => d.id))
    if (documents.length > 0) await engine.index(documents)
    const gone = ids.filter((id) => !present.has(id)).map((id) => ({ type, id }))
    if (gone.length > 0) await engine.remove(gone)
  }
}

/**
 * Applies due outbox rows to the search engine. On failure (engine down) the rows stay with a later
 * next attempt; the site keeps working and the index catches up when the engine is back.
 */
export async function drainSearchOutbox(sources: SearchSources, options: { batchSize?: number; engine?: SearchEngine; maxBatches?: number } = {}) {
  const engine = options.engine ?? searchEngine()
  const batchSize = options.batchSize ?? 100
  let applied = 0
  let failed = 0
  for (let batch = 0; batch < (options.maxBatches ?? 20); batch++) {
    const rows = await claim(batchSize)
    if (rows.length === 0) break
    const ids = rows.map((r) => r.id)
    try {
      await apply(engine, sources, rows)
      await db.execute(sql`DELETE FROM search_outbox WHERE id = ANY(${sql`ARRAY[${sql.join(ids.map((id) => sql`${id}`), sql`, `)}]::bigint[]`})`)
      applied += rows.length
    } catch (error) {
      failed += rows.length
      const reason = error instanceof Error ? error.message.slice(0, 300) : 'unknown error'
      logger.warn({ rows: rows.length, attempts: Math.max(...rows.map((r) => r.attempts)) }, 'search index update failed; will retry')
      for (const row of rows) {
        await db.execute(
          sql`UPDATE search_outbox SET last_error = ${reason}, next_attempt_at = now() + make_interval(secs => ${searchBackoffSeconds(row.attempts)}) WHERE id = ${row.id}`,
        )
      }
      break
    }
  }
  return { applied, failed }
}

/** Rows waiting (for the admin page and health checks). */
export async function searchOutboxBacklog(): Promise<{ pending: number; failing: number }> {
  const [row] = await queryRows<{ pending: number; failing: number }>(
    db,
    sql`SELECT count(*)::int AS pending, count(*) FILTER (WHERE last_error IS NOT NULL)::int AS failing FROM search_outbox`,
  )
  return row ?? { pending: 0, failing: 0 }
}
