import { sql } from 'drizzle-orm'

import { db, queryRows } from '../../../db/client.server'
import { inPeriod } from '../indicators/period.server'
import type { IndicatorPeriod, IndicatorScope } from '../indicators/scope'

/** Training aggregates for the indicators; a district scope means learners of institutions in that district. */

const district = (scope: IndicatorScope) =>
  scope.districtCode
    ? sql`AND en.user_id IN (SELECT u.id FROM users u JOIN institutions i ON i.id = u.institution_id
          WHERE i.district_code = ${scope.districtCode})`
    : sql``

/** Courses completed in the period (each completion once) and by how many people. */
export async function coursesCompleted(period: IndicatorPeriod, scope: IndicatorScope) {
  const [row] = await queryRows<{ completions: number; learners: number }>(
    db,
    sql`SELECT count(*)::int AS completions, count(DISTINCT en.user_id)::int AS learners FROM enrolments en
        WHERE ${inPeriod('en.completed_at', period)} ${district(scope)}`,
  )
  return { completions: Number(row?.completions ?? 0), learners: Number(row?.learners ?? 0) }
}

/** Colleagues who took part in training in the period: enrolled, or active in a course, within it. */
export async function trainingParticipantKeys(period: IndicatorPeriod, scope: IndicatorScope): Promise<string[]> {
  const rows = await queryRows<{ key: string }>(
    db,
    sql`SELECT DISTINCT 'u:' || en.user_id::text AS key FROM enrolments en
        WHERE ((${inPeriod('en.enrolled_at', period)})
            OR (${inPeriod('en.completed_at', period)})) ${district(scope)}`,
  )
  return rows.map((r) => r.key)
}
