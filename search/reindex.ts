import cliProgress from 'cli-progress'

import { db } from '../db/client.server'
import type { SearchDocType } from '../db/schema/search'
import { sourceTypes, type SearchSources } from './documents'
import type { DocumentRef, SearchEngine } from './engine'
import { searchEngine } from './engines'
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
 * `npm run search:reindex` (scripts/search-reindex.ts) runs it with the app's sources.
 */
export async function reindexAll(sources: SearchSources, options: { engine?: SearchEngine; progress?: boolean } = {}) {
  const engine = options.engine ?? searchEngine()
  await engine.prepare()
  const counts: Partial<Record<SearchDocType, number>> = {}
  const versionOf = await readAllVersions(db)
  await engine.rebuild(async (write) => {
    let overtaken: DocumentRef[] = []
    for (const type of sourceTypes(sources)) {
      const source = sources[type]
      if (!source) continue
      const total = await source.count()
      const bar = options.progress
        ? new cliProgress.SingleBar(
            { format: `${type.padEnd(8)} {bar} {value}/{total} documents · {eta_formatted} left` },
            cliProgress.Presets.shades_classic,
          )
        : null
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
      for (const [type, ids] of byType) overtaken.push(...(await writeCurrentState(engine, sources, type, ids)))
    }
  })
  return counts
}
