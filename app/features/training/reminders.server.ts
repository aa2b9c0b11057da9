import { sql } from 'drizzle-orm'

import { db, queryRows } from '../../../db/client.server'
import { notify } from '../notifications/inbox.server'
import { sofiaDateInput } from '../platform/sofia-time'
import { loadVersions } from './versions.server'

const REMIND_DAYS_BEFORE = 3

interface DueRow {
  id: string
  user_id: string
  course_id: string
  version_number: number
  due_at: string | Date
}

/**
 * Reminds learners whose assigned course is due within three days (bell and e-mail), once per due
 * date. Rows are claimed with FOR UPDATE SKIP LOCKED, so several processes never remind twice.
 */
export async function sendCourseDueReminders() {
  return db.transaction(async (tx) => {
    const due = await queryRows<DueRow>(
      tx,
      sql`SELECT e.id, e.user_id, e.course_id, e.version_number, e.due_at
          FROM enrolments e
          WHERE e.completed_at IS NULL AND e.due_at IS NOT NULL
            AND e.due_at > now() AND e.due_at <= now() + make_interval(days => ${REMIND_DAYS_BEFORE})
            AND NOT EXISTS (
              SELECT 1 FROM notifications n
              WHERE n.user_id = e.user_id AND n.kind = 'course.dueSoon'
                AND n.url = '/training/courses/' || e.course_id::text
                AND n.created_at > e.due_at - make_interval(days => ${REMIND_DAYS_BEFORE * 2}))
          ORDER BY e.due_at
          LIMIT 200
          FOR UPDATE OF e SKIP LOCKED`,
    )
    if (due.length === 0) return { reminded: 0 }
    const versions = await loadVersions(
      tx,
      due.map((d) => ({ courseId: d.course_id, number: d.version_number })),
    )
    for (const d of due) {
      await notify(tx, {
        userIds: [d.user_id],
        kind: 'course.dueSoon',
        messageKey: 'training.notify.dueSoon',
        params: {
          course: versions.get(`${d.course_id}:${d.version_number}`)?.title ?? '',
          due: sofiaDateInput(d.due_at).split('-').reverse().join('.'),
        },
        url: `/training/courses/${d.course_id}`,
      })
    }
    return { reminded: due.length }
  })
}
