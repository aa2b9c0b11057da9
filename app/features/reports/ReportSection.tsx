import type { ReactNode } from 'react'

import { BarChart, ColumnChart } from '~/components/charts'
import { Panel } from '~/components/Panel'
import { useT } from '../i18n/useT'
import type { Indicators } from '../indicators/indicators.server'
import { ReportTableView } from './ReportTableView'
import { reportText, type ReportTable } from './tables'

/** The name a report table's heading and chart take in the page's ids: `openDays` → `open-days`. */
const slug = (id: ReportTable['id']) => id.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)

/**
 * A report table's first two columns as bars: what each row names, and its figure (a figure shown as text, "<5"
 * under the small-number rule, keeps its text and draws no bar). `valueHeader` heads the chart's own table with the
 * report table's value column.
 */
export function TableBarChart({
  table,
  title,
  valueHeader = false,
}: {
  table: ReportTable
  title: string
  valueHeader?: boolean
}) {
  return (
    <BarChart
      id={`chart-${slug(table.id)}`}
      title={title}
      valueHeader={valueHeader ? table.columns[1] : undefined}
      data={table.rows.map(([label, value]) => ({
        label: String(label),
        value: typeof value === 'number' ? value : 0,
        display: typeof value === 'string' ? value : undefined,
      }))}
    />
  )
}

/**
 * A section of the report page: the table's title as its heading, its charts and notes, then the table itself.
 * `bars` (a chart title) draws the table as bars first (`TableBarChart`).
 */
export function ReportSection({
  table,
  bars,
  barsValueHeader,
  children,
}: {
  table: ReportTable
  bars?: string
  barsValueHeader?: boolean
  children?: ReactNode
}) {
  return (
    <Panel headingId={`h-${slug(table.id)}`} title={table.title} className="report-section">
      {bars ? <TableBarChart table={table} title={bars} valueHeader={barsValueHeader} /> : null}
      {children}
      <ReportTableView table={table} captionHidden />
    </Panel>
  )
}

type TrendFigure = 'opened' | 'resolved' | 'childrenMet' | 'reached'

/** Some of the monthly trend's figures as columns, each series named like its column of the trend table. */
export function TrendChart({
  id,
  title,
  trend,
  figures,
}: {
  id: string
  title: string
  trend: Indicators['trend']
  figures: TrendFigure[]
}) {
  const { t, locale } = useT()
  const { month } = reportText(locale)
  return (
    <ColumnChart
      id={id}
      title={title}
      categoryHeader={t('reports.col.month')}
      series={figures.map((key) => ({ key, label: t(`reports.col.${key}`) }))}
      rows={trend.map((m) => ({
        label: month(m.month),
        values: Object.fromEntries(figures.map((key) => [key, m[key]])),
      }))}
    />
  )
}
