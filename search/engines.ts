import { registerSearchEngineFactory, searchEngineKind, type SearchEngine } from './engine'
import { meilisearchEngineFromEnv } from './meilisearch'
import { postgresEngine } from './postgres'

const holder = globalThis as typeof globalThis & { __iwbSearchEngine?: SearchEngine }

/** The configured engine (one per process). Settings are applied by `prepare()` before indexing. */
export function configuredSearchEngine(): SearchEngine {
  holder.__iwbSearchEngine ??= searchEngineKind() === 'meilisearch' ? meilisearchEngineFromEnv() : postgresEngine()
  return holder.__iwbSearchEngine
}

registerSearchEngineFactory(configuredSearchEngine)
