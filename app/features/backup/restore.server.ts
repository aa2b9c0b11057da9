import { cp, mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import { migrateDatabase, rawClient } from '../../../db/client.server'
import { reindexAll } from '../../../search/reindex'
import { getEnv } from '../../env.server'
import { SEARCH_SOURCES } from '../search/sources.server'
import { ArchiveError, extractArchive } from './archive.server'
import { findPgTool, runPgTool, uploadsRoot } from './backup.server'
import { askServer } from './control.server'
import {
  appMigrationLevel,
  databaseMigrationLevel,
  journal,
  publicTables,
  rowCounts,
  runnerFor,
  type MigrationLevel,
  type SqlRunner,
} from './database.server'
import { manifestChecksum, ManifestSchema, type Manifest } from './manifest'
import { batches, portableStatements } from './sql-script'

export type RestoreErrorCode =
  'damaged' | 'checksum' | 'newer' | 'not-empty' | 'server-running' | 'needs-postgres' | 'no-pg-restore' | 'counts'

/** A refusal with a sentence for the person at the terminal; nothing was written unless it says so. */
export class RestoreError extends Error {
  constructor(
    readonly code: RestoreErrorCode,
    message: string,
  ) {
    super(message)
  }
}

export interface CountComparison {
  table: string
  expected: number
  restored: number
}

export interface RestoreReport {
  manifest: Manifest
  target: 'pglite' | 'postgres'
  counts: CountComparison[]
  migrated: { from: MigrationLevel; to: MigrationLevel }
  uploads: number
  reindexed: number | null
}

/** Unpacks into a private temporary folder and checks every file against the manifest before anything is written. */
async function openArchive(file: string): Promise<{ dir: string; manifest: Manifest }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'iwb-restore-'))
  try {
    let entries
    try {
      entries = await extractArchive(file, dir)
    } catch (error) {
      if (error instanceof ArchiveError)
        throw new RestoreError('damaged', `The archive is damaged (${error.message}); nothing was restored.`)
      throw error
    }
    if (entries[0]?.name !== 'manifest.json')
      throw new RestoreError(
        'damaged',
        'The archive has no manifest: it was not written by db:backup; nothing was restored.',
      )
    const parsed = ManifestSchema.safeParse(JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')))
    if (!parsed.success)
      throw new RestoreError('damaged', 'The archive’s manifest cannot be read; nothing was restored.')
    const manifest = parsed.data
    const found = entries.slice(1).map((e) => ({ path: e.name, bytes: e.bytes, sha256: e.sha256 }))
    const listed = new Map(manifest.files.map((f) => [f.path, f]))
    const mismatch =
      manifestChecksum(manifest.files) !== manifest.checksum ||
      found.length !== manifest.files.length ||
      found.some((f) => listed.get(f.path)?.sha256 !== f.sha256 || listed.get(f.path)?.bytes !== f.bytes)
    if (mismatch)
      throw new RestoreError(
        'checksum',
        'The archive does not match its manifest’s checksum (it is damaged or was changed); nothing was restored.',
      )
    return { dir, manifest }
  } catch (error) {
    await rm(dir, { recursive: true, force: true })
    throw error
  }
}

function checkLevel(manifest: Manifest) {
  const app = appMigrationLevel()
  const known = journal().find((e) => e.when === manifest.migrations.when)
  if (manifest.migrations.when > app.when || (manifest.migrations.count > 0 && !known)) {
    const migration = manifest.migrations.tag ?? manifest.migrations.when
    throw new RestoreError(
      'newer',
      `The backup comes from a newer version of the app (migration ${migration}); ` +
        'update the app first. Nothing was restored.',
    )
  }
}

async function countRows(run: SqlRunner): Promise<{ tables: number; rows: number }> {
  const counts = await rowCounts(run)
  return { tables: Object.keys(counts).length, rows: Object.values(counts).reduce((a, b) => a + b, 0) }
}

function compare(expected: Record<string, number>, restored: Record<string, number>): CountComparison[] {
  const tables = [...new Set([...Object.keys(expected), ...Object.keys(restored)])].sort()
  return tables.map((table) => ({ table, expected: expected[table] ?? 0, restored: restored[table] ?? 0 }))
}

const CLEAR_SCHEMAS =
  'DROP SCHEMA IF EXISTS drizzle CASCADE; DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;'

/** Plays a plain SQL dump in one transaction; the counts are compared before COMMIT, so a mismatch leaves nothing. */
async function loadSqlDump(
  script: string,
  expected: Record<string, number>,
  clear: boolean,
): Promise<CountComparison[]> {
  const raw = rawClient()
  if (raw.kind === 'pglite') {
    try {
      return await raw.client.transaction(async (tx) => {
        if (clear) await tx.exec(CLEAR_SCHEMAS)
        for (const batch of batches(portableStatements(script))) await tx.exec(batch)
        const counts = compare(expected, await rowCounts(async <T>(sql: string) => (await tx.query<T>(sql)).rows))
        if (counts.some((c) => c.expected !== c.restored)) throw countsError(counts)
        return counts
      })
    } finally {
      // The dump sets search_path and other settings for its session, which the app goes on using.
      await raw.client.exec('RESET ALL')
    }
  }
  const connection = await raw.client.reserve()
  try {
    await connection.unsafe('BEGIN')
    if (clear) await connection.unsafe(CLEAR_SCHEMAS).simple()
    for (const batch of batches(portableStatements(script))) await connection.unsafe(batch).simple()
    const counts = compare(expected, await rowCounts(runnerFor({ kind: 'postgres', client: connection })))
    if (counts.some((c) => c.expected !== c.restored)) throw countsError(counts)
    await connection.unsafe('COMMIT')
    return counts
  } catch (error) {
    await connection.unsafe('ROLLBACK').catch(() => {})
    throw error
  } finally {
    // The dump sets search_path to '' for its session: reset before the connection goes back to the pool.
    await connection.unsafe('DISCARD ALL').catch(() => {})
    connection.release()
  }
}

