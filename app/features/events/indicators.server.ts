import { sql } from 'drizzle-orm'

import { db, queryRows } from '../../../db/client.server'
import type { IndicatorPeriod, IndicatorScope } from '../indicators/scope'

/** Event aggregates for the indicators, by the date of the session (SQL only). */

const district = (scope: IndicatorScope) =>
  scope.districtCode ? sql`AND e.district_code = ${scope.districtCode}` : sql``

/** A team's events are the ones its members organised. */
const organisedByTeam = (scope: IndicatorScope) =>
  scope.teamId ? sql`AND e.created_by IN (SELECT tm.id FROM users tm WHERE tm.team_id = ${scope.teamId})` : sql``

/**
 * In one statement:
 * - open days in the period: sessions held, seats registered (confirmed) and seats that came (checked in);
 * - who took part in trainings, forum meetings and other events for professionals in the period (checked
 *   in): a colleague's account id when the e-mail is theirs, otherwise the registration. Open days are for
 *   families and are counted on their own. A team scope counts the team's members who took part.
 */
export async function eventFigures(period: IndicatorPeriod, scope: IndicatorScope) {
  const from = period.from.toISOString()
  const to = period.to.toISOString()
  const rows = await queryRows<{ key: string | null; sessions: number; registered: number; attended: number }>(
    db,
    sql`SELECT NULL AS key, count(DISTINCT s.id)::int AS sessions,
               coalesce(sum(r.seats) FILTER (WHERE r.status = 'confirmed'), 0)::int AS registered,
               coalesce(sum(r.seats) FILTER (WHERE r.status = 'confirmed' AND r.checked_in_at IS NOT NULL), 0)::int
                 AS attended
        FROM event_sessions s
        JOIN events e ON e.id = s.event_id
        LEFT JOIN event_registrations r ON r.session_id = s.id
        WHERE e.kind = 'open_day' AND e.status = 'published'
          AND s.starts_at >= ${from} AND s.starts_at < ${to} ${district(scope)} ${organisedByTeam(scope)}
        UNION ALL
        SELECT DISTINCT coalesce('u:' || u.id::text, 'r:' || r.id::text), 0, 0, 0
        FROM event_registrations r
        JOIN event_sessions s ON s.id = r.session_id
        JOIN events e ON e.id = r.event_id
        LEFT JOIN users u ON r.email IS NOT NULL AND lower(u.email) = lower(r.email)
        WHERE e.kind <> 'open_day' AND r.status = 'confirmed' AND r.checked_in_at IS NOT NULL
          AND s.starts_at >= ${from} AND s.starts_at < ${to} ${district(scope)}
          ${scope.teamId ? sql`AND u.team_id = ${scope.teamId}` : sql``}`,
  )
  const openDay = rows.find((r) => r.key === null)
  return {
    openDays: {
      sessions: Number(openDay?.sessions ?? 0),
      registered: Number(openDay?.registered ?? 0),
      attended: Number(openDay?.attended ?? 0),
    },
    participantKeys: rows.filter((r) => r.key !== null).map((r) => r.key!),
  }
}
