/** The one search door. The engines and the SearchEngine interface arrive with the search capability. */
export type SearchEngineKind = 'postgres' | 'meilisearch'

export function searchEngineKind(): SearchEngineKind {
  return process.env.MEILI_HOST ? 'meilisearch' : 'postgres'
}
