import type { MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'

import { DataTable } from '~/components/DataTable'
import { listAudit } from '~/features/audit/audit.server'
import { useT } from '~/features/i18n/useT'
import { signedInWith, type RouteArgs } from '~/features/identity/session.server'
import { pageTitle } from '~/features/platform/meta'

export const meta: MetaFunction = (args) => pageTitle(args, 'admin.audit')

export const loader = (args: RouteArgs) =>
  signedInWith(args, 'audit:read', async () => ({ rows: await listAudit({ limit: 200 }) }))

export default function Audit() {
  const { rows } = useLoaderData<typeof loader>()
  const { t, dateTime } = useT()
  return (
    <section>
      <h1>{t('admin.audit')}</h1>
      <DataTable
        caption={t('admin.audit')}
        rows={rows}
        columns={[
          { header: t('admin.audit.at'), cell: (r) => dateTime(r.at) },
          { header: t('admin.audit.action'), cell: (r) => <code>{r.action}</code> },
          { header: t('admin.audit.actor'), cell: (r) => <code>{r.actorId ?? '—'}</code> },
          {
            header: t('admin.audit.target'),
            cell: (r) =>
              r.targetType ? (
                <code>
                  {r.targetType}:{r.targetId}
                </code>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </section>
  )
}
