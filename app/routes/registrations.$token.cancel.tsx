import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { cancelRegistration } from '~/features/events/registration.server'
import { flash } from '~/features/platform/flash.server'

export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/registrations/${params.token}`)
}

/** Cancelling twice is harmless: the second time only says so. */
export async function action({ request, params }: ActionFunctionArgs) {
  const result = await cancelRegistration(params.token!)
  const message = result.alreadyCancelled ? 'events.flash.alreadyCancelled' : 'events.flash.cancelled'
  return redirect(`/registrations/${params.token}`, {
    status: 303,
    headers: { 'Set-Cookie': await flash(request, { key: message, kind: result.alreadyCancelled ? 'info' : 'success' }) },
  })
}
