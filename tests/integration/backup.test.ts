import { execFile } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { PGlite } from '@electric-sql/pglite'
import { eq } from 'drizzle-orm'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { extractArchive, writeArchive } from '../../app/features/backup/archive.server'
import { takeBackup, uploadsRoot, type BackupResult } from '../../app/features/backup/backup.server'
import { restoreBackup, RestoreError } from '../../app/features/backup/restore.server'
import { db } from '../../db/client.server'
import { backupRuns, users } from '../../db/schema'
import { makeInstitution, makeUser } from '../../seed/builders/identity'
import { dropDatabases, freshDatabase } from '../support/fresh-database'

/**
 * Backups as an operator uses them: the archive is written in-process from this worker's database,
 * and restored by the real `db:restore` command into a fresh database (a PGlite folder, or a new
 * PostgreSQL database when DATABASE_URL is set).
 */

const root = mkdtempSync(path.join(tmpdir(), 'iwb-backup-test-'))
const baseUrl = process.env.DATABASE_URL
const created: string[] = []
const savedDataDir = process.env.DATA_DIR

type Env = Record<string, string>

interface Target {
  env: Env
  dataDir: string
  query: <T>(sql: string) => Promise<T[]>
}

async function freshTarget(name: string): Promise<Target> {
  const dataDir = path.join(root, `target-${name}`)
  if (!baseUrl) {
    return {
      dataDir,
      env: { DATA_DIR: dataDir, DATABASE_URL: '' },
      query: async <T>(sql: string) => {
        const pg = new PGlite(dataDir)
        try {
          return (await pg.query<T>(sql)).rows
        } finally {
          await pg.close()
        }
      },
    }
  }
  // Beside this worker's database (setup has pointed DATABASE_URL at it by now).
  const workerUrl = process.env.DATABASE_URL!
  const database = `${new URL(workerUrl).pathname.slice(1)}_${name}`
  const url = await freshDatabase(workerUrl, database)
  created.push(database)
  return {
    dataDir,
    env: { DATA_DIR: dataDir, DATABASE_URL: url },
    query: async <T>(sql: string) => {
      const client = postgres(url, { max: 1, onnotice: () => {} })
      try {
        return (await client.unsafe(sql)) as unknown as T[]
      } finally {
        await client.end()
      }
    },
  }
}

function cli(script: string, args: string[], env: Env): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', script, ...args],
      {
        env: Object.assign({}, process.env, { NODE_ENV: 'test', LOG_LEVEL: 'silent' }, env),
        maxBuffer: 32 * 1024 * 1024,
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, out: `${stdout}${stderr}` }),
    )
  })
}

const image = () =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(`png-${Math.random()}`)])

let backup: BackupResult
let uploadName: string
let email: string

beforeAll(async () => {
  // PostgreSQL runs keep uploads next to a temporary DATA_DIR, not in the working copy.
  if (baseUrl) process.env.DATA_DIR = path.join(root, 'source')
  const institution = await makeInstitution(db)
  const user = await makeUser(db, { institutionId: institution.id })
  email = user.email
  uploadName = `${crypto.randomUUID()}.png`
  mkdirSync(path.join(uploadsRoot(), 'training'), { recursive: true })
  writeFileSync(path.join(uploadsRoot(), 'training', uploadName), image())
  backup = await takeBackup({ trigger: 'manual', dir: path.join(root, 'backups') })
}, 120_000)

afterAll(async () => {
  process.env.DATA_DIR = savedDataDir
  if (!savedDataDir) delete process.env.DATA_DIR
  if (baseUrl && created.length) await dropDatabases(baseUrl, ...created)
  rmSync(root, { recursive: true, force: true })
})

describe('db:backup', () => {
  it('writes one owner-only archive with a manifest: version, migration level, rows per table, checksums', async () => {
    expect(path.basename(backup.file)).toMatch(/^iwb-backup-\d{8}-\d{6}Z\.tar\.gz$/)
    if (process.platform !== 'win32') expect(statSync(backup.file).mode & 0o777).toBe(0o600)
    const { manifest } = backup
    expect(manifest.app.version).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version)
    expect(manifest.migrations.tag).toBeTruthy()
    expect(manifest.rowCounts.users).toBeGreaterThan(0)
    expect(manifest.files.map((f) => f.path)).toContain(`uploads/training/${uploadName}`)
    expect(manifest.checksum).toMatch(/^[0-9a-f]{64}$/)
    const [run] = await db
      .select()
      .from(backupRuns)
      .where(eq(backupRuns.fileName, path.basename(backup.file)))
    expect(run).toMatchObject({ status: 'ok', trigger: 'manual', byteSize: backup.bytes })
  })
})

