import { eq, sql, type SQL } from 'drizzle-orm'

import { db, queryRows, type DbOrTx } from '../../../db/client.server'
import { teams } from '../../../db/schema'
import type { IndicatorPeriod, IndicatorScope } from '../indicators/scope'

/**
 * Field rounds in the indicators (docs/decisions/0011-children-reached-rounds-and-cases.md).
 *
 * A round carries counts only, never a child, so a child met on a round and later written up as a case
 * cannot be matched by name. The rule: children reached = children met on field rounds + the cases
 * opened that no round already counted. A case counts as already met on a round when one of the teams
 * it is assigned to recorded a round in the case's district in the ROUND_COVERS_DAYS days up to the day
 * the case was opened. When in doubt a child is left out rather than counted twice.
 */
export const ROUND_COVERS_DAYS = 30

/** SQL: true when a field round of the case's teams already counted the child of case `alias` (see above). */
export function roundCoversCase(alias: SQL): SQL {
  return sql`EXISTS (
    SELECT 1 FROM case_teams ct JOIN field_rounds fr ON fr.team_id = ct.team_id
    WHERE ct.case_id = ${alias}.id AND ${alias}.district_code = ANY(fr.district_codes)
      AND fr.round_date <= (${alias}.created_at AT TIME ZONE 'Europe/Sofia')::date
      AND fr.round_date >= (${alias}.created_at AT TIME ZONE 'Europe/Sofia')::date - ${ROUND_COVERS_DAYS}::int)`
}

export interface RoundTotals {
  rounds: number
  childrenMet: number
  householdsVisited: number
  childrenOutOfSchool: number
  referred: number
  /** Enrolled or returned to school, as the rounds report. */
  back: number
}

export interface RoundFigures extends RoundTotals {
  /** Colleagues who recorded a round in the period (field work), as participant keys ('u:<id>'). */
  authorKeys: string[]
  byMonth: (RoundTotals & { month: string })[]
  /** A round in several districts counts whole in each of them (so districts may add up to more than the total). */
  byDistrict: (RoundTotals & { districtCode: string })[]
}

type Row = {
  kind: 'total' | 'month' | 'district' | 'author'
  key: string | null
  rounds: number
  met: number
  households: number
  oos: number
  referred: number
  back: number
}

const totals = (r: Row): RoundTotals => ({
  rounds: Number(r.rounds),
  childrenMet: Number(r.met),
  householdsVisited: Number(r.households),
  childrenOutOfSchool: Number(r.oos),
  referred: Number(r.referred),
  back: Number(r.back),
})

const SUMS = sql`count(*)::int AS rounds, coalesce(sum(children_met), 0)::int AS met,
  coalesce(sum(households_visited), 0)::int AS households, coalesce(sum(children_out_of_school), 0)::int AS oos,
  coalesce(sum(referred), 0)::int AS referred, coalesce(sum(enrolled + returned), 0)::int AS back`

/**
 * The rounds of a period and scope, in one statement: totals, per month (by the round's Sofia day), per
 * district, and who recorded them. A district scope takes the rounds that went to that district; a team
 * scope the team's rounds.
 */
export async function roundFigures(
  period: IndicatorPeriod,
  scope: IndicatorScope,
  runner: DbOrTx = db,
): Promise<RoundFigures> {
  const district = scope.districtCode ?? null
  const rows = await queryRows<Row>(
    runner,
    sql`WITH r AS MATERIALIZED (
          SELECT fr.* FROM field_rounds fr
          WHERE fr.round_date >= (${period.from.toISOString()}::timestamptz AT TIME ZONE 'Europe/Sofia')::date
            AND fr.round_date < (${period.to.toISOString()}::timestamptz AT TIME ZONE 'Europe/Sofia')::date
            ${district ? sql`AND ${district} = ANY(fr.district_codes)` : sql``}
            ${scope.teamId ? sql`AND fr.team_id = ${scope.teamId}` : sql``}
        )
        SELECT 'total' AS kind, NULL AS key, ${SUMS} FROM r
        UNION ALL
        SELECT 'month', to_char(round_date, 'YYYY-MM'), ${SUMS} FROM r GROUP BY to_char(round_date, 'YYYY-MM')
        UNION ALL
        SELECT 'district', d, ${SUMS} FROM r CROSS JOIN LATERAL unnest(r.district_codes) d
          ${district ? sql`WHERE d = ${district}` : sql``} GROUP BY d
        UNION ALL
        SELECT 'author', 'u:' || author_id::text, ${SUMS} FROM r GROUP BY author_id`,
  )
  const total = rows.find((r) => r.kind === 'total')
  return {
    ...(total ? totals(total) : totals({ rounds: 0, met: 0, households: 0, oos: 0, referred: 0, back: 0 } as Row)),
    authorKeys: rows.filter((r) => r.kind === 'author').map((r) => r.key!),
    byMonth: rows
      .filter((r) => r.kind === 'month')
      .map((r) => ({ month: r.key!, ...totals(r) }))
      .sort((a, b) => a.month.localeCompare(b.month)),
    byDistrict: rows
      .filter((r) => r.kind === 'district')
      .map((r) => ({ districtCode: r.key!, ...totals(r) }))
      .sort((a, b) => a.districtCode.localeCompare(b.districtCode)),
  }
}

/**
 * The children a team reached, all time (its page and its milestones): met on its rounds, plus its cases
 * that no round of their teams already counted — the same rule as the indicators.
 */
export async function teamChildrenReached(runner: DbOrTx, teamId: string): Promise<{ met: number; cases: number }> {
  const [row] = await queryRows<{ met: number; cases: number }>(
    runner,
    sql`SELECT (SELECT coalesce(sum(children_met), 0)::int FROM field_rounds WHERE team_id = ${teamId}) AS met,
               (SELECT count(*)::int FROM case_threads c JOIN case_teams t ON t.case_id = c.id
                WHERE t.team_id = ${teamId} AND NOT ${roundCoversCase(sql`c`)}) AS cases`,
  )
  return { met: Number(row?.met ?? 0), cases: Number(row?.cases ?? 0) }
}

/** The team scope of a report from the query string (?team=<slug>); an unknown slug means every team. */
export async function teamScopeFromQuery(url: URL): Promise<{ teamId: string | null }> {
  const slug = url.searchParams.get('team')
  if (!slug || slug.length > 200) return { teamId: null }
  const [team] = await db.select({ id: teams.id }).from(teams).where(eq(teams.slug, slug)).limit(1)
  return { teamId: team?.id ?? null }
}
