import { inArray, sql } from 'drizzle-orm'

import { db, queryRows } from '../../../db/client.server'
import { caseActions } from '../../../db/schema'
import { notify } from '../notifications/inbox.server'
import { actionUrl, displayDate, institutionStaffIds, sofiaToday } from './actions.server'

interface DueAction {
  id: string
  code: string
  owner_user_id: string | null
  owner_institution_id: string | null
  due_date: string
  reminder: 'dueSoon' | 'overdue'
}

/**
 * The day before an open action is due its owner is reminded, and once more when it is overdue (bell and
 * e-mail). Actions are claimed with FOR UPDATE SKIP LOCKED and marked reminded in the same transaction as the
 * notification, so two processes running this job never remind twice.
 */
export async function sendActionReminders(now = new Date(), batchSize = 200) {
  const today = sofiaToday(now)
  const tomorrow = sofiaToday(new Date(now.getTime() + 86400_000))
  return db.transaction(async (tx) => {
    const due = await queryRows<DueAction>(
      tx,
      sql`SELECT a.id, c.code, a.owner_user_id, a.owner_institution_id, a.due_date::text AS due_date,
                 CASE WHEN a.due_date < ${today}::date THEN 'overdue' ELSE 'dueSoon' END AS reminder
          FROM case_actions a JOIN case_threads c ON c.id = a.case_id
          WHERE a.status = 'open'
            AND ((a.due_date = ${tomorrow}::date AND a.due_reminder_sent_at IS NULL)
              OR (a.due_date < ${today}::date AND a.overdue_reminder_sent_at IS NULL))
          ORDER BY a.due_date
          LIMIT ${batchSize}
          FOR UPDATE OF a SKIP LOCKED`,
    )
    for (const action of due) {
      await notify(tx, {
        userIds: action.owner_user_id
          ? [action.owner_user_id]
          : await institutionStaffIds(tx, action.owner_institution_id ? [action.owner_institution_id] : []),
        kind: `action.${action.reminder}`,
        messageKey: `actions.notify.${action.reminder}`,
        params: { code: action.code, due: displayDate(action.due_date) },
        url: actionUrl(action.code, action.id),
      })
    }
    const reminded = (kind: DueAction['reminder']) => due.filter((d) => d.reminder === kind).map((d) => d.id)
    if (reminded('dueSoon').length)
      await tx
        .update(caseActions)
        .set({ dueReminderSentAt: now })
        .where(inArray(caseActions.id, reminded('dueSoon')))
    if (reminded('overdue').length)
      await tx
        .update(caseActions)
        .set({ overdueReminderSentAt: now })
        .where(inArray(caseActions.id, reminded('overdue')))
    return { reminded: due.length }
  })
}
