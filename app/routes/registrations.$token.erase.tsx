import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { eraseRegistration } from '~/features/events/registration.server'
import { flash } from '~/features/platform/flash.server'

export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/registrations/${params.token}`)
}

/** The registrant's own erasure: afterwards the link no longer works, so we land on the event. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { eventSlug } = await eraseRegistration(params.token!)
  return redirect(`/events/${eventSlug}`, {
    status: 303,
    headers: { 'Set-Cookie': await flash(request, { key: 'events.flash.erased', kind: 'success' }) },
  })
}
