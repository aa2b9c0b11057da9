/**
 * Writes that cannot go stale. Every change of a document's searchable content raises its version
 * (search/outbox.ts). Whoever writes a document to an index reads its version *before* reading the
 * document, so the state written is at least that new; the engine writes it only if the version is
 * still the current one when it applies the write, under its writer lock. A reader that was
 * overtaken by a change is dropped: the change's own outbox row brings the newer state. So an older
 * state never overwrites a newer one, whatever order workers and a reindex finish in.
 */
import { sql } from 'drizzle-orm'

import { db, queryRows, type DbOrTx } from '../db/client.server'
import type { DocumentRef } from './engine'

const key = (type: string, id: string) => `${type}\u0001${id}`

/** Document references as the JSON that `jsonb_to_recordset(…) AS r(t text, i text)` reads. */
export function refsJson(refs: readonly DocumentRef[]): string {
  return JSON.stringify(refs.map((r) => ({ t: r.type, i: r.id })))
}

/** Current versions of these documents (0 for one never changed through the outbox). */
export async function readVersions(runner: DbOrTx, refs: DocumentRef[]): Promise<(ref: DocumentRef) => number> {
  const rows = refs.length
    ? await queryRows<{ t: string; i: string; v: number }>(
        runner,
        sql`SELECT v.doc_type AS t, v.doc_id AS i, v.version AS v
            FROM jsonb_to_recordset(${refsJson(refs)}::jsonb) AS r(t text, i text)
            JOIN search_versions v ON v.doc_type = r.t AND v.doc_id = r.i`,
      )
    : []
  const versions = new Map(rows.map((r) => [key(r.t, r.i), Number(r.v)]))
  return (ref) => versions.get(key(ref.type, ref.id)) ?? 0
}

/** Every document's current version (a reindex reads them all before it reads any document). */
export async function readAllVersions(runner: DbOrTx): Promise<(ref: DocumentRef) => number> {
  const rows = await queryRows<{ t: string; i: string; v: number }>(
    runner,
    sql`SELECT doc_type AS t, doc_id AS i, version AS v FROM search_versions`,
  )
  const versions = new Map(rows.map((r) => [key(r.t, r.i), Number(r.v)]))
  return (ref) => versions.get(key(ref.type, ref.id)) ?? 0
}

/** The writes whose document has not changed since it was read (a write without a version always passes). */
export async function currentOnly<T extends DocumentRef & { version?: number }>(
  runner: DbOrTx,
  writes: T[],
): Promise<{ current: T[]; stale: T[] }> {
  const versioned = writes.filter((w) => w.version !== undefined)
  if (versioned.length === 0) return { current: writes, stale: [] }
  const now = await readVersions(runner, versioned)
  const current: T[] = []
  const stale: T[] = []
  for (const w of writes) (w.version === undefined || w.version >= now(w) ? current : stale).push(w)
  return { current, stale }
}

/**
 * For an engine outside the database (Meilisearch, which applies an index's tasks in the order they
 * were enqueued): under one lock, drops the writes overtaken by a change and enqueues the rest, so no
 * write checked earlier is enqueued after one checked later. `building` says a reindex is building a
 * new index beside the live one, which must get every write too. Waiting for the tasks is left to the
 * caller, outside the lock.
 */
export async function enqueueCurrent<T extends DocumentRef & { version?: number }, R>(
  lock: number,
  writes: T[],
  enqueue: (current: T[], building: boolean) => Promise<R>,
): Promise<{ enqueued: R | null; stale: DocumentRef[] }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${lock})`)
    const { current, stale } = await currentOnly(tx, writes)
    const staleRefs = stale.map((w) => ({ type: w.type, id: w.id }))
    if (current.length === 0) return { enqueued: null, stale: staleRefs }
    const [state] = await queryRows<{ building: boolean }>(
      tx,
      sql`SELECT building IS NOT NULL AS building FROM search_state WHERE id = 1`,
    )
    return { enqueued: await enqueue(current, state?.building ?? false), stale: staleRefs }
  })
}
