import cliProgress from 'cli-progress'
import { fileURLToPath } from 'node:url'
import { closeDatabase, db, migrateDatabase } from '../db/client.server'
import type { SearchDocType } from '../db/schema/search'
import { searchSource, sourceTypes } from './documents'
import type { DocumentRef, SearchEngine } from './engine'
import { configuredSearchEngine as searchEngine } from './engines'
import { readAllVersions } from './versions'
import { writeCurrentState } from './worker'

const BATCH = 500

/** Rounds of catching up with documents that changed while the reindex read them. */
const CATCH_UP_ROUNDS = 3

/**
 * Rebuilds the index from the database beside the live one and swaps it in (search answers from the
 * live index throughout). Every document carries the version read before any was loaded, so a state
 * overtaken by a change is dropped (search/versions.ts); before the swap those documents are read
 * again and written to both indexes, as the outbox worker does, so none is missing from the new one.
 */
export async function reindexAll(options: { engine?: SearchEngine; progress?: boolean } = {}) {
  const engine = options.engine ?? searchEngine()
  await engine.prepare()
  const counts: Partial<Record<SearchDocType, number>> = {}
  const versionOf = await readAllVersions(db)
  await engine.rebuild(async (write) => {
    let overtaken: DocumentRef[] = []
    for (const type of sourceTypes()) {
      const source = await searchSource(type)
      if (!source) continue
      const total = await source.count()
      const bar = options.progress ? new cliProgress.SingleBar({ format: `${type.padEnd(8)} {bar} {value}/{total} documents · {eta_formatted} left` }, cliProgress.Presets.shades_classic) : null
      bar?.start(total, 0)
      let done = 0
      for await (const batch of source.all(BATCH)) {
        overtaken.push(...(await write(batch.map((d) => ({ ...d, version: versionOf(d) })))).stale)
        done += batch.length
        bar?.update(done)
      }
      bar?.stop()
      counts[type] = done
    }
    for (let round = 0; round < CATCH_UP_ROUNDS && overtaken.length > 0; round++) {
      const byType = new Map<SearchDocType, string[]>()
      for (const ref of overtaken) byType.set(ref.type, [...(byType.get(ref.type) ?? []), ref.id])
      overtaken = []
      for (const [type, ids] of byType) overtaken.push(...(await writeCurrentState(engine, type, ids)))
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
