import { sql } from 'drizzle-orm'

import { db, queryRows } from '../../../db/client.server'
import type { IndicatorPeriod, IndicatorScope } from '../indicators/scope'

/**
 * Training aggregates for the indicators; a district scope means learners of institutions in that district, a team
 * scope its members.
 */

const learnersInDistrict = (districtCode: string) => sql`AND en.user_id IN (
  SELECT u.id FROM users u JOIN institutions i ON i.id = u.institution_id WHERE i.district_code = ${districtCode})`
const inScope = (scope: IndicatorScope) => sql`
  ${scope.districtCode ? learnersInDistrict(scope.districtCode) : sql``}
  ${scope.teamId ? sql`AND en.user_id IN (SELECT tm.id FROM users tm WHERE tm.team_id = ${scope.teamId})` : sql``}`

/**
 * In one statement: colleagues who took part in training in the period (enrolled, or completed a course,
 * within it) as participant keys, and the courses completed in it (each completion once) by how many people.
 */
export async function trainingFigures(period: IndicatorPeriod, scope: IndicatorScope) {
  const from = period.from.toISOString()
  const to = period.to.toISOString()
  const rows = await queryRows<{ key: string; completions: number }>(
    db,
    sql`SELECT 'u:' || en.user_id::text AS key,
               (count(*) FILTER (WHERE en.completed_at >= ${from} AND en.completed_at < ${to}))::int AS completions
        FROM enrolments en
        WHERE ((en.enrolled_at >= ${from} AND en.enrolled_at < ${to})
            OR (en.completed_at >= ${from} AND en.completed_at < ${to})) ${inScope(scope)}
        GROUP BY en.user_id`,
  )
  return {
    participantKeys: rows.map((r) => r.key),
    courses: {
      completions: rows.reduce((a, r) => a + Number(r.completions), 0),
      learners: rows.filter((r) => Number(r.completions) > 0).length,
    },
  }
}
