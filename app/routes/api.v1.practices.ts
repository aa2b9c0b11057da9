import type { LoaderFunctionArgs } from '@remix-run/node'

import { resolveLocale } from '~/features/i18n/locale.server'
import { getSessionUser } from '~/features/identity/session.server'
import { apiError } from '~/features/practices/api.server'
import { listPublishedPractices } from '~/features/practices/practices.server'
import { PracticeListParamsSchema } from '~/features/practices/schemas'
import { queryObject } from '~/features/search/schemas'

/** GET /api/v1/practices?page=1&perPage=20&sort=newest|useful — published practices, paginated. */
export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = PracticeListParamsSchema.safeParse(queryObject(new URL(request.url)))
  if (!parsed.success) return apiError(await resolveLocale(request, await getSessionUser(request)), parsed.error)
  const { rows, total, page, perPage } = await listPublishedPractices(parsed.data)
  return Response.json(
    {
      total,
      page,
      perPage,
      // The language marks the practice's text in pages; the API's items keep their published fields.
      items: rows.map(({ language: _language, ...r }) => ({
        ...r,
        url: `/practices/${r.slug}`,
        publishedAt: r.publishedAt ? new Date(r.publishedAt).toISOString() : null,
      })),
    },
    { headers: { 'Cache-Control': 'public, max-age=30', 'Access-Control-Allow-Origin': '*' } },
  )
}
