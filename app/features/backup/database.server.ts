import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'

import type postgres from 'postgres'

import { migrationsFolder, type RawClient } from '../../../db/client.server'
import { getEnv } from '../../env.server'
import { CHAT_RETENTION_HORIZON_SQL } from '../chat/retention.server'
import { REGISTRATION_RETENTION_HORIZON_SQL } from '../events/jobs.server'

/** Plain SQL in, rows out: the same for PGlite (here or in a thread) and postgres.js. */
export type SqlRunner = <T = Record<string, unknown>>(sql: string) => Promise<T[]>

export function runnerFor(
  raw: RawClient | { kind: 'postgres'; client: postgres.Sql | postgres.TransactionSql | postgres.ReservedSql },
): SqlRunner {
  if (raw.kind === 'pglite') return async <T>(sql: string) => (await raw.client.query<T>(sql)).rows
  const client = raw.client
  return async <T>(sql: string) => (await client.unsafe(sql)) as unknown as T[]
}

export interface MigrationLevel {
  /** How many migrations are applied. */
  count: number
  /** The last applied migration's journal tag (null when this app's journal does not know it). */
  tag: string | null
  /** drizzle's `created_at` of the last applied migration: the journal's `when`. */
  when: number
}

interface JournalEntry {
  idx: number
  when: number
  tag: string
}

export function journal(): JournalEntry[] {
  const file = path.join(migrationsFolder(), 'meta', '_journal.json')
  return (JSON.parse(readFileSync(file, 'utf8')) as { entries: JournalEntry[] }).entries
}

/** The level this version of the app migrates to. */
export function appMigrationLevel(): MigrationLevel {
  const entries = journal()
  const last = entries[entries.length - 1]
  return { count: entries.length, tag: last?.tag ?? null, when: last?.when ?? 0 }
}

/** The level a database is at, from drizzle's own bookkeeping table. */
export async function databaseMigrationLevel(run: SqlRunner): Promise<MigrationLevel> {
  const [exists] = await run<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'drizzle' AND tablename = '__drizzle_migrations'`,
  )
  if (!exists || Number(exists.n) === 0) return { count: 0, tag: null, when: 0 }
  const [row] = await run<{ n: number; last: string | null }>(
    `SELECT count(*)::int AS n, max(created_at)::text AS last FROM drizzle.__drizzle_migrations`,
  )
  const when = Number(row?.last ?? 0)
  return { count: Number(row?.n ?? 0), tag: journal().find((e) => e.when === when)?.tag ?? null, when }
}

/** The application's tables, in name order. */
export async function publicTables(run: SqlRunner): Promise<string[]> {
  const rows = await run<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  )
  return rows.map((r) => r.name)
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`

/** Rows per table of the public schema, read in one statement (one snapshot). */
export async function rowCounts(run: SqlRunner): Promise<Record<string, number>> {
  const tables = await publicTables(run)
  if (tables.length === 0) return {}
  const union = tables
    .map((t) => `SELECT '${t.replace(/'/g, "''")}' AS name, count(*)::bigint AS n FROM public.${quoteIdent(t)}`)
    .join(' UNION ALL ')
  const rows = await run<{ name: string; n: string | number }>(union)
  return Object.fromEntries(tables.map((t) => [t, Number(rows.find((r) => r.name === t)?.n ?? 0)]))
}

/**
 * The longest period any personal data in the database may still be kept: e-mails in the outbox,
 * event registrations (days after the event), chat messages (days after closing). A backup older
 * than this is deleted, so that erased data does not live on in archives.
 */
export async function retentionHorizonDays(run: SqlRunner): Promise<number> {
  const tables = new Set(await publicTables(run))
  // E-mail is kept the longest of its two periods (sent mail, then pending mail that never went).
  let days = Math.max(getEnv().MAIL_RETENTION_DAYS, getEnv().MAIL_PENDING_DAYS)
  for (const [table, sql] of [
    ['event_registrations', REGISTRATION_RETENTION_HORIZON_SQL],
    ['chat_messages', CHAT_RETENTION_HORIZON_SQL],
  ] as const) {
    if (!tables.has(table)) continue
    const [row] = await run<{ days: number | null }>(sql)
    days = Math.max(days, Number(row?.days ?? 0))
  }
  return days
}

// Next to this file when run from source; from the project root when bundled into build/.
const besideSource = path.join(path.dirname(fileURLToPath(import.meta.url)), 'pglite-worker.mjs')
const WORKER_FILE = existsSync(besideSource)
  ? besideSource
  : path.resolve('app', 'features', 'backup', 'pglite-worker.mjs')

/** A PGlite database opened in a worker thread: its dump runs there, not on the site's event loop. */
export class PgliteThread {
  private worker: Worker
  private next = 0
  private waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()

  /** A data folder, a tarball of one (PGlite's dumpDataDir), or neither for an empty in-memory database. */
  constructor(source: { dataDir?: string; tarball?: Uint8Array } = {}) {
    this.worker = new Worker(WORKER_FILE, {
      workerData: source,
      transferList: source.tarball ? [source.tarball.buffer as ArrayBuffer] : [],
    })
    this.worker.on('message', ({ id, result, error }: { id: number; result?: unknown; error?: string }) => {
      const waiter = this.waiting.get(id)
      this.waiting.delete(id)
      if (error) waiter?.reject(new Error(error))
      else waiter?.resolve(result)
    })
    this.worker.on('error', (error) => {
      for (const waiter of this.waiting.values()) waiter.reject(error)
      this.waiting.clear()
    })
  }

  private call<T>(message: Record<string, unknown>, transfer: ArrayBuffer[] = []): Promise<T> {
    const id = this.next++
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject })
      this.worker.postMessage({ id, ...message }, transfer)
    })
  }

  readonly run = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    this.call<T[]>({ op: 'query', sql, params })
  exec(sql: string) {
    return this.call<void>({ op: 'exec', sql })
  }
  /** pg_dump (PGlite's WASM build) into a plain SQL file; returns its size. */
  dump(file: string) {
    return this.call<number>({ op: 'dump', file, args: ['--no-owner', '--no-privileges'] })
  }
  async close() {
    try {
      await this.call<void>({ op: 'close' })
    } finally {
      await this.worker.terminate()
    }
  }
}
