import { sql } from 'drizzle-orm'

import { db, queryRows } from '../../../db/client.server'
import type { IndicatorPeriod, IndicatorScope } from '../indicators/scope'
import { roundCoversCase } from '../teams/indicators.server'

/**
 * Case aggregates for the indicators, in one statement: the cases in scope are read once, their latest
 * resolution in the period once, and every breakdown (outcomes, median, months, districts, cells) is a
 * GROUP BY over those two sets. One statement, not six: PGlite runs statements one after another.
 */

const inScope = (scope: IndicatorScope) => sql`
  ${scope.districtCode ? sql`AND c.district_code = ${scope.districtCode}` : sql``}
  ${scope.teamId ? sql`AND c.id IN (SELECT ct.case_id FROM case_teams ct WHERE ct.team_id = ${scope.teamId})` : sql``}`

type Row = {
  kind: 'opened_month' | 'opened_district' | 'median' | 'outcome' | 'resolved_month' | 'resolved_district' | 'cell'
  month: string | null
  district_code: string | null
  age_band: string | null
  outcome: string | null
  n: number
  /** Opened: cases not covered by a field round (children reached); resolved by district: back in school. */
  m: number
  days: number | string | null
}

export interface CaseFigures {
  opened: number
  /** Cases opened in the period that no field round of their teams already counted (see roundCoversCase). */
  openedNotInRounds: number
  resolved: number
  medianDays: number | null
  byOutcome: Record<string, number>
  trend: { month: string; opened: number; openedNotInRounds: number; resolved: number }[]
  districts: {
    districtCode: string | null
    opened: number
    openedNotInRounds: number
    resolved: number
    back: number
  }[]
  cells: { districtCode: string | null; ageBand: string; outcome: string; count: number }[]
}

const BACK_IN_SCHOOL = sql`('enrolled_first_time', 'returned_to_school')`

/**
 * Every case figure for a period and scope. A case is opened in the period by its creation; resolved by
 * its latest resolution inside the period (a case resolved, reopened and resolved again counts once,
 * with its last outcome).
 */
export async function caseFigures(period: IndicatorPeriod, scope: IndicatorScope): Promise<CaseFigures> {
  const from = period.from.toISOString()
  const to = period.to.toISOString()
  const rows = await queryRows<Row>(
    db,
    sql`WITH opened AS MATERIALIZED (
          SELECT to_char(c.created_at AT TIME ZONE 'Europe/Sofia', 'YYYY-MM') AS month, c.district_code,
                 CASE WHEN ${roundCoversCase(sql`c`)} THEN 0 ELSE 1 END AS reached
          FROM case_threads c
          WHERE c.created_at >= ${from} AND c.created_at < ${to} ${inScope(scope)}
        ), resolved AS MATERIALIZED (
          SELECT DISTINCT ON (s.case_id) s.outcome, s.at, c.created_at, c.district_code, c.age_band,
                 to_char(s.at AT TIME ZONE 'Europe/Sofia', 'YYYY-MM') AS month
          FROM case_status_changes s
          JOIN case_threads c ON c.id = s.case_id
          WHERE s.to_status = 'resolved' AND s.outcome IS NOT NULL
            AND s.at >= ${from} AND s.at < ${to} ${inScope(scope)}
          ORDER BY s.case_id, s.at DESC
        )
        SELECT 'opened_month' AS kind, month, NULL AS district_code, NULL AS age_band, NULL AS outcome,
               count(*)::int AS n, sum(reached)::int AS m, NULL::float8 AS days
          FROM opened GROUP BY month
        UNION ALL
        SELECT 'opened_district', NULL, district_code, NULL, NULL, count(*)::int, sum(reached)::int, NULL
          FROM opened GROUP BY district_code
        UNION ALL
        SELECT 'median', NULL, NULL, NULL, NULL, count(*)::int, 0,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM at - created_at) / 86400.0)
          FROM resolved
        UNION ALL
        SELECT 'outcome', NULL, NULL, NULL, outcome, count(*)::int, 0, NULL FROM resolved GROUP BY outcome
        UNION ALL
        SELECT 'resolved_month', month, NULL, NULL, NULL, count(*)::int, 0, NULL FROM resolved GROUP BY month
        UNION ALL
        SELECT 'resolved_district', NULL, district_code, NULL, NULL, count(*)::int,
               (count(*) FILTER (WHERE outcome IN ${BACK_IN_SCHOOL}))::int, NULL
          FROM resolved GROUP BY district_code
        UNION ALL
        SELECT 'cell', NULL, district_code, age_band, outcome, count(*)::int, 0, NULL
          FROM resolved GROUP BY district_code, age_band, outcome`,
  )
  return foldCaseRows(rows)
}

function foldCaseRows(rows: Row[]): CaseFigures {
  const of = (kind: Row['kind']) => rows.filter((r) => r.kind === kind)
  const months = new Map<string, CaseFigures['trend'][number]>()
  const month = (key: string) => {
    if (!months.has(key)) months.set(key, { month: key, opened: 0, openedNotInRounds: 0, resolved: 0 })
    return months.get(key)!
  }
  for (const r of of('opened_month'))
    Object.assign(month(r.month!), { opened: Number(r.n), openedNotInRounds: Number(r.m) })
  for (const r of of('resolved_month')) month(r.month!).resolved = Number(r.n)
  const districts = new Map<string | null, CaseFigures['districts'][number]>()
  const district = (code: string | null) => {
    if (!districts.has(code))
      districts.set(code, { districtCode: code, opened: 0, openedNotInRounds: 0, resolved: 0, back: 0 })
    return districts.get(code)!
  }
  for (const r of of('opened_district'))
    Object.assign(district(r.district_code), { opened: Number(r.n), openedNotInRounds: Number(r.m) })
  for (const r of of('resolved_district'))
    Object.assign(district(r.district_code), { resolved: Number(r.n), back: Number(r.m) })
  const median = of('median')[0]
  const opened = of('opened_month')
  return {
    opened: opened.reduce((a, r) => a + Number(r.n), 0),
    openedNotInRounds: opened.reduce((a, r) => a + Number(r.m), 0),
    resolved: Number(median?.n ?? 0),
    medianDays: median?.days === null || median?.days === undefined ? null : Math.round(Number(median.days) * 10) / 10,
    byOutcome: Object.fromEntries(of('outcome').map((r) => [r.outcome, Number(r.n)])),
    trend: [...months.values()].sort((a, b) => a.month.localeCompare(b.month)),
    districts: [...districts.values()].sort((a, b) =>
      a.districtCode === null ? 1 : b.districtCode === null ? -1 : a.districtCode.localeCompare(b.districtCode),
    ),
    cells: of('cell')
      .map((r) => ({ districtCode: r.district_code, ageBand: r.age_band!, outcome: r.outcome!, count: Number(r.n) }))
      .sort(
        (a, b) =>
          (a.districtCode ?? '\uffff').localeCompare(b.districtCode ?? '\uffff') ||
          a.ageBand.localeCompare(b.ageBand) ||
          a.outcome.localeCompare(b.outcome),
      ),
  }
}
