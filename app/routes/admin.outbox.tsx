import type { MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'

import { DataTable } from '~/components/DataTable'
import { getEnv } from '~/env.server'
import { useT } from '~/features/i18n/useT'
import { signedInWith, type RouteArgs } from '~/features/identity/session.server'
import { listOutbox, smtpConfigured } from '~/features/notifications/mail.server'
import { pageTitle } from '~/features/platform/meta'

export const meta: MetaFunction = (args) => pageTitle(args, 'admin.outbox')

export const loader = (args: RouteArgs) =>
  signedInWith(args, 'outbox:read', async () => {
    const env = getEnv()
    return {
      rows: await listOutbox({ limit: 100 }),
      smtp: smtpConfigured(),
      sentDays: env.MAIL_RETENTION_DAYS,
      pendingDays: env.MAIL_PENDING_DAYS,
    }
  })

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
      <DataTable
        caption={t('admin.outbox')}
        rows={rows}
        columns={[
          { header: t('common.created'), cell: (m) => dateTime(m.createdAt) },
          { header: t('admin.outbox.to'), cell: (m) => m.toAddress },
          {
            header: t('admin.outbox.subject'),
            cell: (m) => (
              <details>
                <summary>{m.subject}</summary>
                <pre className="mail">{m.textBody}</pre>
              </details>
            ),
          },
          { header: t('admin.outbox.kind'), cell: (m) => <code>{m.kind}</code> },
          { header: t('common.status'), cell: (m) => tk(`admin.outbox.status.${m.status}`) },
          { header: t('admin.outbox.attempts'), cell: (m) => m.attempts },
        ]}
      />
    </section>
  )
}
