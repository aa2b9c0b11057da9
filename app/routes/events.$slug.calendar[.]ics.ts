import type { LoaderFunctionArgs } from '@remix-run/node'
import { getEnv } from '~/env.server'
import { eventCalendar } from '~/features/events/events.server'
import { getSessionUser } from '~/features/identity/session.server'
import { isUuid } from '~/features/platform/params'

/** RFC 5545 calendar of the event (or one date with ?session=…), Europe/Sofia with VTIMEZONE. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const sessionParam = new URL(request.url).searchParams.get('session')
  const { body, cacheable } = await eventCalendar(params.slug!, await getSessionUser(request), {
    sessionId: isUuid(sessionParam) ? sessionParam : undefined,
    baseUrl: getEnv().appUrl,
  })
  return new Response(body, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="${params.slug}.ics"`,
      'Cache-Control': cacheable ? 'public, max-age=300' : 'private, no-store',
    },
  })
}
