import { execFile as execFileCallback } from 'node:child_process'
import { copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'

import type { PGlite } from '@electric-sql/pglite'
import { desc, inArray } from 'drizzle-orm'
import type postgres from 'postgres'

import { db, migrationsFolder, rawClient } from '../../../db/client.server'
import { backupRuns } from '../../../db/schema/backups'
import pkg from '../../../package.json'
import { getEnv } from '../../env.server'
import { logger, scrubLogText } from '../platform/logger.server'
import { uploadDir } from '../training/uploads.server'
import { readArchiveHead, sha256File, writeArchive, type ArchiveEntrySource } from './archive.server'
import {
  databaseMigrationLevel,
  journal,
  PgliteThread,
  publicTables,
  retentionHorizonDays,
  rowCounts,
  runnerFor,
  type MigrationLevel,
  type SqlRunner,
} from './database.server'
import { manifestChecksum, type Manifest } from './manifest'

const execFile = promisify(execFileCallback)

export const ARCHIVE_NAME = /^iwb-backup-\d{8}-\d{6}(-\d+)?Z\.tar\.gz$/

export interface BackupResult {
  file: string
  bytes: number
  manifest: Manifest
}

export function backupDir(): string {
  return path.resolve(getEnv().BACKUP_DIR)
}

/** Uploaded files live beside the database: DATA_DIR/uploads (training images are one folder in it). */
export function uploadsRoot(): string {
  return path.dirname(uploadDir())
}

interface DumpFacts {
  file: string
  format: Manifest['database']['format']
  serverVersion: string
  migrations: MigrationLevel
  rowCounts: Record<string, number>
  retentionDays: number
  blockedMs: number
}

async function factsFrom(run: SqlRunner) {
  const [version] = await run<{ server_version: string }>('SHOW server_version')
  return {
    serverVersion: version?.server_version ?? 'unknown',
    migrations: await databaseMigrationLevel(run),
    rowCounts: await rowCounts(run),
    retentionDays: await retentionHorizonDays(run),
  }
}

/**
 * Files under `root` (relative, '/'-separated); `dirs` collects every folder, empty ones too (PostgreSQL needs them).
 */
async function listFiles(
  root: string,
  skip: (relative: string) => boolean,
  relative = '',
  dirs?: string[],
): Promise<string[]> {
  let entries
  try {
    entries = await readdir(path.join(root, relative), { withFileTypes: true })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  const files: string[] = []
  for (const entry of entries) {
    const rel = relative ? `${relative}/${entry.name}` : entry.name
    if (skip(rel)) continue
    if (entry.isDirectory()) {
      dirs?.push(rel)
      files.push(...(await listFiles(root, skip, rel, dirs)))
    } else if (entry.isFile()) files.push(rel)
  }
  return files
}

async function copyAll(from: string, to: string, dirs: string[], files: string[]) {
  await mkdir(to, { recursive: true, mode: 0o700 })
  for (const dir of dirs) await mkdir(path.join(to, dir), { recursive: true, mode: 0o700 })
  let next = 0
  // A few copies at once: the data folder is over a thousand small files.
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < files.length) {
        const file = files[next++]
        await copyFile(path.join(from, file), path.join(to, file))
      }
    }),
  )
}

/**
 * Copies the embedded database's folder while no query or transaction runs — the only moment the
 * site waits — and returns how long that took. PGlite answers one query at a time, so holding both
 * of its locks is a consistent snapshot; the copy is opened and dumped later in a worker thread.
 */
export async function snapshotPglite(client: PGlite, dataDir: string, into: string): Promise<number> {
  const source = path.resolve(dataDir)
  const skip = (rel: string) => rel === 'uploads' || rel === 'postmaster.pid'
  let blockedMs = 0
  await client.waitReady
  await client._runExclusiveTransaction(() =>
    client._runExclusiveQuery(async () => {
      const started = performance.now()
      if (client.isInTransaction()) throw new Error('the embedded database is inside a transaction')
      await client.syncToFs()
      const dirs: string[] = []
      const files = await listFiles(source, skip, '', dirs)
      await copyAll(source, into, dirs, files)
      blockedMs = Math.round(performance.now() - started)
    }),
  )
  return blockedMs
}

