import { and, eq, sql } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'

import { db, queryRows, queryRowsPrepared, type DbOrTx } from '../../../db/client.server'
import { caseReads, caseWatchers } from '../../../db/schema'
import { requirePermission, type Actor } from '../identity/permissions'
import { caseTitleFor, requireCase } from './access.server'
import { caseUrl } from './codes'

export async function watcherIds(runner: DbOrTx, caseId: string): Promise<string[]> {
  const rows = await runner
    .select({ userId: caseWatchers.userId })
    .from(caseWatchers)
    .where(eq(caseWatchers.caseId, caseId))
  return rows.map((r) => r.userId)
}

export async function addWatcher(runner: DbOrTx, caseId: string, userId: string) {
  await runner.insert(caseWatchers).values({ caseId, userId }).onConflictDoNothing()
}

/** Watch or stop watching a case (anyone who may read it). */
export async function setWatching(actor: Actor, code: string, watching: boolean) {
  const thread = await requireCase(db, actor, code)
  if (watching) await addWatcher(db, thread.id, actor.id)
  else await db.delete(caseWatchers).where(and(eq(caseWatchers.caseId, thread.id), eq(caseWatchers.userId, actor.id)))
  return thread
}

/** An erased account watches no case any more. */
export async function stopWatchingAll(runner: DbOrTx, userId: string) {
  await runner.delete(caseWatchers).where(eq(caseWatchers.userId, userId))
}

/** Moves the reader's unread marker forward (never back). */
export async function markRead(runner: DbOrTx, caseId: string, userId: string, upToNumber: number) {
  await runner
    .insert(caseReads)
    .values({ caseId, userId, lastReadNumber: upToNumber })
    .onConflictDoUpdate({
      target: [caseReads.caseId, caseReads.userId],
      set: {
        lastReadNumber: sql`greatest(${caseReads.lastReadNumber}, excluded.last_read_number)`,
        lastReadAt: sql`now()`,
      },
    })
}

/**
 * The access log and the unread marker in one round trip: every opening of a case is a view
 * row; the read marker moves to the last reply shown.
 */
export async function recordCaseView(runner: DbOrTx, caseId: string, userId: string, upToNumber: number) {
  await queryRowsPrepared(
    runner,
    sql`WITH viewed AS (INSERT INTO case_views (case_id, user_id) VALUES (${caseId}, ${userId}) RETURNING id)
        INSERT INTO case_reads (case_id, user_id, last_read_number, last_read_at)
        SELECT ${caseId}, ${userId}, ${upToNumber}, now() FROM viewed
        ON CONFLICT (case_id, user_id) DO UPDATE
          SET last_read_number = greatest(case_reads.last_read_number, excluded.last_read_number),
            last_read_at = now()`,
  )
}

/**
 * Watched cases with replies the user has not read (the nav badge), as a scalar query. `userId`: a user's id, or the
 * column of an outer statement's user (the header's counters, nav.server.ts).
 */
export const unreadWatchedCountSql = (userId: string | AnyPgColumn) =>
  sql`SELECT count(*)::int AS n FROM case_watchers w
      JOIN case_threads c ON c.id = w.case_id
      LEFT JOIN case_reads r ON r.case_id = w.case_id AND r.user_id = w.user_id
      WHERE w.user_id = ${userId} AND c.reply_count > coalesce(r.last_read_number, 0)`

export async function unreadWatchedCount(userId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, unreadWatchedCountSql(userId))
  return Number(row?.n ?? 0)
}

/** Watched cases with replies the reader has not read, most recent activity first (the home page). */
export async function watchedWithNewReplies(actor: Actor, limit = 5) {
  requirePermission(actor, 'case:read')
  const rows = await queryRows<{
    code: string
    title: string
    hidden_at: Date | string | null
    unread: number
    first_unread: number
    last_activity_at: Date | string
  }>(
    db,
    sql`SELECT c.code, c.title, c.hidden_at, (c.reply_count - coalesce(r.last_read_number, 0))::int AS unread,
               (coalesce(r.last_read_number, 0) + 1)::int AS first_unread, c.last_activity_at
        FROM case_watchers w
        JOIN case_threads c ON c.id = w.case_id
        LEFT JOIN case_reads r ON r.case_id = w.case_id AND r.user_id = w.user_id
        WHERE w.user_id = ${actor.id} AND c.reply_count > coalesce(r.last_read_number, 0)
        ORDER BY c.last_activity_at DESC
        LIMIT ${limit}`,
  )
  return rows.map((r) => ({
    code: r.code,
    title: caseTitleFor(actor, { title: r.title, hiddenAt: r.hidden_at }),
    unread: Number(r.unread),
    lastActivityAt: new Date(r.last_activity_at),
    url: caseUrl(r.code, { reply: Number(r.first_unread) }),
  }))
}
