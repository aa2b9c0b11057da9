import { existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { unaccent } from '@electric-sql/pglite/contrib/unaccent'
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm'
import { PgDialect, type PgDatabase, type PgQueryResultHKT, type PgTransaction } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'

import { getEnv } from '../lib/env.server'
import * as schema from './schema'

export type Schema = typeof schema
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>
/** Functions that may run inside a caller's transaction take this. */
export type DbOrTx = Db | Tx
export type DbKind = 'pglite' | 'postgres'
export type RawClient =
  { kind: 'pglite'; client: PGlite; dataDir: string } | { kind: 'postgres'; client: postgres.Sql; url: string }

interface Door {
  kind: DbKind
  db: Db
  /** The driver underneath, for the few jobs drizzle does not do (backup and restore). */
  raw: RawClient
  migrate: () => Promise<void>
  close: () => Promise<void>
}

// Next to this file when run from source; from the project root when bundled into build/.
const besideSource = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations')
const migrationsDir = () =>
  getEnv().MIGRATIONS_DIR ?? (existsSync(besideSource) ? besideSource : path.resolve('db', 'migrations'))

function openPglite(dataDir: string): Door {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true })
  const client = new PGlite(dataDir, { extensions: { pg_trgm, unaccent } })
  const db = drizzlePglite(client, { schema }) as unknown as Db
  return {
    kind: 'pglite',
    db,
    raw: { kind: 'pglite', client, dataDir },
    migrate: async () => {
      await client.exec('CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS unaccent;')
      await migratePglite(db as never, { migrationsFolder: migrationsDir() })
    },
    close: () => client.close(),
  }
}

function openPostgres(url: string): Door {
  const client = postgres(url, {
    max: getEnv().databasePoolSize,
    onnotice: () => {},
    connection: { application_name: 'iwb', TimeZone: 'UTC' },
  })
  const db = drizzlePostgres(client, { schema }) as unknown as Db
  return {
    kind: 'postgres',
    db,
    raw: { kind: 'postgres', client, url },
    migrate: async () => {
      await client.unsafe('CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS unaccent;')
      await migratePostgres(db as never, { migrationsFolder: migrationsDir() })
    },
    close: () => client.end({ timeout: 5 }),
  }
}

const holder = globalThis as typeof globalThis & { __iwbDoor?: Door; __iwbMigrated?: Promise<void> }

/** The one database door: PGlite in DATA_DIR unless DATABASE_URL points at PostgreSQL. */
function door(): Door {
  if (!holder.__iwbDoor) {
    const env = getEnv()
    holder.__iwbDoor = env.DATABASE_URL ? openPostgres(env.DATABASE_URL) : openPglite(env.DATA_DIR)
  }
  return holder.__iwbDoor
}

export const db: Db = new Proxy({} as Db, {
  get(_target, prop) {
    const real = door().db as unknown as Record<PropertyKey, unknown>
    const value = real[prop]
    return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(real) : value
  },
})

const preparedByDoor = new WeakMap<Door, Map<string, unknown>>()

/**
 * A query built once per database door and run many times with placeholders (`sql.placeholder('name')`), for the
 * hottest pages: drizzle then skips building the SQL text on every request. `build` gets the door's drizzle instance
 * and returns `query.prepare(name)`; a new door (after `closeDatabase`) builds it again.
 */
export function prepared<T>(name: string, build: (database: Db) => T): T {
  const current = door()
  let byName = preparedByDoor.get(current)
  if (!byName) preparedByDoor.set(current, (byName = new Map()))
  let query = byName.get(name) as T | undefined
  if (query === undefined) {
    query = build(current.db)
    byName.set(name, query)
  }
  return query
}

export function dbKind(): DbKind {
  return door().kind
}

/** The driver behind the door: backup and restore stream SQL and files through it. */
export function rawClient(): RawClient {
  return door().raw
}

/** Where the committed migrations (and their journal) are read from. */
export function migrationsFolder(): string {
  return migrationsDir()
}

/** Applies committed migrations once per process. */
export function migrateDatabase(): Promise<void> {
  holder.__iwbMigrated ??= door().migrate()
  return holder.__iwbMigrated
}

export async function closeDatabase() {
  const current = holder.__iwbDoor
  holder.__iwbDoor = undefined
  holder.__iwbMigrated = undefined
  if (current) await current.close()
}

/** Raw SQL returning rows, the same on both drivers (pglite answers {rows}, postgres.js an array). */
export async function queryRows<T>(runner: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await runner.execute(query)) as unknown
  if (Array.isArray(result)) return result as T[]
  return ((result as { rows?: T[] }).rows ?? []) as T[]
}

const dialect = new PgDialect()

/**
 * Raw SQL that runs on every view of a hot page, prepared on the PostgreSQL server (postgres.js keeps it per
 * connection by its text): drizzle prepares only statements built with `.prepare(name)`, so PostgreSQL parses and
 * plans any other statement each time. Its text must not vary from call to call (values go in as parameters).
 * Inside a transaction, or on the embedded database, it runs as `queryRows` does.
 */
export async function queryRowsPrepared<T>(runner: DbOrTx, query: SQL): Promise<T[]> {
  const current = door()
  if (runner !== db || current.raw.kind !== 'postgres') return queryRows<T>(runner, query)
  const { sql: text, params } = dialect.sqlToQuery(query)
  return (await current.raw.client.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true })) as T[]
}
