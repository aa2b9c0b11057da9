import { SEARCH_SOURCES } from '../app/features/search/sources.server'
import { closeDatabase, migrateDatabase } from '../db/client.server'
import { searchEngine } from '../search/engines'
import { reindexAll } from '../search/reindex'

/** `npm run search:reindex`: rebuilds the search index from the database with the app's document sources. */
try {
  await migrateDatabase()
  const started = Date.now()
  const counts = await reindexAll(SEARCH_SOURCES, { progress: process.stdout.isTTY !== false })
  const total = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0)
  console.log(
    `Reindexed ${total} documents (${
      Object.entries(counts)
        .map(([t, n]) => `${t}: ${n}`)
        .join(', ') || 'no sources'
    }) into ${searchEngine().kind} in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  )
  await closeDatabase()
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}
