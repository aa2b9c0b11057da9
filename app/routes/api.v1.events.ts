import type { LoaderFunctionArgs } from '@remix-run/node'

import { publicEventsForApi } from '~/features/events/events.server'
import { isDistrictCode } from '~/features/platform/districts'
import { EVENT_KINDS, type EventKind } from '../../db/schema/events'

/** GET /api/v1/events — upcoming public events with free seats (ISO 8601 times with the Sofia offset). */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const kind = url.searchParams.get('kind')
  const district = url.searchParams.get('district')
  const body = await publicEventsForApi({
    kind: EVENT_KINDS.includes(kind as EventKind) ? (kind as EventKind) : undefined,
    districtCode: isDistrictCode(district) ? district : undefined,
  })
  return Response.json(body, {
    headers: { 'Cache-Control': 'public, max-age=30', 'Access-Control-Allow-Origin': '*' },
  })
}
