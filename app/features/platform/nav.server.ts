import { and, eq, sql } from 'drizzle-orm'

import { db } from '../../../db/client.server'
import { users } from '../../../db/schema'
import { unreadWatchedCount } from '../cases/watchers.server'
import { unreadChatCount } from '../chat/rooms.server'
import { can } from '../identity/permissions'
import type { SessionUser } from '../identity/session.server'
import { unreadCount } from '../notifications/inbox.server'

export interface NavBadges {
  notifications: number
  chat: number
  approvals: number
  /** Watched cases with unread replies. */
  cases: number
}

async function pendingApprovals(user: SessionUser) {
  if (!can(user, 'user:approve')) return 0
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.status, 'pending')))
  return row?.n ?? 0
}

/** Counters in the header; each feature contributes its own query (add yours to the Promise.all). */
export async function navBadges(user: SessionUser | null): Promise<NavBadges> {
  if (!user) return { notifications: 0, chat: 0, approvals: 0, cases: 0 }
  const [approvals, notifications, chat, cases] = await Promise.all([
    pendingApprovals(user),
    unreadCount(user.id),
    unreadChatCount(user.id),
    unreadWatchedCount(user.id),
  ])
  return { notifications, chat, approvals, cases }
}
