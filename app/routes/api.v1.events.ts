import type { LoaderFunctionArgs } from '@remix-run/node'

import { publicEventsForApi } from '~/features/events/events.server'
import { DISTRICT_CODES } from '~/features/platform/districts'
import { queryChoice } from '~/features/platform/params'
import { EVENT_KINDS } from '../../db/schema/events'

/** GET /api/v1/events — upcoming public events with free seats (ISO 8601 times with the Sofia offset). */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const body = await publicEventsForApi({
    kind: queryChoice(url, 'kind', EVENT_KINDS),
    districtCode: queryChoice(url, 'district', DISTRICT_CODES),
  })
  return Response.json(body, {
    headers: { 'Cache-Control': 'public, max-age=30', 'Access-Control-Allow-Origin': '*' },
  })
}
