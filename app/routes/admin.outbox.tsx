import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'

import { getEnv } from '~/env.server'
import { useT } from '~/features/i18n/useT'
import { requirePermission } from '~/features/identity/permissions'
import { requireUser } from '~/features/identity/session.server'
import { listOutbox, smtpConfigured } from '~/features/notifications/mail.server'
import { pageTitle } from '~/features/platform/meta'

export const meta: MetaFunction = (args) => pageTitle(args, 'admin.outbox')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  requirePermission(user, 'outbox:read')
  const env = getEnv()
  return {
    rows: await listOutbox({ limit: 100 }),
    smtp: smtpConfigured(),
    sentDays: env.MAIL_RETENTION_DAYS,
    pendingDays: env.MAIL_PENDING_DAYS,
  }
}

export default function Outbox() {
  const { rows, smtp, sentDays, pendingDays } = useLoaderData<typeof loader>()
  const { t, tk, dateTime } = useT()
  return (
    <section>
      <h1>{t('admin.outbox')}</h1>
      <p className="panel">
        {smtp ? t('admin.outbox.smtpOn') : t('admin.outbox.smtpOff')}{' '}
        {t('admin.outbox.retention', { sentDays, pendingDays })}
      </p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('common.created')}</th>
              <th scope="col">{t('admin.outbox.to')}</th>
              <th scope="col">{t('admin.outbox.subject')}</th>
              <th scope="col">{t('admin.outbox.kind')}</th>
              <th scope="col">{t('common.status')}</th>
              <th scope="col">{t('admin.outbox.attempts')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr key={m.id}>
                <td>{dateTime(m.createdAt)}</td>
                <td>{m.toAddress}</td>
                <td>
                  <details>
                    <summary>{m.subject}</summary>
                    <pre className="mail">{m.textBody}</pre>
                  </details>
                </td>
                <td>
                  <code>{m.kind}</code>
                </td>
                <td>{tk(`admin.outbox.status.${m.status}`)}</td>
                <td>{m.attempts}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
