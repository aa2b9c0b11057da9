import { eq, sql } from 'drizzle-orm'

import { db, queryRows } from '../../../db/client.server'
import { users } from '../../../db/schema'
import { unreadWatchedCountSql } from '../cases/watchers.server'
import { unreadChatCountQuery } from '../chat/rooms.server'
import { can } from '../identity/permissions'
import type { SessionUser } from '../identity/session.server'
import { unreadCountQuery } from '../notifications/inbox.server'

export interface NavBadges {
  notifications: number
  chat: number
  approvals: number
  /** Watched cases with unread replies. */
  cases: number
}

const pendingApprovalsQuery = () =>
  db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(eq(users.status, 'pending'))

/**
 * Counters in the header, read on every page: each feature contributes its own query (add yours to the list), and
 * they are read as one statement.
 */
export async function navBadges(user: SessionUser | null): Promise<NavBadges> {
  if (!user) return { notifications: 0, chat: 0, approvals: 0, cases: 0 }
  const approvals = can(user, 'user:approve') ? sql`(${pendingApprovalsQuery()})` : sql`0`
  const [row] = await queryRows<Record<keyof NavBadges, number>>(
    db,
    sql`SELECT ${approvals} AS approvals, (${unreadCountQuery(user.id)}) AS notifications,
        (${unreadChatCountQuery(user.id)}) AS chat, (${unreadWatchedCountSql(user.id)}) AS cases`,
  )
  return {
    notifications: Number(row?.notifications ?? 0),
    chat: Number(row?.chat ?? 0),
    approvals: Number(row?.approvals ?? 0),
    cases: Number(row?.cases ?? 0),
  }
}
