import { NavLink, Outlet, useLoaderData } from '@remix-run/react'

import type { MessageKey } from '~/features/i18n/translate'
import { useT } from '~/features/i18n/useT'
import { can } from '~/features/identity/permissions'
import { signedInWith, type RouteArgs } from '~/features/identity/session.server'

const SECTIONS: { to: string; label: MessageKey; action: Parameters<typeof can>[1] }[] = [
  { to: '/admin/approvals', label: 'admin.approvals', action: 'user:approve' },
  { to: '/admin/users', label: 'admin.users', action: 'user:manage' },
  { to: '/admin/institutions', label: 'admin.institutions', action: 'institution:manage' },
  { to: '/teams', label: 'admin.teams', action: 'team:manage' },
  { to: '/admin/outbox', label: 'admin.outbox', action: 'outbox:read' },
  { to: '/admin/audit', label: 'admin.audit', action: 'audit:read' },
  { to: '/admin/backups', label: 'admin.backups', action: 'backup:read' },
]

/** Coordinators and admins only; each page and action checks its own permission too. */
export const loader = (args: RouteArgs) =>
  signedInWith(args, 'coordination:access', ({ user }) => {
    return { sections: SECTIONS.filter((s) => can(user, s.action)).map(({ to, label }) => ({ to, label })) }
  })

export default function AdminLayout() {
  const { sections } = useLoaderData<typeof loader>()
  const { t } = useT()
  return (
    <div>
      <nav aria-label={t('admin.title')} className="row" style={{ marginBottom: '1rem' }}>
        {sections.map((s) => (
          <NavLink key={s.to} to={s.to}>
            {t(s.label as MessageKey)}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </div>
  )
}