async function dumpPglite(client: PGlite, dataDir: string, staging: string): Promise<DumpFacts> {
  const snapshot = path.join(staging, 'pgdata')
  let blockedMs: number
  let thread: PgliteThread
  if (dataDir.startsWith('memory://')) {
    // An in-memory database (tests) has no folder to copy: PGlite hands over a tarball of it.
    const started = performance.now()
    const tarball = await client._runExclusiveTransaction(() => client.dumpDataDir('none'))
    blockedMs = Math.round(performance.now() - started)
    thread = new PgliteThread({ tarball: new Uint8Array(await tarball.arrayBuffer()) })
  } else {
    blockedMs = await snapshotPglite(client, dataDir, snapshot)
    thread = new PgliteThread({ dataDir: snapshot })
  }
  try {
    const facts = await factsFrom(thread.run)
    const file = path.join(staging, 'database.sql')
    await thread.dump(file)
    return { file, format: 'sql', blockedMs, ...facts }
  } finally {
    await thread.close()
    await rm(snapshot, { recursive: true, force: true })
  }
}

/**
 * Runs pg_dump or pg_restore on the database at `url`, without owners and privileges (the target's roles are its
 * own); `args` puts the `--dbname` where the tool wants it. The password goes through the environment, not the
 * command line (where `ps` shows it).
 */
export async function runPgTool(binary: string, url: string, args: (dbnameArg: string) => string[]) {
  const parsed = new URL(url)
  const password = decodeURIComponent(parsed.password)
  parsed.password = ''
  const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) }
  return execFile(binary, ['--no-owner', '--no-privileges', ...args(`--dbname=${parsed.toString()}`)], {
    env,
    maxBuffer: 16 * 1024 * 1024,
  })
}

/** The pg_dump/pg_restore to use, or null when none is installed that can read this server. */
export async function findPgTool(tool: 'pg_dump' | 'pg_restore', serverMajor: number): Promise<string | null> {
  const configured = getEnv().BACKUP_PG_TOOLS
  if (configured === 'off') return null
  const binary = configured ? path.join(configured, tool) : tool
  try {
    const { stdout } = await execFile(binary, ['--version'])
    const major = Number(/(\d+)(?:\.\d+)?/.exec(stdout)?.[1] ?? 0)
    return major >= serverMajor ? binary : null
  } catch {
    return null
  }
}

/**
 * Without pg_dump: the rows are copied (in the dump's one snapshot) into an in-memory PGlite built
 * with the same migrations, and PGlite's pg_dump writes the same SQL dump the embedded mode writes.
 */
async function dumpThroughPglite(
  connection: postgres.TransactionSql,
  run: SqlRunner,
  facts: { migrations: MigrationLevel; rowCounts: Record<string, number> },
  file: string,
) {
  const level = facts.migrations
  const known = journal()
  if (known.length < level.count || known[level.count - 1]?.when !== level.when)
    throw new Error('the database has migrations this version of the app does not know: update the app first')
  const thread = new PgliteThread()
  try {
    await thread.exec('CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS unaccent;')
    for (const entry of known.slice(0, level.count)) {
      const text = await readFile(path.join(migrationsFolder(), `${entry.tag}.sql`), 'utf8')
      for (const statement of text.split('--> statement-breakpoint')) if (statement.trim()) await thread.exec(statement)
    }
    await thread.exec(
      'CREATE SCHEMA drizzle; ' +
        'CREATE TABLE drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)',
    )
    // Foreign keys are checked by triggers; rows arrive table by table, complete at the end.
    await thread.exec('SET session_replication_role = replica')
    const tables = [
      ...(await publicTables(run)).filter((t) => facts.rowCounts[t] > 0).map((t) => `public."${t}"`),
      'drizzle.__drizzle_migrations',
    ]
    // Rows travel as JSON read through a cursor (postgres.js's COPY stream stalls the next query of its transaction).
    for (const table of tables) {
      for await (const rows of connection
        .unsafe<{ j: string }[]>(`SELECT row_to_json(t)::text AS j FROM ${table} t`)
        .cursor(2000)) {
        await thread.run(`INSERT INTO ${table} SELECT * FROM json_populate_recordset(NULL::${table}, $1::json)`, [
          `[${rows.map((r) => r.j).join(',')}]`,
        ])
      }
    }
    await thread.exec('SET session_replication_role = origin')
    const sequences = await run<{ name: string; last: string | null }>(
      `SELECT format('%I.%I', schemaname, sequencename) AS name, last_value::text AS last
       FROM pg_sequences WHERE schemaname IN ('public', 'drizzle')`,
    )
    for (const s of sequences)
      if (s.last !== null) await thread.exec(`SELECT setval('${s.name.replace(/'/g, "''")}', ${Number(s.last)}, true)`)
    await thread.dump(file)
  } finally {
    await thread.close()
  }
}

