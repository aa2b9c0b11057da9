import cliProgress from 'cli-progress'
import { fileURLToPath } from 'node:url'
import { closeDatabase, migrateDatabase } from '../db/client.server'
import type { SearchDocType } from '../db/schema/search'
import { searchSource, sourceTypes } from './documents'
import type { SearchEngine } from './engine'
import { configuredSearchEngine as searchEngine } from './engines'

const BATCH = 500

/**
 * Rebuilds the index from the database: every source's documents, in batches. Outbox rows written
 * meanwhile are applied by the worker afterwards, so nothing is lost while this runs.
 */
export async function reindexAll(options: { engine?: SearchEngine; types?: SearchDocType[]; progress?: boolean } = {}) {
  const engine = options.engine ?? searchEngine()
  await engine.prepare()
  const types = options.types ?? sourceTypes()
  const counts: Partial<Record<SearchDocType, number>> = {}
  for (const type of types) {
    const source = await searchSource(type)
    if (!source) continue
    const total = await source.count()
    const bar = options.progress ? new cliProgress.SingleBar({ format: `${type.padEnd(8)} {bar} {value}/{total} documents · {eta_formatted} left` }, cliProgress.Presets.shades_classic) : null
    bar?.start(total, 0)
    await engine.clear([type])
    let done = 0
    for await (const batch of source.all(BATCH)) {
      await engine.index(batch)
      done += batch.length
      bar?.update(done)
    }
    bar?.stop()
    counts[type] = done
  }
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
