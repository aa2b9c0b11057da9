import { redirect, type MetaFunction } from '@remix-run/node'
import { Link } from '@remix-run/react'

import { useT } from '~/features/i18n/useT'
import { signedInWith, type RouteArgs } from '~/features/identity/session.server'
import { pageTitle } from '~/features/platform/meta'

export const meta: MetaFunction = (args) => pageTitle(args, 'admin.title')

export const loader = (args: RouteArgs) =>
  signedInWith(args, 'coordination:access', ({ user }) => {
    if (user.role !== 'admin') throw redirect('/admin/approvals')
    return null
  })

export default function AdminHome() {
  const { t } = useT()
  return (
    <section>
      <h1>{t('admin.title')}</h1>
      <ul className="grid bare-list">
        {(['approvals', 'users', 'institutions', 'teams', 'outbox', 'audit', 'backups'] as const).map((s) => (
          <li key={s} className="card">
            <Link to={s === 'teams' ? '/teams' : `/admin/${s}`}>{t(`admin.${s}`)}</Link>
          </li>
        ))}
      </ul>
    </section>
  )
}
