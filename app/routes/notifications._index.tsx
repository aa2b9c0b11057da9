import { redirect, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { PostButton } from '~/components/forms'
import { useT } from '~/features/i18n/useT'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { listNotifications, markAllRead } from '~/features/notifications/inbox.server'
import { pageTitle } from '~/features/platform/meta'

export const meta: MetaFunction = (args) => pageTitle(args, 'notifications.title')

export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user }) => ({ items: await listNotifications(user.id) }))

export const action = (args: RouteArgs) =>
  signedIn(args, async ({ user }) => {
    await markAllRead(user.id)
    return redirect('/notifications')
  })

export default function Notifications() {
  const { items } = useLoaderData<typeof loader>()
  const { t, tk, dateTime } = useT()
  return (
    <section>
      <h1>{t('notifications.title')}</h1>
      {items.length === 0 ? (
        <p>{t('notifications.empty')}</p>
      ) : (
        <>
          <PostButton className="button button-secondary">{t('notifications.markAllRead')}</PostButton>
          <ul className="stack bare-list">
            {items.map((n) => (
              <li key={n.id} className="card">
                {n.readAt ? null : <span className="status status-warn">{t('notifications.unread')}</span>}{' '}
                <Link to={`/notifications/${n.id}`}>{tk(n.messageKey, n.params)}</Link>
                <div className="muted">{dateTime(n.createdAt)}</div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
