import { sql } from 'drizzle-orm'

import { db, queryRows } from '../../../db/client.server'
import type { IndicatorPeriod, IndicatorScope } from '../indicators/scope'

const inDistrict = (districtCode: string) =>
  sql`AND r.case_id IN (SELECT c.id FROM case_threads c WHERE c.district_code = ${districtCode})`
const ofTeam = (teamId: string) =>
  sql`AND r.case_id IN (SELECT ct.case_id FROM case_teams ct WHERE ct.team_id = ${teamId})`
const district = (scope: IndicatorScope) => sql`
  ${scope.districtCode ? inDistrict(scope.districtCode) : sql``}
  ${scope.teamId ? ofTeam(scope.teamId) : sql``}`

/**
 * Case conferences held in the period: rooms where someone wrote, dated by their scheduled time (or
 * their creation when unscheduled). A district scope counts the rooms of that district's cases, a team scope those
 * of its cases.
 */
export async function conferencesHeld(period: IndicatorPeriod, scope: IndicatorScope): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM chat_rooms r
        WHERE r.last_seq > 0 AND coalesce(r.scheduled_at, r.created_at) >= ${period.from.toISOString()}
          AND coalesce(r.scheduled_at, r.created_at) < ${period.to.toISOString()} ${district(scope)}`,
  )
  return Number(row?.n ?? 0)
}
