import cliProgress from 'cli-progress'
import type { SearchDocType } from '../db/schema/search'
import { sourceTypes, type SearchSources } from './documents'
import type { SearchEngine } from './engine'
import { searchEngine } from './engines'

const BATCH = 500

/**
 * Rebuilds the index from the database: every source's documents, in batches. Outbox rows written
 * meanwhile are applied by the worker afterwards, so nothing is lost while this runs.
 * `npm run search:reindex` (scripts/search-reindex.ts) runs it with the app's sources.
 */
export async function reindexAll(sources: SearchSources, options: { engine?: SearchEngine; types?: SearchDocType[]; progress?: boolean } = {}) {
  const engine = options.engine ?? searchEngine()
  await engine.prepare()
  const types = options.types ?? sourceTypes(sources)
  const counts: Partial<Record<SearchDocType, number>> = {}
  for (const type of types) {
    const source = sources[type]
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
