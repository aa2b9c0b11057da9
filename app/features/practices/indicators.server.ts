import { sql } from 'drizzle-orm'

import { db, queryRows } from '../../../db/client.server'
import { inPeriod } from '../indicators/period.server'
import type { IndicatorPeriod, IndicatorScope } from '../indicators/scope'

/** A district scope: practices for that district; a team scope: practices its members wrote. */
const district = (scope: IndicatorScope) => sql`
  ${scope.districtCode ? sql`AND ${scope.districtCode} = ANY(p.districts)` : sql``}
  ${scope.teamId ? sql`AND p.author_id IN (SELECT tm.id FROM users tm WHERE tm.team_id = ${scope.teamId})` : sql``}`

/** Practices published in the period, and "useful" marks given in it (to any published practice in scope). */
export async function practiceFigures(period: IndicatorPeriod, scope: IndicatorScope) {
  const [row] = await queryRows<{ published: number; useful: number }>(
    db,
    sql`SELECT
          (SELECT count(*)::int FROM practices p
           WHERE ${inPeriod('p.published_at', period)}
             AND p.status IN ('published', 'archived') ${district(scope)}) AS published,
          (SELECT count(*)::int FROM practice_useful_marks m JOIN practices p ON p.id = m.practice_id
           WHERE ${inPeriod('m.created_at', period)} ${district(scope)}) AS useful`,
  )
  return { published: Number(row?.published ?? 0), usefulMarks: Number(row?.useful ?? 0) }
}
