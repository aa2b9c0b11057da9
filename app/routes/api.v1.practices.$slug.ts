import type { LoaderFunctionArgs } from '@remix-run/node'

import { routeParam } from '~/features/platform/params'
import { getPublishedPracticeForApi } from '~/features/practices/practices.server'

/** GET /api/v1/practices/:slug — one published practice (404 JSON for drafts and unknown slugs). */
export async function loader({ params }: LoaderFunctionArgs) {
  try {
    const practice = await getPublishedPracticeForApi(routeParam(params, 'slug'))
    return Response.json(practice, {
      headers: { 'Cache-Control': 'public, max-age=30', 'Access-Control-Allow-Origin': '*' },
    })
  } catch (thrown) {
    if (thrown instanceof Response && thrown.status === 404) {
      return Response.json({ error: { code: 'not_found', message: 'Practice not found.' } }, { status: 404 })
    }
    throw thrown
  }
}