async function dumpPostgres(client: postgres.Sql, url: string, staging: string): Promise<DumpFacts> {
  // One snapshot for the counts, the level and the dump itself (pg_dump joins it with --snapshot).
  return client.begin('ISOLATION LEVEL REPEATABLE READ READ ONLY', async (tx) => {
    const run = runnerFor({ kind: 'postgres', client: tx })
    const [{ snapshot }] = await run<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot')
    const facts = await factsFrom(run)
    const pgDump = await findPgTool('pg_dump', Number(facts.serverVersion.split('.')[0]))
    if (pgDump) {
      const file = path.join(staging, 'database.dump')
      await runPgTool(pgDump, url, (dbname) => ['--format=custom', `--snapshot=${snapshot}`, `--file=${file}`, dbname])
      return { file, format: 'pg_dump-custom' as const, blockedMs: 0, ...facts }
    }
    const file = path.join(staging, 'database.sql')
    await dumpThroughPglite(tx, run, facts, file)
    return { file, format: 'sql' as const, blockedMs: 0, ...facts }
  })
}

function archiveName(at: Date, attempt: number): string {
  const stamp = at
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:]/g, '')
    .replace('T', '-')
  return stamp.replace(/Z$/, attempt ? `-${attempt}Z` : 'Z').replace(/^/, 'iwb-backup-') + '.tar.gz'
}

async function recordRun(values: typeof backupRuns.$inferInsert) {
  try {
    await db.insert(backupRuns).values(values)
  } catch (error) {
    // A database from before the backup_runs table: the archive is still written.
    logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'backup run not recorded')
  }
}

/** A short reason for the admin page: the first line, without anything quoted from the data. */
function shortReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return scrubLogText(text.split('\n')[0]).slice(0, 300)
}

let running: Promise<BackupResult> | null = null

/**
 * Writes one dated archive into BACKUP_DIR: the database dump, the uploads folder and a manifest
 * (app version, migration level, rows per table, sha256 of every file). One backup at a time per process.
 */
export function takeBackup(options: { trigger: 'manual' | 'schedule'; dir?: string }): Promise<BackupResult> {
  running ??= writeBackup(options).finally(() => {
    running = null
  })
  return running
}

