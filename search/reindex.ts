import cliProgress from 'cli-progress'
import { fileURLToPath } from 'node:url'
import { closeDatabase, db, migrateDatabase } from '../db/client.server'
import type { SearchDocType } from '../db/schema/search'
import { searchSource, sourceTypes } from './documents'
import type { SearchEngine } from './engine'
import { configuredSearchEngine as searchEngine } from './engines'
import { readAllVersions } from './versions'

const BATCH = 500

/**
 * Rebuilds the index from the database beside the live one and swaps it in (search answers from the
 * live index throughout). Every document carries the version read before any was loaded, so one that
 * changes meanwhile is left to the outbox worker, which writes to both indexes (search/versions.ts).
 */
export async function reindexAll(options: { engine?: SearchEngine; progress?: boolean } = {}) {
  const engine = options.engine ?? searchEngine()
  await engine.prepare()
  const counts: Partial<Record<SearchDocType, number>> = {}
  const versionOf = await readAllVersions(db)
  await engine.rebuild(async (write) => {
    for (const type of sourceTypes()) {
      const source = await searchSource(type)
      if (!source) continue
      const total = await source.count()
      const bar = options.progress ? new cliProgress.SingleBar({ format: `${type.padEnd(8)} {bar} {value}/{total} documents · {eta_formatted} left` }, cliProgress.Presets.shades_classic) : null
      bar?.start(total, 0)
      let done = 0
      for await (const batch of source.all(BATCH)) {
        await write(batch.map((d) => ({ ...d, version: versionOf(d) })))
        done += batch.length
        bar?.update(done)
      }
      bar?.stop()
      counts[type] = done
    }
  })
  return counts
}

async function main() {
  await migrateDatabase()
  const started = Date.now()
  const counts = await reindexAll({ progress: process.stdout.isTTY !== false })
  const total = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0)
  console.log(`Reindexed ${total} documents (${Object.entries(counts).map(([t, n]) => `${t}: ${n}`).join(', ') || 'no sources'}) into ${searchEngine().kind} in ${((Date.now() - started) / 1000).toFixed(1)} s.`)
  await closeDatabase()
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
