import { useT } from '../i18n/useT'

export interface BarDatum {
  label: string
  value: number
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

/**
 * A horizontal bar chart drawn as SVG on the server (no script, no external library); its numbers are
 * also given as a table for screen readers and for copying.
 */
export function BarChart({
  id,
  title,
  description,
  data,
  max,
  unit = '',
  showTitle = true,
}: {
  id: string
  title: string
  description?: string
  data: BarDatum[]
  max?: number
  unit?: string
  showTitle?: boolean
}) {
  const { t, number } = useT()
  const top = Math.max(max ?? 0, ...data.map((d) => d.value), 1)
  const barArea = WIDTH - LABEL_W - VALUE_W
  const height = data.length * ROW_H + 10
  return (
    <figure className="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className={showTitle ? 'chart-caption' : 'visually-hidden'}>
        {title}
      </figcaption>
      {description ? <p className="muted chart-description">{description}</p> : null}
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-title`}
        className="chart-svg"
        preserveAspectRatio="xMinYMin meet"
      >
        <title
          id={`${id}-title`}
        >{`${title}: ${data.map((d) => `${d.label} ${number(d.value)}${unit}`).join('; ')}`}</title>
        <line x1={LABEL_W} y1={0} x2={LABEL_W} y2={height} className="chart-axis" />
        {data.map((d, i) => {
          const y = i * ROW_H + 6
          const w = Math.round((d.value / top) * barArea)
          return (
            <g key={`${d.label}-${i}`}>
              <title>{`${d.label}: ${number(d.value)}${unit}`}</title>
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
                {`${number(d.value)}${unit}`}
              </text>
            </g>
          )
        })}
      </svg>
      <details className="chart-data">
        <summary>{t('training.analytics.chartTable')}</summary>
        <table>
          <tbody>
            {data.map((d, i) => (
              <tr key={`${d.label}-${i}`}>
                <th scope="row">{d.label}</th>
                <td>{`${number(d.value)}${unit}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}
