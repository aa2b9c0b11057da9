import { existsSync } from 'node:fs'
import path from 'node:path'

import { backupDir, takeBackup, type BackupResult } from '../app/features/backup/backup.server'
import { askServer } from '../app/features/backup/control.server'
import { closeDatabase } from '../db/client.server'
import { getEnv } from '../lib/env.server'

/** `npm run db:backup`: one dated archive in BACKUP_DIR, taken by the running embedded server when there is one. */
async function main() {
  const dir = backupDir()
  let result: BackupResult
  const embedded = !getEnv().DATABASE_URL
  const reply = embedded ? await askServer({ command: 'backup', dir }) : null
  if (reply) {
    if (!reply.ok) throw new Error(`the running server could not take the backup: ${reply.error}`)
    console.log('The forum is running: the backup was taken by the server.')
    result = reply.result as BackupResult
  } else {
    const dataDir = getEnv().DATA_DIR
    if (embedded && !existsSync(path.join(dataDir, 'PG_VERSION')))
      throw new Error(`there is no embedded database in ${path.resolve(dataDir)} to back up`)
    result = await takeBackup({ trigger: 'manual', dir })
    await closeDatabase()
  }
  const { manifest } = result
  const rows = Object.values(manifest.rowCounts).reduce((a, b) => a + b, 0)
  console.log(`Backup written: ${result.file}`)
  const tables = Object.keys(manifest.rowCounts).length
  console.log(
    `Size: ${formatBytes(result.bytes)} · ${tables} tables, ${rows} rows · ` +
      `${manifest.files.length - 1} uploaded files · migration ${manifest.migrations.tag}`,
  )
  const format = manifest.database.format === 'sql' ? 'SQL' : 'pg_dump custom format'
  console.log(
    `Database dump: ${format} from ${manifest.source.db} ${manifest.source.serverVersion}; ` +
      `the site waited ${manifest.blockedMs} ms.`,
  )
  console.log('The archive holds personal data: it is readable by its owner only; keep it that way.')
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

main().catch(async (error) => {
  console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`)
  await closeDatabase().catch(() => {})
  process.exit(1)
})