function countsError(counts: CountComparison[]) {
  const wrong = counts
    .filter((c) => c.expected !== c.restored)
    .map((c) => `${c.table}: ${c.restored} instead of ${c.expected}`)
  return new RestoreError(
    'counts',
    `The restored rows differ from the manifest (${wrong.join(', ')}); the restore was rolled back.`,
  )
}

/**
 * Restores an archive written by db:backup into this app's database (PGlite in DATA_DIR, or
 * PostgreSQL with DATABASE_URL). Refuses a database that holds rows unless `force`; then applies
 * the migrations newer than the backup, rebuilds the search index and puts the uploads back.
 */
export async function restoreBackup(
  file: string,
  options: { force?: boolean; reindex?: boolean; progress?: boolean; log?: (line: string) => void } = {},
): Promise<RestoreReport> {
  const log = options.log ?? (() => {})
  await stat(file)
  const { dir, manifest } = await openArchive(file)
  try {
    log(
      `Archive checked: ${manifest.files.length} files match the manifest (sha256 ${manifest.checksum.slice(0, 12)}…).`,
    )
    checkLevel(manifest)
    const target = getEnv().DATABASE_URL ? 'postgres' : 'pglite'
    if (target === 'pglite' && (await askServer({ command: 'ping' }, 5000).catch(() => null))) {
      throw new RestoreError(
        'server-running',
        'The forum is running on this data folder: stop it (Ctrl+C) and run the restore again. Nothing was restored.',
      )
    }
    if (manifest.database.format === 'pg_dump-custom' && target !== 'postgres') {
      throw new RestoreError(
        'needs-postgres',
        'This backup was made by pg_dump from PostgreSQL: restore it into PostgreSQL (set DATABASE_URL). ' +
          'Nothing was restored.',
      )
    }
    const raw = rawClient()
    const run = runnerFor(raw)
    const before = await countRows(run)
    if (before.rows > 0 && !options.force) {
      throw new RestoreError(
        'not-empty',
        `The database is not empty (${before.rows} rows in ${before.tables} tables). Restore only into an empty ` +
          'database, or add --force to replace everything in it. Nothing was restored.',
      )
    }
    const clear =
      before.tables > 0 || (await publicTables(run)).length > 0 || (await databaseMigrationLevel(run)).count > 0
    const from = manifest.migrations
    let counts: CountComparison[]
    if (manifest.database.format === 'sql') {
      counts = await loadSqlDump(await readFile(path.join(dir, 'database.sql'), 'utf8'), manifest.rowCounts, clear)
    } else {
      counts = await loadCustomDump(path.join(dir, 'database.dump'), manifest, clear, run)
    }
    const { db: sourceDb, serverVersion } = manifest.source
    log(`Database restored from ${sourceDb} ${serverVersion} (backup of ${manifest.createdAt}).`)
    await migrateDatabase()
    const to = await databaseMigrationLevel(run)
    if (to.count > from.count) log(`Migrations applied after the restore: ${to.count - from.count} (now at ${to.tag}).`)
    const reindexed =
      options.reindex === false
        ? null
        : Object.values(await reindexAll(SEARCH_SOURCES, { progress: options.progress })).reduce(
            (a, b) => a + (b ?? 0),
            0,
          )
    const uploads = manifest.files.filter((f) => f.path.startsWith('uploads/')).length
    if (uploads) await cp(path.join(dir, 'uploads'), uploadsRoot(), { recursive: true, force: true })
    return { manifest, target, counts, migrated: { from, to }, uploads, reindexed }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** A pg_dump custom-format archive goes through pg_restore, in one transaction. */
async function loadCustomDump(
  file: string,
  manifest: Manifest,
  clear: boolean,
  run: SqlRunner,
): Promise<CountComparison[]> {
  const raw = rawClient()
  if (raw.kind !== 'postgres') throw new RestoreError('needs-postgres', 'This backup needs PostgreSQL.')
  const [version] = await run<{ server_version: string }>('SHOW server_version')
  const pgRestore = await findPgTool('pg_restore', Number(manifest.source.serverVersion.split('.')[0]))
  if (!pgRestore)
    throw new RestoreError(
      'no-pg-restore',
      `This backup was made by pg_dump ${manifest.source.serverVersion}: install pg_restore of that version or ` +
        'newer (PostgreSQL client tools) and run the restore again. Nothing was restored.',
    )
  if (clear) await raw.client.unsafe(CLEAR_SCHEMAS).simple()
  try {
    await runPgTool(pgRestore, raw.url, (dbname) => ['--single-transaction', '--exit-on-error', dbname, file])
  } catch (error) {
    const reason = (error as { stderr?: string }).stderr?.split('\n')[0] ?? String(error)
    throw new Error(`pg_restore into PostgreSQL ${version?.server_version} failed: ${reason}`)
  }
  const counts = compare(manifest.rowCounts, await rowCounts(run))
  if (counts.some((c) => c.expected !== c.restored)) throw countsError(counts)
  return counts
}
