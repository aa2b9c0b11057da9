import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'

import { listAudit } from '~/features/audit/audit.server'
import { useT } from '~/features/i18n/useT'
import { requirePermission } from '~/features/identity/permissions'
import { requireUser } from '~/features/identity/session.server'
import { pageTitle } from '~/features/platform/meta'

export const meta: MetaFunction = (args) => pageTitle(args, 'admin.audit')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  requirePermission(user, 'audit:read')
  return { rows: await listAudit({ limit: 200 }) }
}

export default function Audit() {
  const { rows } = useLoaderData<typeof loader>()
  const { t, dateTime } = useT()
  return (
    <section>
      <h1>{t('admin.audit')}</h1>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('admin.audit.at')}</th>
              <th scope="col">{t('admin.audit.action')}</th>
              <th scope="col">{t('admin.audit.actor')}</th>
              <th scope="col">{t('admin.audit.target')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{dateTime(r.at)}</td>
                <td>
                  <code>{r.action}</code>
                </td>
                <td>
                  <code>{r.actorId ?? '—'}</code>
                </td>
                <td>
                  {r.targetType ? (
                    <code>
                      {r.targetType}:{r.targetId}
                    </code>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
