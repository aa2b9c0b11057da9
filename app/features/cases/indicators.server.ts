import { sql } from 'drizzle-orm'

import { db, queryRows } from '../../../db/client.server'
import { inPeriod } from '../indicators/period.server'
import type { IndicatorPeriod, IndicatorScope } from '../indicators/scope'

/** Case aggregates for the indicators (SQL only; every function takes the period and the scope). */

const district = (scope: IndicatorScope) =>
  scope.districtCode ? sql`AND c.district_code = ${scope.districtCode}` : sql``

/**
 * The latest resolution of each case inside the period (a case resolved, reopened and resolved again
 * counts once, with its last outcome).
 */
const resolutions = (period: IndicatorPeriod, scope: IndicatorScope) => sql`
  SELECT DISTINCT ON (s.case_id) s.case_id, s.outcome, s.at, c.created_at, c.district_code, c.age_band
  FROM case_status_changes s
  JOIN case_threads c ON c.id = s.case_id
  WHERE s.to_status = 'resolved' AND s.outcome IS NOT NULL
    AND ${inPeriod('s.at', period)} ${district(scope)}
  ORDER BY s.case_id, s.at DESC`

/** Children reached from cases: each anonymised case is one child, counted in the period it was opened. */
export async function casesOpened(period: IndicatorPeriod, scope: IndicatorScope): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM case_threads c
        WHERE ${inPeriod('c.created_at', period)} ${district(scope)}`,
  )
  return Number(row?.n ?? 0)
}

/** Cases resolved in the period by outcome, and the median days from opening to resolution. */
export async function caseOutcomes(period: IndicatorPeriod, scope: IndicatorScope) {
  const [byOutcome, [median]] = await Promise.all([
    queryRows<{ outcome: string; n: number }>(
      db,
      sql`SELECT r.outcome, count(*)::int AS n FROM (${resolutions(period, scope)}) r GROUP BY r.outcome`,
    ),
    queryRows<{ days: number | string | null; n: number }>(
      db,
      sql`SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.at - r.created_at) / 86400.0) AS days,
                 count(*)::int AS n
          FROM (${resolutions(period, scope)}) r`,
    ),
  ])
  return {
    byOutcome: Object.fromEntries(byOutcome.map((r) => [r.outcome, Number(r.n)])) as Record<string, number>,
    resolved: Number(median?.n ?? 0),
    medianDays: median?.days === null || median?.days === undefined ? null : Math.round(Number(median.days) * 10) / 10,
  }
}

/** Cases opened and resolved per month (Sofia time), for the trend chart. */
export async function caseTrend(period: IndicatorPeriod, scope: IndicatorScope) {
  const rows = await queryRows<{ month: string; opened: number; resolved: number }>(
    db,
    sql`SELECT month, sum(opened)::int AS opened, sum(resolved)::int AS resolved FROM (
          SELECT to_char(c.created_at AT TIME ZONE 'Europe/Sofia', 'YYYY-MM') AS month, 1 AS opened, 0 AS resolved
          FROM case_threads c WHERE ${inPeriod('c.created_at', period)} ${district(scope)}
          UNION ALL
          SELECT to_char(r.at AT TIME ZONE 'Europe/Sofia', 'YYYY-MM'), 0, 1 FROM (${resolutions(period, scope)}) r
        ) m GROUP BY month ORDER BY month`,
  )
  return rows.map((r) => ({ month: r.month, opened: Number(r.opened), resolved: Number(r.resolved) }))
}

/** Resolved cases per district × age band × outcome (the cells the small-number rule applies to). */
export async function outcomeCells(period: IndicatorPeriod, scope: IndicatorScope) {
  const rows = await queryRows<{ district_code: string | null; age_band: string; outcome: string; n: number }>(
    db,
    sql`SELECT r.district_code, r.age_band, r.outcome, count(*)::int AS n FROM (${resolutions(period, scope)}) r
        GROUP BY r.district_code, r.age_band, r.outcome ORDER BY r.district_code, r.age_band, r.outcome`,
  )
  return rows.map((r) => ({
    districtCode: r.district_code,
    ageBand: r.age_band,
    outcome: r.outcome,
    count: Number(r.n),
  }))
}

/** Per district: cases opened and resolved in the period, and children back in school (enrolled or returned). */
export async function casesByDistrict(period: IndicatorPeriod, scope: IndicatorScope) {
  const rows = await queryRows<{ district_code: string | null; opened: number; resolved: number; back: number }>(
    db,
    sql`SELECT district_code, sum(opened)::int AS opened, sum(resolved)::int AS resolved, sum(back)::int AS back FROM (
          SELECT c.district_code, 1 AS opened, 0 AS resolved, 0 AS back FROM case_threads c
          WHERE ${inPeriod('c.created_at', period)} ${district(scope)}
          UNION ALL
          SELECT r.district_code, 0, 1,
                 CASE WHEN r.outcome IN ('enrolled_first_time', 'returned_to_school') THEN 1 ELSE 0 END
          FROM (${resolutions(period, scope)}) r
        ) d GROUP BY district_code ORDER BY district_code NULLS LAST`,
  )
  return rows.map((r) => ({
    districtCode: r.district_code,
    opened: Number(r.opened),
    resolved: Number(r.resolved),
    back: Number(r.back),
  }))
}
