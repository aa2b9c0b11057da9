import type { ReactNode } from 'react'

import { useT } from '../features/i18n/useT'

/**
 * Charts drawn as SVG on the server (no script, no external library). Every chart is an image with a
 * title and a description (role="img", <title>, <desc>) that say its numbers, prints its values as text
 * beside the marks and tells series apart by pattern as well as by shade (readable in black and white),
 * and gives its numbers as a table for screen readers, for copying and for print.
 */

export interface BarDatum {
  label: string
  value: number
  /** Shown instead of the number (e.g. "<5" under the small-number rule); the bar is drawn at `value`. */
  display?: string
}

export interface Series {
  key: string
  label: string
}

const WIDTH = 640
const LABEL_W = 250
const VALUE_W = 56
const ROW_H = 30
const BAR_H = 18
const MAX_LABEL_CHARS = 28

function shorten(text: string) {
  return text.length > MAX_LABEL_CHARS ? `${text.slice(0, MAX_LABEL_CHARS - 1)}…` : text
}

/** The fills of a chart's series: solid, diagonal hatching, dots — distinct without colour. */
export const PATTERNS = ['solid', 'hatch', 'dots'] as const

function Patterns({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={`${id}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" className="chart-pattern-ground" />
        <line x1="0" y1="0" x2="0" y2="6" className="chart-pattern-ink" strokeWidth="3" />
      </pattern>
      <pattern id={`${id}-dots`} width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" className="chart-pattern-ground" />
        <circle cx="3" cy="3" r="1.6" className="chart-pattern-dot" />
      </pattern>
    </defs>
  )
}

const fillOf = (id: string, index: number) => {
  const pattern = PATTERNS[index % PATTERNS.length]
  return pattern === 'solid' ? undefined : `url(#${id}-${pattern})`
}

/** What every chart is given: its id (the prefix of the ids inside it), its title, and whether the title shows. */
interface ChartBase {
  id: string
  title: string
  showTitle?: boolean
}

/** A chart's figures as a table: a header row (over the row names, `corner`), then per row its name and figures. */
interface ChartTable {
  head?: { corner?: string; columns: string[] }
  rows: { key: string; label: string; values: string[] }[]
}

/** The frame every chart shares: caption, the SVG with its title and description, and the data table. */
function ChartFrame({
  chart: { id, title, showTitle = true },
  description,
  width,
  height,
  table: { head, rows },
  children,
}: {
  chart: ChartBase
  description: string
  width: number
  height: number
  table: ChartTable
  children: ReactNode
}) {
  const { t } = useT()
  return (
    <figure className="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className={showTitle ? 'chart-caption' : 'visually-hidden'}>
        {title}
      </figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        className="chart-svg"
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <Patterns id={id} />
        {children}
      </svg>
      <details className="chart-data">
        <summary>{t('chart.table')}</summary>
        <table>
          {head ? (
            <thead>
              <tr>
                {head.corner === undefined ? <td /> : <th scope="col">{head.corner}</th>}
                {head.columns.map((column, i) => (
                  <th scope="col" key={i}>
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
          ) : null}
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                {row.values.map((value, i) => (
                  <td className="numeric" key={i}>
                    {value}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}

/** Horizontal bars, one per datum, each labelled with its value. */
export function BarChart({
  description,
  data,
  max,
  unit = '',
  valueHeader,
  ...chart
}: ChartBase & {
  description?: string
  data: BarDatum[]
  max?: number
  unit?: string
  valueHeader?: string
}) {
  const { number } = useT()
  const top = Math.max(max ?? 0, ...data.map((d) => d.value), 1)
  const barArea = WIDTH - LABEL_W - VALUE_W
  const height = data.length * ROW_H + 10
  const shown = (d: BarDatum) => d.display ?? `${number(d.value)}${unit}`
  const summary = data.map((d) => `${d.label}: ${shown(d)}`).join('; ')
  return (
    <>
      {description ? <p className="muted chart-description">{description}</p> : null}
      <ChartFrame
        chart={chart}
        description={summary}
        width={WIDTH}
        height={height}
        table={{
          head: valueHeader ? { columns: [valueHeader] } : undefined,
          rows: data.map((d, i) => ({ key: `${d.label}-${i}`, label: d.label, values: [shown(d)] })),
        }}
      >
        <line x1={LABEL_W} y1={0} x2={LABEL_W} y2={height} className="chart-axis" />
        {data.map((d, i) => {
          const y = i * ROW_H + 6
          const w = Math.round((d.value / top) * barArea)
          return (
            <g key={`${d.label}-${i}`}>
              <text
                x={LABEL_W - 8}
                y={y + BAR_H / 2}
                textAnchor="end"
                dominantBaseline="middle"
                className="chart-label"
              >
                {shorten(d.label)}
              </text>
              <rect
                x={LABEL_W}
                y={y}
                width={Math.max(w, d.value > 0 ? 2 : 0)}
                height={BAR_H}
                rx={3}
                className="chart-bar"
              />
              <text x={LABEL_W + w + 6} y={y + BAR_H / 2} dominantBaseline="middle" className="chart-value">
                {shown(d)}
              </text>
            </g>
          )
        })}
      </ChartFrame>
    </>
  )
}

/** Columns per period (a month) for one to three series side by side, each series with its own pattern. */
export function ColumnChart({
  series,
  rows,
  categoryHeader,
  ...chart
}: ChartBase & {
  series: Series[]
  rows: { label: string; values: Record<string, number> }[]
  categoryHeader: string
}) {
  const { id } = chart
  const { number } = useT()
  const chartH = 180
  const top = 24
  const bottom = 40
  const legendH = 26
  const left = 8
  const slot = Math.max(34, Math.floor((WIDTH - left) / Math.max(rows.length, 1)))
  const width = Math.max(WIDTH, left + slot * rows.length)
  const barW = Math.max(6, Math.floor((slot - 8) / series.length))
  const max = Math.max(1, ...rows.flatMap((r) => series.map((s) => r.values[s.key] ?? 0)))
  const height = legendH + top + chartH + bottom
  const base = legendH + top + chartH
  const summary = rows
    .map((r) => `${r.label}: ${series.map((s) => `${s.label} ${number(r.values[s.key] ?? 0)}`).join(', ')}`)
    .join('; ')
  return (
    <ChartFrame
      chart={chart}
      description={summary}
      width={width}
      height={height}
      table={{
        head: { corner: categoryHeader, columns: series.map((s) => s.label) },
        rows: rows.map((r) => ({
          key: r.label,
          label: r.label,
          values: series.map((s) => number(r.values[s.key] ?? 0)),
        })),
      }}
    >
      {series.map((s, i) => (
        <g key={s.key} transform={`translate(${left + i * 170}, 4)`}>
          <rect width="16" height="16" className="chart-bar chart-series" fill={fillOf(id, i)} />
          <text x="22" y="8" dominantBaseline="middle" className="chart-label">
            {s.label}
          </text>
        </g>
      ))}
      <line x1={left} y1={base} x2={width} y2={base} className="chart-axis" />
      {rows.map((r, ri) => {
        const x0 = left + ri * slot + 4
        return (
          <g key={r.label}>
            {series.map((s, si) => {
              const v = r.values[s.key] ?? 0
              const h = Math.round((v / max) * chartH)
              const x = x0 + si * barW
              return (
                <g key={s.key}>
                  <rect
                    x={x}
                    y={base - h}
                    width={barW - 2}
                    height={Math.max(h, v > 0 ? 1 : 0)}
                    className="chart-bar chart-series"
                    fill={fillOf(id, si)}
                  />
                  <text x={x + (barW - 2) / 2} y={base - h - 4} textAnchor="middle" className="chart-value chart-small">
                    {number(v)}
                  </text>
                </g>
              )
            })}
            <text x={x0 + (slot - 8) / 2} y={base + 16} textAnchor="middle" className="chart-label chart-small">
              {r.label}
            </text>
          </g>
        )
      })}
    </ChartFrame>
  )
}

/** Progress to a target: the part reached (hatched) against the whole target (outlined), with the figures as text. */
export function TargetChart({
  value,
  target,
  valueLabel,
  targetLabel,
  ...chart
}: ChartBase & {
  value: number
  target: number
  valueLabel: string
  targetLabel: string
}) {
  const { t, number } = useT()
  const percent = target > 0 ? Math.round((value / target) * 100) : 0
  const text = t('chart.target', { value: number(value), target: number(target), percent: number(percent) })
  const barW = WIDTH - 20
  const reached = Math.round(Math.min(1, target > 0 ? value / target : 0) * barW)
  return (
    <ChartFrame
      chart={chart}
      description={text}
      width={WIDTH}
      height={70}
      table={{
        rows: [
          { key: 'value', label: valueLabel, values: [number(value)] },
          { key: 'target', label: targetLabel, values: [number(target)] },
          { key: 'percent', label: '%', values: [number(percent)] },
        ],
      }}
    >
      <rect x={10} y={8} width={barW} height={26} className="chart-target" />
      <rect x={10} y={8} width={reached} height={26} className="chart-bar chart-series" fill={fillOf(chart.id, 1)} />
      <text x={10} y={54} dominantBaseline="middle" className="chart-value">
        {text}
      </text>
    </ChartFrame>
  )
}
