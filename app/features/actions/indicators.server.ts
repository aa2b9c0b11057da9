import { sql } from 'drizzle-orm'

import { db, queryRows } from '../../../db/client.server'
import { requirePermission, type Actor } from '../identity/permissions'
import { sofiaToday } from './actions.server'

export interface ActionIndicators {
  /** Finished tasks, and how many were done by their due date (a Sofia day). */
  done: number
  doneOnTime: number
  /** Open actions past their due date, by the institution that owns them (a person's own institution). */
  overdueByInstitution: { institutionId: string; name: string; overdue: number }[]
  /**
   * Per check month, the returns to school that have a check then: still in school (answered attending or
   * irregular), left (answered "left again" at that check or an earlier one), and the rest not known yet.
   */
  retention: { months: number; returns: number; inSchool: number; left: number }[]
}

/** The follow-through indicators for coordinators, as SQL aggregates over every case. */
export async function actionIndicators(actor: Actor, now = new Date()): Promise<ActionIndicators> {
  requirePermission(actor, 'case-action:indicators')
  const today = sofiaToday(now)
  const [done] = await queryRows<{ done: number; on_time: number }>(
    db,
    sql`SELECT count(*)::int AS done,
               (count(*) FILTER (WHERE (completed_at AT TIME ZONE 'Europe/Sofia')::date <= due_date))::int AS on_time
        FROM case_actions WHERE kind = 'task' AND status = 'done'`,
  )
  const overdue = await queryRows<{ institution_id: string; name: string; overdue: number }>(
    db,
    sql`SELECT i.id AS institution_id, i.name, count(*)::int AS overdue
        FROM case_actions a
        LEFT JOIN users u ON u.id = a.owner_user_id
        JOIN institutions i ON i.id = coalesce(a.owner_institution_id, u.institution_id)
        WHERE a.status = 'open' AND a.due_date < ${today}::date
        GROUP BY i.id, i.name
        ORDER BY overdue DESC, i.name`,
  )
  const retention = await queryRows<{ months: number; returns: number; in_school: number; left_school: number }>(
    db,
    sql`WITH checks AS (SELECT * FROM case_actions WHERE kind = 'retention_check'),
        points AS (SELECT DISTINCT case_id, returned_on, retention_months AS months FROM checks)
        SELECT p.months,
               count(*)::int AS returns,
               (count(*) FILTER (WHERE EXISTS (
                 SELECT 1 FROM checks c WHERE c.case_id = p.case_id AND c.returned_on = p.returned_on
                   AND c.retention_months = p.months AND c.answer IN ('attending', 'irregular'))))::int AS in_school,
               (count(*) FILTER (WHERE EXISTS (
                 SELECT 1 FROM checks c WHERE c.case_id = p.case_id AND c.returned_on = p.returned_on
                   AND c.retention_months <= p.months AND c.answer = 'left_again')))::int AS left_school
        FROM points p
        GROUP BY p.months
        ORDER BY p.months`,
  )
  return {
    done: Number(done?.done ?? 0),
    doneOnTime: Number(done?.on_time ?? 0),
    overdueByInstitution: overdue.map((r) => ({
      institutionId: r.institution_id,
      name: r.name,
      overdue: Number(r.overdue),
    })),
    retention: retention.map((r) => ({
      months: Number(r.months),
      returns: Number(r.returns),
      inSchool: Number(r.in_school),
      left: Number(r.left_school),
    })),
  }
}
