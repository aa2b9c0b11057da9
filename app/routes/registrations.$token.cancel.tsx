import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'

import { cancelRegistration } from '~/features/events/registration.server'
import { redirectWithFlash } from '~/features/platform/flash.server'
import { routeParam } from '~/features/platform/params'

export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/registrations/${routeParam(params, 'token')}`)
}

/** Cancelling twice is harmless: the second time only says so. */
export async function action({ request, params }: ActionFunctionArgs) {
  const token = routeParam(params, 'token')
  const { alreadyCancelled, wasWaitlisted } = await cancelRegistration(token)
  const message = alreadyCancelled
    ? ({ key: 'events.flash.alreadyCancelled', kind: 'info' } as const)
    : { key: wasWaitlisted ? 'events.flash.leftWaitlist' : 'events.flash.cancelled' }
  return redirectWithFlash(request, `/registrations/${token}`, message, { status: 303 })
}
