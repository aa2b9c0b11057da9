import { redirect, type ActionFunctionArgs } from '@remix-run/node'

import { destroyCurrentSession } from '~/features/identity/session.server'

export async function action({ request }: ActionFunctionArgs) {
  const cookie = await destroyCurrentSession(request)
  return redirect('/', { headers: { 'Set-Cookie': cookie } })
}

export function loader() {
  return redirect('/')
}
