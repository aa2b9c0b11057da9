import { and, eq, sql } from 'drizzle-orm'

import { db, dbKind, migrateDatabase, queryRows, type Tx } from '../../db/client.server'
import { auditLog } from '../../db/schema'
import { freshDatabase } from './fresh-database'

const holder = globalThis as typeof globalThis & { __iwbTestDb?: Promise<void> }

/**
 * One database per test worker: an in-memory PGlite, or — when DATABASE_URL is set — a fresh
 * PostgreSQL database named after the worker, so parallel workers never share rows.
 */
export function ensureTestDatabase(): Promise<void> {
  holder.__iwbTestDb ??= (async () => {
    const url = process.env.DATABASE_URL
    if (url) {
      const name = `${new URL(url).pathname.slice(1) || 'test'}_iwb_w${process.env.VITEST_POOL_ID ?? process.pid}`
      process.env.DATABASE_URL = await freshDatabase(url, name)
    } else {
      process.env.DATA_DIR = 'memory://'
    }
    await migrateDatabase()
  })()
  return holder.__iwbTestDb
}

/** Empties every table (keeps the schema and migrations), for tests that count rows. */
export async function truncateAll() {
  const tables = await queryRows<{ tablename: string }>(
    db,
    sql`select tablename from pg_tables where schemaname = 'public'`,
  )
  if (tables.length === 0) return
  const list = tables.map((t) => `"${t.tablename}"`).join(', ')
  await db.execute(sql.raw(`TRUNCATE ${list} RESTART IDENTITY CASCADE`))
}

export { db, dbKind }

/**
 * Where any of the needles is stored: every column of every table, read as JSON with spaces, dots, dashes,
 * brackets and slashes taken out (so "0888 123 456" is found as "0888123456"). Returns "table: needle" per hit.
 */
export async function findInEveryTable(needles: readonly string[]): Promise<string[]> {
  const tables = await queryRows<{ tablename: string }>(
    db,
    sql`select tablename from pg_tables where schemaname = 'public'`,
  )
  const canonical = (value: string) =>
    value
      .normalize('NFKC')
      .replace(/\p{Cf}/gu, '')
      .replace(/[\s.\-()/]/g, '')
      .toLowerCase()
  const found: string[] = []
  for (const { tablename } of tables) {
    const rows = await queryRows<{ row: string }>(
      db,
      sql.raw(`select row_to_json(t)::text as row from "${tablename}" t`),
    )
    for (const { row } of rows) {
      const text = canonical(row)
      for (const needle of needles)
        if (text.includes(canonical(needle))) found.push(`${tablename}: ${needle} ${process.env.DEBUG_SCAN ? row : ''}`)
    }
  }
  return found
}

class Rollback extends Error {}

/**
 * Runs `work` in a transaction that is rolled back afterwards, so demo seeds (whose accounts have fixed e-mails) can
 * run beside other test files; an error thrown by `work` (a failed expectation) comes out as it is.
 */
export async function inRolledBackTransaction(work: (tx: Tx) => Promise<void>): Promise<void> {
  try {
    await db.transaction(async (tx) => {
      await work(tx)
      throw new Rollback()
    })
  } catch (error) {
    if (!(error instanceof Rollback)) throw error
  }
}

/** The audit log's entries of one action on one target, oldest first. */
export function auditEntries(action: string, targetId: string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.targetId, targetId)))
    .orderBy(auditLog.id)
}
