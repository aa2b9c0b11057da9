import type { MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'

import { DataTable } from '~/components/DataTable'
import { backupOverview } from '~/features/backup/runs.server'
import { useT } from '~/features/i18n/useT'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { pageTitle } from '~/features/platform/meta'

export const meta: MetaFunction = (args) => pageTitle(args, 'admin.backups')

export const loader = (args: RouteArgs) => signedIn(args, ({ user }) => backupOverview(user))

export default function Backups() {
  const { runs, settings } = useLoaderData<typeof loader>()
  const { t, tk, dateTime, number } = useT()
  const size = (bytes: number) =>
    bytes < 1024 * 1024
      ? `${number(bytes / 1024, { maximumFractionDigits: 1 })} KB`
      : `${number(bytes / 1024 / 1024, { maximumFractionDigits: 1 })} MB`
  const params = { hours: settings.intervalHours, keep: settings.keep, dir: settings.dir }
  return (
    <section>
      <h1>{t('admin.backups')}</h1>
      <p>{t('backup.intro')}</p>
      <div className="panel">
        <p>
          {!settings.embedded
            ? t('backup.schedule.postgres', params)
            : settings.intervalHours > 0
              ? t('backup.schedule.on', params)
              : t('backup.schedule.off', params)}
        </p>
        <p>{t('backup.retention')}</p>
        <p>{t('backup.commands')}</p>
      </div>
      <h2>{t('backup.runs')}</h2>
      <DataTable
        caption={t('backup.runs')}
        empty={<p>{t('backup.none')}</p>}
        rows={runs}
        columns={[
          { header: t('backup.col.started'), cell: (r) => dateTime(r.startedAt) },
          { header: t('backup.col.trigger'), cell: (r) => tk(`backup.trigger.${r.trigger}`) },
          {
            header: t('backup.col.status'),
            cell: (r) => (
              <>
                <span className={`status status-${r.status === 'ok' ? 'ok' : 'bad'}`}>
                  {tk(`backup.status.${r.status}`)}
                </span>
                {r.error ? (
                  <div>
                    <code>{r.error}</code>
                  </div>
                ) : null}
              </>
            ),
          },
          {
            header: t('backup.col.file'),
            cell: (r) => (
              <>
                {r.fileName ? <code>{r.fileName}</code> : '—'}
                {r.deletedAt ? <div>{t('backup.deleted')}</div> : null}
              </>
            ),
          },
          { header: t('backup.col.size'), cell: (r) => (r.byteSize !== null ? size(r.byteSize) : '—') },
          {
            header: t('backup.col.blocked'),
            cell: (r) => (r.blockedMs !== null ? t('backup.ms', { ms: r.blockedMs }) : '—'),
          },
        ]}
      />
    </section>
  )
}
