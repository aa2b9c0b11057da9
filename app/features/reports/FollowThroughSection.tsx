import { BarChart, TargetChart } from '~/components/charts'
import { Panel } from '~/components/Panel'
import type { ActionIndicators } from '../actions/indicators'
import { useT } from '../i18n/useT'
import { retentionPercent, type FollowThroughTableId } from './follow-through'
import { TableBarChart } from './ReportSection'
import { ReportTableView } from './ReportTableView'
import type { ReportTable } from './tables'

/** The report's follow-through section: each indicator as a chart with its table. */
export function FollowThroughSection({
  figures,
  tables,
}: {
  figures: ActionIndicators
  tables: Record<FollowThroughTableId, ReportTable>
}) {
  const { t } = useT()
  return (
    <Panel headingId="h-follow-through" title={t('actions.report.heading')} className="report-section">
      <p className="muted">{t('actions.report.intro')}</p>

      <h3>{tables.actionsOnTime.title}</h3>
      <TargetChart
        id="chart-actions-on-time"
        title={t('actions.report.chart.onTime')}
        value={figures.doneOnTime}
        target={figures.done}
        valueLabel={t('actions.report.doneOnTime')}
        targetLabel={t('actions.report.done')}
      />
      <ReportTableView table={tables.actionsOnTime} captionHidden />

      <h3>{tables.overdueActions.title}</h3>
      {figures.overdueByInstitution.length === 0 ? (
        <p className="muted">{t('actions.report.noOverdue')}</p>
      ) : (
        <>
          <TableBarChart table={tables.overdueActions} title={t('actions.report.chart.overdue')} valueHeader />
          <ReportTableView table={tables.overdueActions} captionHidden />
        </>
      )}

      <h3>{tables.retention.title}</h3>
      {figures.retention.length === 0 ? (
        <p className="muted">{t('actions.report.noReturns')}</p>
      ) : (
        <BarChart
          id="chart-retention"
          title={t('actions.report.chart.retention')}
          valueHeader={t('actions.report.inSchoolShare')}
          max={100}
          data={figures.retention.map((r) => {
            const percent = retentionPercent(r)
            return {
              label: t('actions.indicators.months', { months: r.months }),
              value: percent ?? 0,
              display: percent === null ? t('reports.none') : `${percent}%`,
            }
          })}
        />
      )}
      <ReportTableView table={tables.retention} captionHidden />
    </Panel>
  )
}
