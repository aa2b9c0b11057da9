import type { MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'

import { TargetChart } from '~/components/charts'
import { FilterBar, FilterSelect } from '~/components/filters'
import { useT } from '~/features/i18n/useT'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { reportIndicators } from '~/features/indicators/indicators.server'
import { periodFromQuery } from '~/features/indicators/period'
import { districtOptions } from '~/features/platform/districts'
import { pageTitle } from '~/features/platform/meta'
import { FollowThroughSection } from '~/features/reports/FollowThroughSection'
import { ReportSection, TrendChart } from '~/features/reports/ReportSection'
import { reportHeading, reportTables, reportText, type ReportTable } from '~/features/reports/tables'
import { teamScopeFromQuery } from '~/features/teams/indicators.server'
import { teamOptions } from '~/features/teams/teams.server'

export const meta: MetaFunction = (args) => pageTitle(args, 'reports.title')

export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user, request }) => {
    const url = new URL(request.url)
    const { period, scope } = periodFromQuery(url)
    const indicators = await reportIndicators(user, period, { ...scope, ...(await teamScopeFromQuery(url)) })
    return { indicators, teams: (await teamOptions()).map((t) => ({ slug: t.slug, name: t.name })) }
  })

export default function Reports() {
  const { indicators: ind, teams } = useLoaderData<typeof loader>()
  const { t, locale } = useT()
  const text = reportText(locale)
  const tables = Object.fromEntries(reportTables(ind, text).map((table) => [table.id, table])) as Record<
    ReportTable['id'],
    ReportTable
  >
  const query = new URLSearchParams({ from: ind.period.from, to: ind.period.to })
  if (ind.scope.districtCode) query.set('district', ind.scope.districtCode)
  if (ind.scope.team) query.set('team', ind.scope.team.slug)
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

      <ReportSection table={tables.summary}>
        <div className="chart-grid">
          {(
            [
              ['chart-children', 'reports.chart.children', 'childrenReached'],
              ['chart-participants', 'reports.chart.participants', 'participants'],
            ] as const
          ).map(([id, title, figure]) => (
            <TargetChart
              key={id}
              id={id}
              title={t(title)}
              value={ind[figure].value}
              target={ind[figure].target}
              valueLabel={t(`reports.ind.${figure}`)}
              targetLabel={t('reports.col.target')}
            />
          ))}
        </div>
        <p className="muted">{t('reports.ind.childrenReached.source')}</p>
      </ReportSection>

      <ReportSection table={tables.trend}>
        <TrendChart
          id="chart-trend"
          title={t('reports.chart.trend')}
          trend={ind.trend}
          figures={['opened', 'resolved']}
        />
        <TrendChart
          id="chart-reached-trend"
          title={t('reports.chart.reachedTrend')}
          trend={ind.trend}
          figures={['childrenMet', 'reached']}
        />
      </ReportSection>

      <ReportSection table={tables.outcomes} bars={t('reports.chart.outcomes')} barsValueHeader>
        <p>
          {t('reports.ind.medianDays')}: <strong>{ind.medianDaysToResolve ?? t('reports.none')}</strong>
        </p>
      </ReportSection>
      <ReportSection table={tables.openDays} bars={t('reports.chart.openDays')} />
      <ReportSection table={tables.learning} bars={t('reports.chart.learning')} />
      <ReportSection table={tables.districts} bars={t('reports.chart.districts')} barsValueHeader />
      <ReportSection table={tables.cells}>
        <p className="muted">{t('reports.smallNumbers')}</p>
      </ReportSection>

      {ind.followThrough ? <FollowThroughSection figures={ind.followThrough} tables={tables} /> : null}
    </section>
  )
}
