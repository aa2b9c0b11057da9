import { suggestMentions } from '~/features/identity/mentions.server'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'

/** Autocomplete for @mentions (staff only). */
export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user, request }) => {
    const users = await suggestMentions(user, new URL(request.url).searchParams.get('q') ?? '')
    return Response.json({ users }, { headers: { 'Cache-Control': 'private, no-store' } })
  })
