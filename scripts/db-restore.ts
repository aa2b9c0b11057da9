import path from 'node:path'

import { restoreBackup, RestoreError } from '../app/features/backup/restore.server'
import { closeDatabase } from '../db/client.server'
import { getEnv } from '../lib/env.server'

const USAGE = 'Usage: npm run db:restore -- <archive.tar.gz> [--force] [--no-reindex]'

/** `npm run db:restore <file>`: into an empty database (PGlite in DATA_DIR, or PostgreSQL with DATABASE_URL). */
async function main() {
  const args = process.argv.slice(2)
  const file = args.find((a) => !a.startsWith('--'))
  const unknown = args.filter((a) => a.startsWith('--') && a !== '--force' && a !== '--no-reindex')
  if (!file || unknown.length) {
    console.error(USAGE)
    process.exit(2)
  }
  const target = getEnv().DATABASE_URL
    ? `PostgreSQL (${new URL(getEnv().DATABASE_URL!).pathname.slice(1)})`
    : `the embedded database in ${path.resolve(getEnv().DATA_DIR)}`
  console.log(`Restoring ${path.resolve(file)} into ${target}…`)
  const report = await restoreBackup(file, {
    force: args.includes('--force'),
    reindex: !args.includes('--no-reindex'),
    progress: process.stdout.isTTY === true,
    log: (line) => console.log(line),
  })
  const width = Math.max(...report.counts.map((c) => c.table.length), 5)
  console.log(`\n${'table'.padEnd(width)}  manifest  restored`)
  for (const c of report.counts)
    console.log(
      `${c.table.padEnd(width)}  ${String(c.expected).padStart(8)}  ${String(c.restored).padStart(8)}` +
        (c.expected === c.restored ? '' : '  ≠'),
    )
  const total = report.counts.reduce((a, c) => a + c.restored, 0)
  console.log(`\nAll ${report.counts.length} tables match the manifest (${total} rows).`)
  if (report.reindexed !== null) console.log(`Search index rebuilt: ${report.reindexed} documents.`)
  console.log(`Uploaded files restored: ${report.uploads}.`)
  console.log(
    report.target === 'postgres'
      ? 'Done: start the forum with the same DATABASE_URL.'
      : 'Done: start the forum with `npm start`.',
  )
}

main()
  .then(() => closeDatabase())
  .catch(async (error) => {
    console.error(
      error instanceof RestoreError
        ? error.message
        : `Restore failed: ${error instanceof Error ? error.message : String(error)}`,
    )
    await closeDatabase().catch(() => {})
    process.exit(1)
  })