async function writeBackup(options: { trigger: 'manual' | 'schedule'; dir?: string }): Promise<BackupResult> {
  const dir = path.resolve(options.dir ?? backupDir())
  const startedAt = new Date()
  let staging: string | null = null
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 })
    staging = await mkdtemp(path.join(dir, '.staging-'))
    const raw = rawClient()
    const facts =
      raw.kind === 'pglite'
        ? await dumpPglite(raw.client, raw.dataDir, staging)
        : await dumpPostgres(raw.client, raw.url, staging)
    const uploads = uploadsRoot()
    const uploadFiles = await listFiles(uploads, () => false)
    const databaseFile = facts.format === 'sql' ? 'database.sql' : 'database.dump'
    const files: ArchiveEntrySource[] = [
      { name: databaseFile, file: facts.file },
      ...uploadFiles.map((rel) => ({ name: `uploads/${rel}`, file: path.join(uploads, rel) })),
    ]
    const listed = []
    for (const f of files)
      listed.push({ path: f.name, bytes: (await stat(f.file!)).size, sha256: await sha256File(f.file!) })
    const createdAt = new Date()
    const manifest: Manifest = {
      format: 'iwb-backup',
      formatVersion: 1,
      app: { name: pkg.name, version: pkg.version },
      createdAt: createdAt.toISOString(),
      source: { db: raw.kind, serverVersion: facts.serverVersion },
      database: { file: databaseFile, format: facts.format },
      migrations: facts.migrations,
      rowCounts: facts.rowCounts,
      retentionDays: facts.retentionDays,
      blockedMs: facts.blockedMs,
      files: listed,
      checksum: manifestChecksum(listed),
    }
    const manifestBytes = new TextEncoder().encode(JSON.stringify(manifest, null, 2))
    let name = archiveName(createdAt, 0)
    for (let attempt = 1; await exists(path.join(dir, name)); attempt++) name = archiveName(createdAt, attempt)
    const partial = path.join(staging, `${name}.partial`)
    const bytes = await writeArchive(partial, [{ name: 'manifest.json', bytes: manifestBytes }, ...files])
    const file = path.join(dir, name)
    await rename(partial, file)
    await recordRun({
      trigger: options.trigger,
      status: 'ok',
      startedAt,
      finishedAt: new Date(),
      fileName: name,
      byteSize: bytes,
      blockedMs: facts.blockedMs,
    })
    logger.info({ file: name, bytes, blockedMs: facts.blockedMs, trigger: options.trigger }, 'backup written')
    await pruneBackups(dir).catch((error: unknown) =>
      logger.error({ err: shortReason(error) }, 'old backups not pruned'),
    )
    return { file, bytes, manifest }
  } catch (error) {
    logger.error({ err: shortReason(error), trigger: options.trigger }, 'backup failed')
    await recordRun({
      trigger: options.trigger,
      status: 'failed',
      startedAt,
      finishedAt: new Date(),
      error: shortReason(error),
    })
    throw error
  } finally {
    if (staging) await rm(staging, { recursive: true, force: true })
  }
}

async function exists(file: string) {
  try {
    await stat(file)
    return true
  } catch {
    return false
  }
}

/**
 * Keeps the newest BACKUP_KEEP archives and deletes any archive older than the retention period of the
 * personal data it holds (its manifest says how long), so erased data does not live on in backups.
 */
export async function pruneBackups(dir = backupDir(), now = new Date()): Promise<string[]> {
  const keep = getEnv().BACKUP_KEEP
  const names = (await readdir(dir))
    .filter((n) => ARCHIVE_NAME.test(n))
    .sort()
    .reverse()
  const doomed: string[] = []
  for (const [i, name] of names.entries()) {
    if (i >= keep) {
      doomed.push(name)
      continue
    }
    try {
      const manifest = JSON.parse(await readArchiveHead(path.join(dir, name))) as Manifest
      const expires = new Date(manifest.createdAt).getTime() + manifest.retentionDays * 24 * 3600 * 1000
      if (expires <= now.getTime()) doomed.push(name)
    } catch {
      // An archive whose manifest cannot be read is left for a person to look at.
    }
  }
  for (const name of doomed) await unlink(path.join(dir, name))
  if (doomed.length) {
    await db
      .update(backupRuns)
      .set({ deletedAt: now })
      .where(inArray(backupRuns.fileName, doomed))
      .catch(() => {})
    logger.info({ deleted: doomed.length }, 'old backups deleted')
  }
  return doomed
}

/**
 * The scheduled job (embedded mode): a backup when the last successful one is older than
 * BACKUP_INTERVAL_HOURS; after a failure it waits an hour before trying again.
 */
export async function runScheduledBackup(now = new Date()): Promise<BackupResult | null> {
  const env = getEnv()
  if (rawClient().kind !== 'pglite' || env.BACKUP_INTERVAL_HOURS === 0) return null
  const recent = await db.select().from(backupRuns).orderBy(desc(backupRuns.startedAt)).limit(20)
  const lastOk = recent.find((r) => r.status === 'ok')
  const lastTry = recent[0]
  if (lastOk && now.getTime() - lastOk.startedAt.getTime() < env.BACKUP_INTERVAL_HOURS * 3600_000) return null
  if (lastTry && lastTry.status !== 'ok' && now.getTime() - lastTry.startedAt.getTime() < 3600_000) return null
  return takeBackup({ trigger: 'schedule' })
}
