import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'

import { eraseRegistration } from '~/features/events/registration.server'
import { redirectWithFlash } from '~/features/platform/flash.server'
import { routeParam } from '~/features/platform/params'

export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/registrations/${routeParam(params, 'token')}`)
}

/** The registrant's own erasure: afterwards the link no longer works, so we land on the event. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { eventSlug } = await eraseRegistration(routeParam(params, 'token'))
  return redirectWithFlash(request, `/events/${eventSlug}`, { key: 'events.flash.erased' }, { status: 303 })
}
