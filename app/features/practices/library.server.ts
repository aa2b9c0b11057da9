import type { Locale } from '../../../db/schema/identity'
import { emptyFacets, type SearchHit, type SearchResult } from '../../../search/engine'
import type { Actor } from '../identity/permissions'
import { logger } from '../platform/logger.server'
import { escapeHtml } from '../platform/page-html.server'
import type { SearchParams } from '../search/schemas'
import { searchFor } from '../search/search.server'
import { listPublishedPractices, practiceHitLanguages } from './practices.server'

/**
 * The library's list: published practices through the search engine (query, facets, sort). When the
 * engine is down the newest (or most useful) practices come straight from the database instead. `languages` gives
 * each hit's practice language by hit id.
 */
export async function searchLibrary(
  actor: Actor | null,
  params: SearchParams,
): Promise<{ result: SearchResult; degraded: boolean; languages: Record<string, Locale> }> {
  const query = { ...params, type: ['practice' as const] }
  let result: SearchResult
  try {
    result = await searchFor(actor, query)
  } catch (error) {
    logger.error(
      { err: error instanceof Error ? error.message : 'unknown' },
      'practice search failed; listing from the database',
    )
    const list = await listPublishedPractices({
      page: params.page,
      perPage: params.perPage,
      sort: params.sort === 'popular' ? 'useful' : 'newest',
    })
    const hits: SearchHit[] = list.rows.map((r) => ({
      type: 'practice',
      id: r.slug,
      url: `/practices/${r.slug}`,
      title: r.title,
      titleHighlighted: escapeHtml(r.title),
      snippet: escapeHtml(r.summary),
      tags: r.situationTags,
      districts: r.districts,
      institutionKinds: r.institutionKinds,
      date: r.publishedAt ? new Date(r.publishedAt).toISOString() : null,
      popularity: r.usefulCount,
    }))
    return {
      result: {
        query: params.q,
        total: list.total,
        page: list.page,
        perPage: list.perPage,
        hits,
        facets: emptyFacets(),
      },
      degraded: true,
      languages: Object.fromEntries(list.rows.map((r) => [r.slug, r.language])),
    }
  }
  return { result, degraded: false, languages: await practiceHitLanguages(result.hits) }
}
