import type { SearchDocType } from '../db/schema/search'

/**
 * The interface every engine implements, and the types callers exchange with it. The configured engine
 * comes from the one search door, `searchEngine()` in search/engines.ts. This module imports no engine,
 * so browser code may use its types and limits without pulling in database code.
 */
export type SearchEngineKind = 'postgres' | 'meilisearch'

/** Who is searching: the public sees public documents only; signed-in staff see staff documents too. */
export type Audience = 'public' | 'staff'
export type Visibility = 'public' | 'staff'

/** What every engine indexes; built by the per-type sources in search/documents.ts. */
export interface SearchDocument {
  type: SearchDocType
  id: string
  visibility: Visibility
  title: string
  summary: string
  body: string
  url: string
  /** Facet values as codes (translated by the UI). */
  tags: string[]
  districts: string[]
  institutionKinds: string[]
  /** Publication or start date, ISO string. */
  date: string | null
  /** Higher is more useful (e.g. "useful" marks). */
  popularity: number
  /**
   * The document's version when this state was read (search/versions.ts): the engine drops the write
   * if the document has changed since. Without one the write always applies.
   */
  version?: number
}

export interface DocumentRef {
  type: SearchDocType
  id: string
}

/** A removal, with the version at which the document was found gone (as `SearchDocument.version`). */
export type VersionedRef = DocumentRef & { version?: number }

export const FACETS = ['type', 'tags', 'districts', 'institutionKinds'] as const
export type Facet = (typeof FACETS)[number]
export type FacetCounts = Record<Facet, Record<string, number>>

export const SORTS = ['relevance', 'newest', 'popular'] as const
export type SearchSort = (typeof SORTS)[number]

export interface SearchFilters {
  types?: SearchDocType[]
  tags?: string[]
  districts?: string[]
  institutionKinds?: string[]
}

export interface SearchRequest {
  q: string
  /** Required: access filtering happens inside the engine query for every caller. */
  audience: Audience
  filters?: SearchFilters
  sort?: SearchSort
  /** 1-based. */
  page?: number
  perPage?: number
}

export interface SearchHit {
  type: SearchDocType
  id: string
  url: string
  title: string
  /** Title and snippet are HTML-escaped with matches in <mark>…</mark>. */
  titleHighlighted: string
  snippet: string
  tags: string[]
  districts: string[]
  institutionKinds: string[]
  date: string | null
  popularity: number
}

export interface SearchResult {
  query: string
  total: number
  page: number
  perPage: number
  hits: SearchHit[]
  facets: FacetCounts
}

/** What a write did: the documents it dropped because they had changed since they were read. */
export interface WriteResult {
  stale: DocumentRef[]
}

export interface SearchEngine {
  readonly kind: SearchEngineKind
  /** Adds or replaces documents (by type and id); a versioned document overtaken by a change is dropped. */
  index(documents: SearchDocument[]): Promise<WriteResult>
  remove(refs: VersionedRef[]): Promise<WriteResult>
  /**
   * Builds a new index beside the live one from what `fill` writes, then swaps it in: searches read
   * the live index throughout, and writes made meanwhile (index, remove) reach both.
   */
  rebuild(fill: (write: (documents: SearchDocument[]) => Promise<WriteResult>) => Promise<void>): Promise<void>
  /** Removes every document (of the given types, or all). */
  clear(types?: SearchDocType[]): Promise<void>
  search(request: SearchRequest): Promise<SearchResult>
  /** Applies index settings kept in code (no-op where there are none). */
  prepare(): Promise<void>
  health(): Promise<{ ok: boolean; detail?: string }>
}

export const MAX_PER_PAGE = 50
export const DEFAULT_PER_PAGE = 20
export const MAX_PAGE = 500

export function emptyFacets(): FacetCounts {
  return { type: {}, tags: {}, districts: {}, institutionKinds: {} }
}

export function emptyResult(request: SearchRequest): SearchResult {
  return {
    query: request.q,
    total: 0,
    page: pageOf(request),
    perPage: perPageOf(request),
    hits: [],
    facets: emptyFacets(),
  }
}

export const pageOf = (r: SearchRequest) => Math.min(MAX_PAGE, Math.max(1, Math.floor(r.page ?? 1)))
export const perPageOf = (r: SearchRequest) =>
  Math.min(MAX_PER_PAGE, Math.max(1, Math.floor(r.perPage ?? DEFAULT_PER_PAGE)))
