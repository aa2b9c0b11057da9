import { sql } from 'drizzle-orm'
import postgres from 'postgres'

import { db, dbKind, migrateDatabase, queryRows } from '../../db/client.server'

const holder = globalThis as typeof globalThis & { __iwbTestDb?: Promise<void> }

/**
 * One database per test worker: an in-memory PGlite, or — when DATABASE_URL is set — a fresh
 * PostgreSQL database named after the worker, so parallel workers never share rows.
 */
export function ensureTestDatabase(): Promise<void> {
  holder.__iwbTestDb ??= (async () => {
    const url = process.env.DATABASE_URL
    if (url) {
      const base = new URL(url)
      const name = `${base.pathname.slice(1) || 'test'}_iwb_w${process.env.VITEST_POOL_ID ?? process.pid}`
      const admin = postgres(url, { max: 1, onnotice: () => {} })
      await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      await admin.unsafe(`CREATE DATABASE "${name}"`)
      await admin.end()
      base.pathname = `/${name}`
      process.env.DATABASE_URL = base.toString()
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
