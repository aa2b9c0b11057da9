/**
 * What the search index holds, and where each kind of document comes from.
 *
 * Adding a document type is one line in SOURCES below: the type (from SEARCH_DOC_TYPES in
 * db/schema/search.ts) and a lazy import of a `SearchSource` that lives in the owning feature's folder,
 * e.g. `case: () => import('../app/features/cases/search.server').then((m) => m.caseSearchSource),`.
 * The feature then calls `enqueueSearch(tx, '<type>', id)` (search/outbox.ts) in every transaction that
 * changes what its documents show; the outbox worker and `npm run search:reindex` do the rest.
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

const SOURCES: Partial<Record<SearchDocType, () => Promise<SearchSource>>> = {
  practice: () => import('../app/features/practices/search.server').then((m) => m.practiceSearchSource),
  case: () => import('../app/features/cases/search.server').then((m) => m.caseSearchSource),
  event: () => import('../app/features/events/search.server').then((m) => m.eventSearchSource),
  course: () => import('../app/features/training/search.server').then((m) => m.courseSearchSource),
}

export function sourceTypes(): SearchDocType[] {
  return Object.keys(SOURCES) as SearchDocType[]
}

export async function searchSource(type: SearchDocType): Promise<SearchSource | null> {
  const load = SOURCES[type]
  return load ? load() : null
}
