import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'

import { backupOverview } from '~/features/backup/runs.server'
import { useT } from '~/features/i18n/useT'
import { requireUser } from '~/features/identity/session.server'
import { pageTitle } from '~/features/platform/meta'

export const meta: MetaFunction = (args) => pageTitle(args, 'admin.backups')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return backupOverview(user)
}

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
      {runs.length === 0 ? (
        <p>{t('backup.none')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('backup.col.started')}</th>
                <th scope="col">{t('backup.col.trigger')}</th>
                <th scope="col">{t('backup.col.status')}</th>
                <th scope="col">{t('backup.col.file')}</th>
                <th scope="col">{t('backup.col.size')}</th>
                <th scope="col">{t('backup.col.blocked')}</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id}>
                  <td>{dateTime(r.startedAt)}</td>
                  <td>{tk(`backup.trigger.${r.trigger}`)}</td>
                  <td>
                    <span className={`status status-${r.status === 'ok' ? 'ok' : 'bad'}`}>
                      {tk(`backup.status.${r.status}`)}
                    </span>
                    {r.error ? (
                      <div>
                        <code>{r.error}</code>
                      </div>
                    ) : null}
                  </td>
                  <td>
                    {r.fileName ? <code>{r.fileName}</code> : '—'}
                    {r.deletedAt ? <div>{t('backup.deleted')}</div> : null}
                  </td>
                  <td>{r.byteSize !== null ? size(r.byteSize) : '—'}</td>
                  <td>{r.blockedMs !== null ? t('backup.ms', { ms: r.blockedMs }) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
