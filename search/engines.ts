import { getEnv } from '../lib/env.server'
import type { SearchEngine, SearchEngineKind } from './engine'
import { meilisearchEngineFromEnv } from './meilisearch'
import { postgresEngine } from './postgres'

/**
 * Meilisearch when MEILI_HOST is set, otherwise the PostgreSQL engine: an inverted index in the application database
 * (also in embedded PGlite).
 */
export function searchEngineKind(): SearchEngineKind {
  return getEnv().MEILI_HOST ? 'meilisearch' : 'postgres'
}

const holder = globalThis as typeof globalThis & { __iwbSearchEngine?: SearchEngine }

/**
 * The one search door: the configured engine (one per process). Settings are applied by `prepare()` before indexing.
 */
export function searchEngine(): SearchEngine {
  holder.__iwbSearchEngine ??= searchEngineKind() === 'meilisearch' ? meilisearchEngineFromEnv() : postgresEngine()
  return holder.__iwbSearchEngine
}
