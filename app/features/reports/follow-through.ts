import { inSchoolShare, type ActionIndicators } from '../actions/indicators'
import type { ReportTable, ReportText } from './tables'

/** Issue #14's indicators in the report: done on time, overdue per institution, retention at each check. */

export const FOLLOW_THROUGH_TABLES = ['actionsOnTime', 'overdueActions', 'retention'] as const
export type FollowThroughTableId = (typeof FOLLOW_THROUGH_TABLES)[number]

/** A share as a whole percentage, or null when there is nothing to divide. */
export const percentOf = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : null)

/** The retention share at a check as a whole percentage (null while no check of that month is answered). */
export function retentionPercent(point: ActionIndicators['retention'][number]): number | null {
  const share = inSchoolShare(point)
  return share === null ? null : Math.round(share * 100)
}

/** The three tables in the reader's language (numbers stay numbers for the spreadsheet). */
export function followThroughTables(
  ft: ActionIndicators,
  text: ReportText,
): (ReportTable & { id: FollowThroughTableId })[] {
  const { t } = text
  const none = t('reports.none')
  return [
    {
      id: 'actionsOnTime',
      title: t('actions.report.table.onTime'),
      columns: [t('reports.col.indicator'), t('reports.col.value')],
      rows: [
        [t('actions.report.done'), ft.done],
        [t('actions.report.doneOnTime'), ft.doneOnTime],
        [t('actions.report.onTimeShare'), percentOf(ft.doneOnTime, ft.done) ?? none],
      ],
    },
    {
      id: 'overdueActions',
      title: t('actions.report.table.overdue'),
      columns: [t('actions.indicators.institution'), t('actions.report.overdue')],
      rows: ft.overdueByInstitution.map((r) => [r.name, r.overdue]),
    },
    {
      id: 'retention',
      title: t('actions.report.table.retention'),
      columns: [
        t('actions.indicators.checkMonth'),
        t('actions.report.returns'),
        t('actions.indicators.inSchool'),
        t('actions.report.left'),
        t('actions.report.unknown'),
        t('actions.report.inSchoolShare'),
      ],
      rows: ft.retention.map((r) => [
        t('actions.indicators.months', { months: r.months }),
        r.returns,
        r.inSchool,
        r.left,
        r.returns - r.inSchool - r.left,
        retentionPercent(r) ?? none,
      ]),
    },
  ]
}
