import type { LoaderFunctionArgs } from '@remix-run/node'

import { suggestMentions } from '~/features/identity/mentions.server'
import { requireUser } from '~/features/identity/session.server'

/** Autocomplete for @mentions (staff only). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const users = await suggestMentions(user, new URL(request.url).searchParams.get('q') ?? '')
  return Response.json({ users }, { headers: { 'Cache-Control': 'private, no-store' } })
}
