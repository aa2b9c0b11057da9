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
  const inDistrict = scope?.districtCode
    ? sql`AND case_id IN (SELECT id FROM case_threads WHERE district_code = ${scope.districtCode})`
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
    sql`WITH scoped AS (SELECT * FROM case_actions WHERE true ${inDistrict}),
        checks AS (SELECT * FROM scoped WHERE kind = 'retention_check' ${returnedIn}),
        points AS (SELECT case_id, returned_on, retention_months AS months,
                          bool_or(answer IN ('attending', 'irregular')) AS in_school
                   FROM checks GROUP BY case_id, returned_on, retention_months),
        lefts AS (SELECT case_id, returned_on, min(retention_months) AS left_at
                  FROM checks WHERE answer = 'left_again' GROUP BY case_id, returned_on)
        SELECT 'done' AS part, NULL AS id, NULL AS name, count(*)::int AS a,
               (count(*) FILTER (WHERE (completed_at AT TIME ZONE 'Europe/Sofia')::date <= due_date))::int AS b,
               0 AS c, 0 AS d
        FROM scoped WHERE kind = 'task' AND status = 'done' ${completedIn}
        UNION ALL
        SELECT 'overdue', i.id::text, i.name, count(*)::int, 0, 0, 0
        FROM scoped a
        LEFT JOIN users u ON u.id = a.owner_user_id
        JOIN institutions i ON i.id = coalesce(a.owner_institution_id, u.institution_id)
        WHERE a.status = 'open' AND a.due_date < ${today}::date ${dueIn}
        GROUP BY i.id, i.name
        UNION ALL
        SELECT 'retention', NULL, NULL, p.months, count(*)::int,
               (count(*) FILTER (WHERE p.in_school))::int, (count(*) FILTER (WHERE l.left_at <= p.months))::int
        FROM points p LEFT JOIN lefts l ON l.case_id = p.case_id AND l.returned_on = p.returned_on
        GROUP BY p.months`,
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
