import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'

import { BarChart, ColumnChart, TargetChart } from '~/components/charts'
import { FilterBar, FilterSelect } from '~/components/filters'
import { useT } from '~/features/i18n/useT'
import { requireUser } from '~/features/identity/session.server'
import { reportIndicators } from '~/features/indicators/indicators.server'
import { periodFromQuery } from '~/features/indicators/period'
import { districtOptions } from '~/features/platform/districts'
import { pageTitle } from '~/features/platform/meta'
import { FollowThroughSection } from '~/features/reports/FollowThroughSection'
import { ReportTableView } from '~/features/reports/ReportTableView'
import { reportHeading, reportTables, reportText, type ReportTable } from '~/features/reports/tables'
import { teamScopeFromQuery } from '~/features/teams/indicators.server'
import { teamOptions } from '~/features/teams/teams.server'

export const meta: MetaFunction = (args) => pageTitle(args, 'reports.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const url = new URL(request.url)
  const { period, scope } = periodFromQuery(url)
  const indicators = await reportIndicators(user, period, { ...scope, ...(await teamScopeFromQuery(url)) })
  return { indicators, teams: (await teamOptions()).map((t) => ({ slug: t.slug, name: t.name })) }
}

export default function Reports() {
  const { indicators: ind, teams } = useLoaderData<typeof loader>()
  const { t, tk, locale } = useT()
  const text = reportText(locale)
  const tables = Object.fromEntries(reportTables(ind, text).map((table) => [table.id, table])) as Record<
    ReportTable['id'],
    ReportTable
  >
  const query = new URLSearchParams({ from: ind.period.from, to: ind.period.to })
  if (ind.scope.districtCode) query.set('district', ind.scope.districtCode)
  if (ind.scope.team) query.set('team', ind.scope.team.slug)
  const numeric = (v: number | string) => (typeof v === 'number' ? v : 0)
  return (
    <section className="report">
      <h1>{t('reports.title')}</h1>
      <p className="lead">{reportHeading(ind, locale)}</p>
      <p className="no-print">{t('reports.intro')}</p>

      <FilterBar
        values={{ district: ind.scope.districtCode, team: ind.scope.team?.slug }}
        prefix="report"
        className="panel report-filter no-print"
      >
        <fieldset>
          <legend>{t('reports.filter')}</legend>
          <div className="grid-tight">
            <div className="field">
              <label htmlFor="report-from">{t('reports.from')}</label>
              <input id="report-from" type="date" name="from" defaultValue={ind.period.from} required />
            </div>
            <div className="field">
              <label htmlFor="report-to">{t('reports.to')}</label>
              <input id="report-to" type="date" name="to" defaultValue={ind.period.to} required />
            </div>
            <FilterSelect
              name="district"
              label={t('reports.district')}
              all={t('reports.allDistricts')}
              options={districtOptions(locale)}
            />
            <FilterSelect
              name="team"
              label={t('reports.team')}
              all={t('reports.allTeams')}
              options={teams.map((team) => ({ value: team.slug, label: team.name }))}
            />
          </div>
          <button type="submit" className="button">
            {t('reports.show')}
          </button>
        </fieldset>
      </FilterBar>

      <nav className="report-downloads no-print" aria-label={t('reports.downloads')}>
        <span>{t('reports.downloads')}:</span>{' '}
        <a className="button button-secondary" href={`/reports/indicators.pdf?${query}`}>
          {t('reports.pdf')}
        </a>{' '}
        <a className="button button-secondary" href={`/reports/indicators.csv?${query}`} download>
          {t('reports.csv')}
        </a>{' '}
        <a className="button button-secondary" href={`/reports/indicators.xlsx?${query}`} download>
          {t('reports.xlsx')}
        </a>
        <p className="muted">{t('reports.print')}</p>
      </nav>

      <section className="panel report-section" aria-labelledby="h-summary">
        <h2 id="h-summary">{tables.summary.title}</h2>
        <div className="chart-grid">
          <TargetChart
            id="chart-children"
            title={t('reports.chart.children')}
            value={ind.childrenReached.value}
            target={ind.childrenReached.target}
            valueLabel={t('reports.ind.childrenReached')}
            targetLabel={t('reports.col.target')}
          />
          <TargetChart
            id="chart-participants"
            title={t('reports.chart.participants')}
            value={ind.participants.value}
            target={ind.participants.target}
            valueLabel={t('reports.ind.participants')}
            targetLabel={t('reports.col.target')}
          />
        </div>
        <p className="muted">{t('reports.ind.childrenReached.source')}</p>
        <ReportTableView table={tables.summary} captionHidden />
      </section>

      <section className="panel report-section" aria-labelledby="h-trend">
        <h2 id="h-trend">{tables.trend.title}</h2>
        <ColumnChart
          id="chart-trend"
          title={t('reports.chart.trend')}
          categoryHeader={t('reports.col.month')}
          series={[
            { key: 'opened', label: t('reports.col.opened') },
            { key: 'resolved', label: t('reports.col.resolved') },
          ]}
          rows={ind.trend.map((m) => ({
            label: text.month(m.month),
            values: { opened: m.opened, resolved: m.resolved },
          }))}
        />
        <ColumnChart
          id="chart-reached-trend"
          title={t('reports.chart.reachedTrend')}
          categoryHeader={t('reports.col.month')}
          series={[
            { key: 'childrenMet', label: t('reports.col.childrenMet') },
            { key: 'reached', label: t('reports.col.reached') },
          ]}
          rows={ind.trend.map((m) => ({
            label: text.month(m.month),
            values: { childrenMet: m.childrenMet, reached: m.reached },
          }))}
        />
        <ReportTableView table={tables.trend} captionHidden />
      </section>

      <section className="panel report-section" aria-labelledby="h-outcomes">
        <h2 id="h-outcomes">{tables.outcomes.title}</h2>
        <BarChart
          id="chart-outcomes"
          title={t('reports.chart.outcomes')}
          valueHeader={t('reports.col.cases')}
          data={ind.outcomes.map((o) => ({ label: tk(`cases.outcome.${o.outcome}`), value: o.count }))}
        />
        <p>
          {t('reports.ind.medianDays')}: <strong>{ind.medianDaysToResolve ?? t('reports.none')}</strong>
        </p>
        <ReportTableView table={tables.outcomes} captionHidden />
      </section>

      <section className="panel report-section" aria-labelledby="h-open-days">
        <h2 id="h-open-days">{tables.openDays.title}</h2>
        <BarChart
          id="chart-open-days"
          title={t('reports.chart.openDays')}
          data={tables.openDays.rows.map(([label, value]) => ({ label: String(label), value: numeric(value) }))}
        />
        <ReportTableView table={tables.openDays} captionHidden />
      </section>

      <section className="panel report-section" aria-labelledby="h-learning">
        <h2 id="h-learning">{tables.learning.title}</h2>
        <BarChart
          id="chart-learning"
          title={t('reports.chart.learning')}
          data={tables.learning.rows.map(([label, value]) => ({ label: String(label), value: numeric(value) }))}
        />
        <ReportTableView table={tables.learning} captionHidden />
      </section>

      <section className="panel report-section" aria-labelledby="h-districts">
        <h2 id="h-districts">{tables.districts.title}</h2>
        <BarChart
          id="chart-districts"
          title={t('reports.chart.districts')}
          valueHeader={t('reports.col.reached')}
          data={ind.districts.map((d) => ({
            label: text.districtName(d.districtCode),
            value: numeric(d.reached),
            display: typeof d.reached === 'string' ? d.reached : undefined,
          }))}
        />
        <ReportTableView table={tables.districts} captionHidden />
      </section>

      <section className="panel report-section" aria-labelledby="h-cells">
        <h2 id="h-cells">{tables.cells.title}</h2>
        <p className="muted">{t('reports.smallNumbers')}</p>
        <ReportTableView table={tables.cells} captionHidden />
      </section>

      {ind.followThrough ? <FollowThroughSection figures={ind.followThrough} tables={tables} /> : null}
    </section>
  )
}
