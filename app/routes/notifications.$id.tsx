import { redirect } from '@remix-run/node'

import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { openNotification } from '~/features/notifications/inbox.server'
import { notFound, safeRedirectPath } from '~/features/platform/http.server'
import { uuidParam } from '~/features/platform/params'

/** Opening a notification marks it read and leads to its target. */
export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user, params }) => {
    const url = await openNotification(user.id, uuidParam(params, 'id'))
    if (!url) notFound()
    return redirect(safeRedirectPath(url, '/notifications'))
  })
