import { sql } from 'drizzle-orm'

import { db, queryRows } from '../../../db/client.server'
import type { CaseStatus } from '../../../db/schema/cases'
import { recordAudit } from '../audit/audit.server'

/**
 * Erases conversations whose retention has run out: `retention_days` after the case was finished
 * (resolved or closed; or, for a stand-alone room, after the room was closed). Rooms stay (title, members) so links
 * keep working; the messages and their earlier versions go. Minutes already posted to the case
 * thread belong to the case and remain. Rooms are claimed with SKIP LOCKED, so several
 * processes may run this job at once.
 */
/** The case statuses that end a case; reopening one (→ in progress) stops the clock. */
const FINISHED = sql.raw((['resolved', 'closed'] satisfies CaseStatus[]).map((s) => `'${s}'`).join(', '))

export async function eraseExpiredConversations(now: Date = new Date()): Promise<{ rooms: number; messages: number }> {
  // An ISO string with a cast: both drivers accept it (postgres.js does not take a Date in raw SQL).
  const at = sql`${now.toISOString()}::timestamptz`
  return db.transaction(async (tx) => {
    // The case's closing time is read in SQL here: the job must not load every case through the cases feature.
    const due = await queryRows<{ id: string }>(
      tx,
      sql`SELECT r.id FROM chat_rooms r
          LEFT JOIN case_threads c ON c.id = r.case_id
          WHERE r.erased_at IS NULL
            AND (
              (r.case_id IS NOT NULL AND c.status IN (${FINISHED})
                AND c.status_changed_at + make_interval(days => r.retention_days) < ${at})
              OR (r.case_id IS NULL AND r.closed_at IS NOT NULL
                AND r.closed_at + make_interval(days => r.retention_days) < ${at})
            )
          ORDER BY r.id
          LIMIT 50
          FOR UPDATE OF r SKIP LOCKED`,
    )
    let messages = 0
    for (const { id } of due) {
      const removed = await queryRows<{ n: number }>(
        tx,
        sql`WITH gone AS (DELETE FROM chat_messages WHERE room_id = ${id} RETURNING 1)
            SELECT count(*)::int AS n FROM gone`,
      )
      messages += Number(removed[0]?.n ?? 0)
      await tx.execute(sql`UPDATE chat_rooms SET erased_at = ${at} WHERE id = ${id}`)
      await recordAudit(tx, {
        actorId: null,
        action: 'chat.room.erase',
        targetType: 'chat_room',
        targetId: id,
        details: { messages: Number(removed[0]?.n ?? 0) },
      })
    }
    return { rooms: due.length, messages }
  })
}

/** The longest time chat messages may still be kept (for backup retention): days after the case or room closes. */
export const CHAT_RETENTION_HORIZON_SQL = `SELECT max(r.retention_days)::int AS days FROM chat_rooms r
  WHERE r.erased_at IS NULL AND EXISTS (SELECT 1 FROM chat_messages m WHERE m.room_id = r.id)`
