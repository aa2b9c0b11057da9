import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { EventView } from '~/features/events/EventView'
import { loadEventPage } from '~/features/events/page.server'
import { handleRegistration } from '~/features/events/register.server'
import { dataTitle } from '~/features/platform/meta'

export const meta: MetaFunction<typeof loader> = (args) => [...dataTitle(args, args.data?.event.title), { name: 'robots', content: 'noindex' }]

/** The page renders the event again, so a form with errors comes back filled in, with or without JavaScript. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadEventPage(request, params.slug!)
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  return handleRegistration(request, params.slug!, context)
}

export default function RegisterPage() {
  const data = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  return <EventView data={data} state={state} />
}
