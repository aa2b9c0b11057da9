import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { EventView } from '~/features/events/EventView'
import { loadEventPage } from '~/features/events/page.server'
import { dataTitle } from '~/features/platform/meta'

export const meta: MetaFunction<typeof loader> = (args) => dataTitle(args, args.data?.event.title)

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadEventPage(request, params.slug!)
}

export default function EventPage() {
  const data = useLoaderData<typeof loader>()
  return <EventView data={data} />
}
