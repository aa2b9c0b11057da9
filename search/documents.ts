/**
 * What the search index holds, and where each kind of document comes from.
 *
 * Each document type (SEARCH_DOC_TYPES in db/schema/search.ts) has a `SearchSource` in the owning
 * feature's folder (e.g. app/features/cases/search.server.ts); the app lists them in one registry,
 * `SEARCH_SOURCES` (app/features/search/sources.server.ts), and passes it to the outbox worker and to
 * `npm run search:reindex`. This folder imports nothing from the app. The feature calls
 * `enqueueSearch(tx, '<type>', id)` (search/outbox.ts) in every transaction that changes what its
 * documents show; the worker and the reindex do the rest.
 *
 * A source decides visibility: 'public' documents are shown to everyone, 'staff' documents only to
 * signed-in staff. A source returns nothing for ids that must not be searchable (drafts, deleted,
 * hidden): the worker then removes them from the index.
 */
import type { SearchDocType } from '../db/schema/search'
import type { SearchDocument } from './engine'

export type { SearchDocument }

export interface SearchSource {
  /** The searchable documents among these ids (missing ids are removed from the index). */
  load(ids: string[]): Promise<SearchDocument[]>
  /** Every searchable document, in batches (for a full reindex). */
  all(batchSize: number): AsyncIterable<SearchDocument[]>
  /** How many documents `all` will yield (for the progress bar). */
  count(): Promise<number>
}

/** The source of each searchable type; a type without one has nothing in the index. */
export type SearchSources = Partial<Record<SearchDocType, SearchSource>>

export function sourceTypes(sources: SearchSources): SearchDocType[] {
  return Object.keys(sources) as SearchDocType[]
}
