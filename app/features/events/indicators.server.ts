import { sql } from 'drizzle-orm'

import { db, queryRows } from '../../../db/client.server'
import { inPeriod } from '../indicators/period.server'
import type { IndicatorPeriod, IndicatorScope } from '../indicators/scope'

/** Event aggregates for the indicators, by the date of the session (SQL only). */

const district = (scope: IndicatorScope) =>
  scope.districtCode ? sql`AND e.district_code = ${scope.districtCode}` : sql``

/** Open days in the period: sessions held, seats registered (confirmed) and seats that came (checked in). */
export async function openDayFigures(period: IndicatorPeriod, scope: IndicatorScope) {
  const [row] = await queryRows<{ sessions: number; registered: number; attended: number }>(
    db,
    sql`SELECT count(DISTINCT s.id)::int AS sessions,
               coalesce(sum(r.seats) FILTER (WHERE r.status = 'confirmed'), 0)::int AS registered,
               coalesce(sum(r.seats) FILTER (WHERE r.status = 'confirmed' AND r.checked_in_at IS NOT NULL), 0)::int
                 AS attended
        FROM event_sessions s
        JOIN events e ON e.id = s.event_id
        LEFT JOIN event_registrations r ON r.session_id = s.id
        WHERE e.kind = 'open_day' AND e.status = 'published'
          AND ${inPeriod('s.starts_at', period)} ${district(scope)}`,
  )
  return {
    sessions: Number(row?.sessions ?? 0),
    registered: Number(row?.registered ?? 0),
    attended: Number(row?.attended ?? 0),
  }
}

/**
 * Who took part in trainings, forum meetings and other events for professionals in the period (checked
 * in): a colleague's account id when the e-mail is theirs, otherwise the registration. Open days are
 * for families and are counted on their own.
 */
export async function eventParticipantKeys(period: IndicatorPeriod, scope: IndicatorScope): Promise<string[]> {
  const rows = await queryRows<{ key: string }>(
    db,
    sql`SELECT DISTINCT coalesce('u:' || u.id::text, 'r:' || r.id::text) AS key
        FROM event_registrations r
        JOIN event_sessions s ON s.id = r.session_id
        JOIN events e ON e.id = r.event_id
        LEFT JOIN users u ON r.email IS NOT NULL AND lower(u.email) = lower(r.email)
        WHERE e.kind <> 'open_day' AND r.status = 'confirmed' AND r.checked_in_at IS NOT NULL
          AND ${inPeriod('s.starts_at', period)} ${district(scope)}`,
  )
  return rows.map((r) => r.key)
}
