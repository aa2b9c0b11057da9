import type { LoaderFunctionArgs } from '@remix-run/node'

import { resolveLocale } from '~/features/i18n/locale.server'
import { getSessionUser } from '~/features/identity/session.server'
import { logger } from '~/features/platform/logger.server'
import { apiError } from '~/features/practices/api.server'
import { queryObject, SearchParamsSchema } from '~/features/search/schemas'
import { searchFor } from '~/features/search/search.server'

/**
 * GET /api/v1/search?q=…&type=practice&page=1 — anonymous callers get public documents only;
 * a signed-in staff member's session also sees staff documents. Bad parameters: 400 with a JSON error.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request)
  const parsed = SearchParamsSchema.safeParse(queryObject(new URL(request.url)))
  if (!parsed.success) return apiError(await resolveLocale(request, user), parsed.error)
  try {
    const result = await searchFor(user, parsed.data)
    return Response.json(
      {
        query: result.query,
        total: result.total,
        page: result.page,
        perPage: result.perPage,
        hits: result.hits.map((h) => ({
          type: h.type,
          id: h.id,
          title: h.title,
          url: h.url,
          snippet: h.snippet,
          date: h.date,
          tags: h.tags,
          districts: h.districts,
        })),
        facets: result.facets,
      },
      { headers: { 'Cache-Control': user ? 'private, no-store' : 'public, max-age=10', Vary: 'Cookie' } },
    )
  } catch (error) {
    logger.error({ err: error instanceof Error ? error.message : 'unknown' }, 'search failed')
    return Response.json(
      { error: { code: 'search_unavailable', message: 'Search is temporarily unavailable.' } },
      { status: 503, headers: { 'Retry-After': '10' } },
    )
  }
}
