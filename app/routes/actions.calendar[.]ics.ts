import type { LoaderFunctionArgs } from '@remix-run/node'

import { getEnv } from '~/env.server'
import { actionCalendar } from '~/features/actions/calendar.server'
import { notFound } from '~/features/platform/http.server'

/** The personal calendar of open actions: the secret token in the address is the only key (revoked → 404). */
export async function loader({ request }: LoaderFunctionArgs) {
  const body = await actionCalendar(new URL(request.url).searchParams.get('token'), getEnv().appUrl)
  if (body === null) notFound()
  return new Response(body, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'inline; filename="actions.ics"',
      'Cache-Control': 'private, no-store',
      'Referrer-Policy': 'no-referrer',
    },
  })
}
