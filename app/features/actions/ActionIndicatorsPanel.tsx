import { DataTable } from '~/components/DataTable'
import { Panel } from '~/components/Panel'
import { useT } from '~/features/i18n/useT'
import type { ActionIndicators } from './indicators.server'

/** The coordinators' block on /actions: done on time, overdue per institution, retention at each check month. */
export function ActionIndicatorsPanel({ indicators }: { indicators: ActionIndicators }) {
  const { t, number } = useT()
  const share = (part: number, whole: number) =>
    whole ? number(part / whole, { style: 'percent', maximumFractionDigits: 0 }) : t('actions.indicators.noData')
  return (
    <Panel headingId="action-indicators-title" title={t('actions.indicators.title')}>
      <h3>{t('actions.indicators.onTime')}</h3>
      <p>
        {t('actions.indicators.onTimeValue', {
          onTime: indicators.doneOnTime,
          done: indicators.done,
          share: share(indicators.doneOnTime, indicators.done),
        })}
      </p>
      <h3>{t('actions.indicators.retentionTitle')}</h3>
      <DataTable
        caption={t('actions.indicators.retentionTitle')}
        rows={indicators.retention}
        rowKey={(r) => r.months}
        columns={[
          {
            header: t('actions.indicators.checkMonth'),
            rowHeader: true,
            cell: (r) => t('actions.indicators.months', { months: r.months }),
          },
          {
            header: t('actions.indicators.inSchool'),
            cell: (r) =>
              t('actions.indicators.retentionValue', {
                inSchool: r.inSchool,
                known: r.inSchool + r.left,
                share: share(r.inSchool, r.inSchool + r.left),
              }),
          },
          { header: t('actions.indicators.noAnswer'), cell: (r) => r.returns - r.inSchool - r.left },
        ]}
      />
      <h3>{t('actions.indicators.overdueTitle')}</h3>
      <DataTable
        caption={t('actions.indicators.overdueTitle')}
        empty={<p className="muted">{t('actions.indicators.overdueNone')}</p>}
        rows={indicators.overdueByInstitution}
        rowKey={(r) => r.institutionId}
        columns={[
          { header: t('actions.indicators.institution'), cell: (r) => r.name },
          { header: t('actions.indicators.overdue'), cell: (r) => r.overdue },
        ]}
      />
    </Panel>
  )
}
