import type { LoaderFunctionArgs } from '@remix-run/node'

import { getEnv } from '~/env.server'
import { eventCalendar } from '~/features/events/events.server'
import { getSessionUser } from '~/features/identity/session.server'
import { queryUuid, routeParam } from '~/features/platform/params'

/** RFC 5545 calendar of the event (or one date with ?session=…), Europe/Sofia with VTIMEZONE. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = routeParam(params, 'slug')
  const { body, cacheable } = await eventCalendar(slug, await getSessionUser(request), {
    sessionId: queryUuid(new URL(request.url), 'session'),
    baseUrl: getEnv().appUrl,
  })
  return new Response(body, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="${slug}.ics"`,
      'Cache-Control': cacheable ? 'public, max-age=300' : 'private, no-store',
    },
  })
}
