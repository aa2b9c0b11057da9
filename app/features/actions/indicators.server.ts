import { sql } from 'drizzle-orm'

import { db, queryRows } from '../../../db/client.server'
import { requirePermission, type Actor } from '../identity/permissions'
import type { IndicatorPeriod, IndicatorScope } from '../indicators/scope'
import { sofiaDateInput } from '../platform/sofia-time'
import { sofiaToday } from './actions.server'
import type { ActionIndicators } from './indicators'

export type { ActionIndicators } from './indicators'

/**
 * What the figures are computed over. No period: every action (My actions). A period (the report's):
 * tasks finished in it, open actions due in it and already overdue, returns to school in it.
 */
export interface FollowThroughWindow {
  period?: IndicatorPeriod
  scope?: IndicatorScope
}

/**
 * The follow-through figures as SQL aggregates, folded into one query (one round trip): done on time,
 * overdue per institution and retention per check month, tagged by `part`.
 */
export async function followThroughFigures(
  window: FollowThroughWindow = {},
  now = new Date(),
): Promise<ActionIndicators> {
  const today = sofiaToday(now)
  const { period, scope } = window
  const days = period ? { from: sofiaDateInput(period.from), to: sofiaDateInput(period.to) } : null
  // A team scope, when IndicatorScope gets one, filters here the way the district does.
  const inDistrict = scope?.districtCode
    ? sql`AND a.case_id IN (SELECT id FROM case_threads WHERE district_code = ${scope.districtCode})`
    : sql``
  const completedIn = period
    ? sql`AND completed_at >= ${period.from.toISOString()} AND completed_at < ${period.to.toISOString()}`
    : sql``
  const dueIn = days ? sql`AND a.due_date >= ${days.from}::date AND a.due_date < ${days.to}::date` : sql``
  const returnedIn = days ? sql`AND returned_on >= ${days.from}::date AND returned_on < ${days.to}::date` : sql``
  const rows = await queryRows<{
    part: 'done' | 'overdue' | 'retention'
    id: string | null
    name: string | null
    a: number
    b: number
    c: number
    d: number
  }>(
    db,
    sql`SELECT 'done' AS part, NULL AS id, NULL AS name, count(*)::int AS a,
               (count(*) FILTER (WHERE (completed_at AT TIME ZONE 'Europe/Sofia')::date <= due_date))::int AS b,
               0 AS c, 0 AS d
        FROM case_actions a WHERE kind = 'task' AND status = 'done' ${inDistrict} ${completedIn}
        UNION ALL
        SELECT 'overdue', i.id::text, i.name, count(*)::int, 0, 0, 0
        FROM case_actions a
        LEFT JOIN users u ON u.id = a.owner_user_id
        JOIN institutions i ON i.id = coalesce(a.owner_institution_id, u.institution_id)
        WHERE a.status = 'open' AND a.due_date < ${today}::date ${inDistrict} ${dueIn}
        GROUP BY i.id, i.name
        UNION ALL
        SELECT 'retention', NULL, NULL, months, count(*)::int,
               (count(*) FILTER (WHERE in_school))::int, (count(*) FILTER (WHERE left_at <= months))::int
        FROM (
          -- One row per return and check month; left_at: the first check of that return answered "left again".
          SELECT retention_months AS months, bool_or(answer IN ('attending', 'irregular')) AS in_school,
                 min(min(retention_months) FILTER (WHERE answer = 'left_again'))
                   OVER (PARTITION BY case_id, returned_on) AS left_at
          FROM case_actions a
          WHERE kind = 'retention_check' ${inDistrict} ${returnedIn}
          GROUP BY case_id, returned_on, retention_months
        ) points
        GROUP BY months`,
  )
  const done = rows.find((r) => r.part === 'done')
  return {
    done: Number(done?.a ?? 0),
    doneOnTime: Number(done?.b ?? 0),
    overdueByInstitution: rows
      .filter((r) => r.part === 'overdue')
      .map((r) => ({ institutionId: r.id ?? '', name: r.name ?? '', overdue: Number(r.a) }))
      .sort((x, y) => y.overdue - x.overdue || x.name.localeCompare(y.name, 'bg')),
    retention: rows
      .filter((r) => r.part === 'retention')
      .map((r) => ({ months: Number(r.a), returns: Number(r.b), inSchool: Number(r.c), left: Number(r.d) }))
      .sort((x, y) => x.months - y.months),
  }
}

/** The follow-through indicators for coordinators on My actions: every case, all time. */
export async function actionIndicators(actor: Actor, now = new Date()): Promise<ActionIndicators> {
  requirePermission(actor, 'case-action:indicators')
  return followThroughFigures({}, now)
}