describe('db:restore', () => {
  it('restores into a fresh database: the same rows as the manifest, the user, the uploaded image', async () => {
    const target = await freshTarget('fresh')
    const { code, out } = await cli('scripts/db-restore.ts', [backup.file, '--no-reindex'], target.env)
    expect(out).toContain(`All ${Object.keys(backup.manifest.rowCounts).length} tables match the manifest`)
    expect(code).toBe(0)
    const [row] = await target.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE email = '${email}'`)
    expect(Number(row.n)).toBe(1)
    expect(existsSync(path.join(target.dataDir, 'uploads', 'training', uploadName))).toBe(true)

    // The same archive again: the database is no longer empty, and nothing changes.
    const again = await cli('scripts/db-restore.ts', [backup.file], target.env)
    expect(again.code).not.toBe(0)
    expect(again.out).toContain('The database is not empty')
    expect(again.out).toContain('--force')
    const [after] = await target.query<{ n: number }>('SELECT count(*)::int AS n FROM users')
    expect(Number(after.n)).toBe(backup.manifest.rowCounts.users)
  }, 180_000)

  it('refuses a database that holds rows, before writing anything', async () => {
    const [before] = await db.select({ id: users.id }).from(users).where(eq(users.email, email))
    const error = await restoreBackup(backup.file).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RestoreError)
    expect((error as RestoreError).code).toBe('not-empty')
    const [after] = await db.select({ id: users.id }).from(users).where(eq(users.email, email))
    expect(after).toEqual(before)
  })

  it('refuses an archive whose content does not match its checksum, and writes nothing', async () => {
    const unpacked = path.join(root, 'unpacked')
    mkdirSync(unpacked, { recursive: true })
    await extractArchive(backup.file, unpacked)
    const dumpFile = path.join(unpacked, backup.manifest.database.file)
    const bytes = readFileSync(dumpFile)
    bytes[Math.floor(bytes.length / 2)] ^= 0x01
    writeFileSync(dumpFile, bytes)
    const tampered = path.join(root, 'tampered.tar.gz')
    await writeArchive(tampered, [
      { name: 'manifest.json', file: path.join(unpacked, 'manifest.json') },
      ...backup.manifest.files.map((f) => ({ name: f.path, file: path.join(unpacked, ...f.path.split('/')) })),
    ])
    const damaged = path.join(root, 'damaged.tar.gz')
    const raw = readFileSync(backup.file)
    raw[Math.floor(raw.length / 2)] ^= 0xff
    writeFileSync(damaged, raw)

    const target = await freshTarget('tampered')
    const changed = await cli('scripts/db-restore.ts', [tampered, '--force'], target.env)
    expect(changed.code).not.toBe(0)
    expect(changed.out).toContain('does not match its manifest’s checksum')
    const broken = await cli('scripts/db-restore.ts', [damaged, '--force'], target.env)
    expect(broken.code).not.toBe(0)
    expect(broken.out).toMatch(/damaged|checksum/)
    const tables = await target.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`,
    )
    expect(Number(tables[0].n)).toBe(0)
    expect(existsSync(path.join(target.dataDir, 'uploads'))).toBe(false)
  }, 180_000)

  it('restores an archive from an older migration level and applies the newer migrations', async () => {
    // An embedded forum one migration behind: its own migrations folder ends one entry earlier.
    const migrations = path.join(root, 'older-migrations')
    cpSync('db/migrations', migrations, { recursive: true })
    const journalFile = path.join(migrations, 'meta', '_journal.json')
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] }
    const latest = journal.entries.pop()!
    writeFileSync(journalFile, JSON.stringify(journal))
    const older = {
      DATA_DIR: path.join(root, 'older-data'),
      DATABASE_URL: '',
      MIGRATIONS_DIR: migrations,
      BACKUP_DIR: path.join(root, 'older-backups'),
    }
    expect((await cli('db/migrate.ts', [], older)).code).toBe(0)
    const source = new PGlite(older.DATA_DIR)
    await source.query(`INSERT INTO institutions (name, kind) VALUES ('Училище от старата версия', 'school')`)
    await source.close()
    const made = await cli('scripts/db-backup.ts', [], older)
    expect(made.out).toContain('Backup written:')
    expect(made.code).toBe(0)
    const file = /Backup written: (.+)/.exec(made.out)![1].trim()

    const target = await freshTarget('older')
    const { code, out } = await cli('scripts/db-restore.ts', [file], target.env)
    expect(out).toContain('Migrations applied after the restore: 1')
    expect(out).toMatch(/All \d+ tables match the manifest/)
    expect(code).toBe(0)
    const [level] = await target.query<{ n: number }>('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations')
    expect(Number(level.n)).toBe(journal.entries.length + 1)
    const [kept] = await target.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM institutions WHERE name = 'Училище от старата версия'`,
    )
    expect(Number(kept.n)).toBe(1)
    expect(latest.tag).toBeTruthy()
  }, 240_000)
})
