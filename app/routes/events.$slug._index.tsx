import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'

import { routeErrorBoundary } from '~/components/RouteError'
import { EventView } from '~/features/events/EventView'
import { eventPageData } from '~/features/events/page.server'
import { getSessionUser } from '~/features/identity/session.server'
import { dataTitle } from '~/features/platform/meta'
import { queryUuid, routeParam } from '~/features/platform/params'

export const meta: MetaFunction<typeof loader> = (args) => dataTitle(args, args.data?.event.title)

export async function loader({ request, params }: LoaderFunctionArgs) {
  return eventPageData(
    await getSessionUser(request),
    routeParam(params, 'slug'),
    queryUuid(new URL(request.url), 'session') ?? null,
  )
}

export default function EventPage() {
  const data = useLoaderData<typeof loader>()
  return <EventView data={data} />
}

export const ErrorBoundary = routeErrorBoundary('events')
