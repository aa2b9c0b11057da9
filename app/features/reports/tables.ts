import type { Locale } from '../../../db/schema/identity'
import { formatDate, translate } from '../i18n/translate'
import type { Indicators, ShownCount } from '../indicators/indicators.server'
import { districtName } from '../platform/districts'
import { followThroughTables, type FollowThroughTableId } from './follow-through'

/** One table of the report: the page shows it under its chart; CSV, XLSX and PDF are made of these. */
export interface ReportTable {
  id: 'summary' | 'trend' | 'outcomes' | 'openDays' | 'learning' | 'districts' | 'cells' | FollowThroughTableId
  title: string
  columns: string[]
  rows: (string | number)[][]
}

export interface ReportText {
  t: (key: string, params?: Record<string, string | number>) => string
  districtName: (code: string | null) => string
  month: (yyyyMm: string) => string
}

/** The texts of a report in a language (the page, the PDF and the spreadsheets use the same). */
export function reportText(locale: Locale): ReportText {
  return {
    t: (key, params) => translate(locale, key, params),
    districtName: (code) => (code ? districtName(code, locale) : translate(locale, 'reports.noDistrict')),
    month: (m) => formatDate(locale, `${m}-15T12:00:00Z`, { month: 'short', year: 'numeric' }),
  }
}

/** The report's heading line: scope (team, district, both or the project) and period. */
export function reportHeading(ind: Indicators, locale: Locale): string {
  const text = reportText(locale)
  const scope = [ind.scope.team?.name, ind.scope.districtCode ? text.districtName(ind.scope.districtCode) : null]
  return text.t('reports.heading', {
    scope: scope.filter(Boolean).join(', ') || text.t('reports.project'),
    from: formatDate(locale, `${ind.period.from}T12:00:00Z`),
    to: formatDate(locale, `${ind.period.to}T12:00:00Z`),
  })
}

const percent = (value: number, target: number) => (target > 0 ? Math.round((value / target) * 100) : 0)
const cell = (count: ShownCount) => count

/** The report's tables in reading order, in the reader's language (numbers stay numbers for the spreadsheet). */
export function reportTables(ind: Indicators, text: ReportText): ReportTable[] {
  const { t } = text
  const none = t('reports.none')
  const againstTarget = (key: string, { value, target }: { value: number; target: number }) => [
    t(key),
    value,
    target,
    percent(value, target),
  ]
  const untargeted = (key: string, value: number | string) => [t(key), value, none, none]
  /** A table of single figures: each indicator's name and its value. */
  const figureTable = (id: ReportTable['id'], title: string, figures: [string, number][]): ReportTable => ({
    id,
    title: t(title),
    columns: [t('reports.col.indicator'), t('reports.col.value')],
    rows: figures.map(([key, value]) => [t(key), value]),
  })
  return [
    {
      id: 'summary',
      title: t('reports.table.summary'),
      columns: [t('reports.col.indicator'), t('reports.col.value'), t('reports.col.target'), t('reports.col.percent')],
      rows: [
        againstTarget('reports.ind.childrenReached', ind.childrenReached),
        untargeted('reports.ind.childrenMet', ind.childrenReached.metOnRounds),
        untargeted('reports.ind.casesNotInRounds', ind.childrenReached.casesNotInRounds),
        againstTarget('reports.ind.participants', ind.participants),
        untargeted('reports.ind.participants.training', ind.participants.training),
        untargeted('reports.ind.participants.events', ind.participants.events),
        untargeted('reports.ind.participants.fieldWork', ind.participants.fieldWork),
        untargeted('reports.ind.rounds', ind.rounds.rounds),
        untargeted('reports.ind.householdsVisited', ind.rounds.householdsVisited),
        untargeted('reports.ind.childrenOutOfSchool', ind.rounds.childrenOutOfSchool),
        untargeted('reports.ind.referred', ind.rounds.referred),
        untargeted('reports.ind.resolved', ind.resolved),
        untargeted('reports.ind.medianDays', ind.medianDaysToResolve ?? none),
        untargeted('reports.ind.openDayRegistered', ind.openDays.registered),
        untargeted('reports.ind.openDayAttended', ind.openDays.attended),
        untargeted('reports.ind.coursesCompleted', ind.courses.completions),
        untargeted('reports.ind.practicesPublished', ind.practices.published),
        untargeted('reports.ind.usefulMarks', ind.practices.usefulMarks),
        untargeted('reports.ind.conferences', ind.conferences),
      ],
    },
    {
      id: 'trend',
      title: t('reports.table.trend'),
      columns: [
        t('reports.col.month'),
        t('reports.col.reached'),
        t('reports.col.childrenMet'),
        t('reports.col.opened'),
        t('reports.col.resolved'),
      ],
      rows: ind.trend.map((m) => [text.month(m.month), m.reached, m.childrenMet, m.opened, m.resolved]),
    },
    {
      id: 'outcomes',
      title: t('reports.table.outcomes'),
      columns: [t('reports.col.outcome'), t('reports.col.cases')],
      rows: ind.outcomes.map((o) => [t(`cases.outcome.${o.outcome}`), o.count]),
    },
    figureTable('openDays', 'reports.table.openDays', [
      ['reports.ind.openDaySessions', ind.openDays.sessions],
      ['reports.ind.openDayRegistered', ind.openDays.registered],
      ['reports.ind.openDayAttended', ind.openDays.attended],
    ]),
    figureTable('learning', 'reports.table.learning', [
      ['reports.ind.coursesCompleted', ind.courses.completions],
      ['reports.ind.learners', ind.courses.learners],
      ['reports.ind.practicesPublished', ind.practices.published],
      ['reports.ind.usefulMarks', ind.practices.usefulMarks],
      ['reports.ind.conferences', ind.conferences],
    ]),
    {
      id: 'districts',
      title: t('reports.table.districts'),
      columns: [
        t('reports.col.district'),
        t('reports.col.reached'),
        t('reports.col.childrenMet'),
        t('reports.col.opened'),
        t('reports.col.resolved'),
        t('reports.col.back'),
      ],
      rows: ind.districts.map((d) => [
        text.districtName(d.districtCode),
        cell(d.reached),
        cell(d.childrenMet),
        cell(d.opened),
        cell(d.resolved),
        cell(d.back),
      ]),
    },
    {
      id: 'cells',
      title: t('reports.table.cells'),
      columns: [t('reports.col.district'), t('reports.col.ageBand'), t('reports.col.outcome'), t('reports.col.count')],
      rows: ind.cells.map((c) => [
        text.districtName(c.districtCode),
        t(`cases.age.${c.ageBand}`),
        t(`cases.outcome.${c.outcome}`),
        cell(c.count),
      ]),
    },
    ...(ind.followThrough ? followThroughTables(ind.followThrough, text) : []),
  ]
}
