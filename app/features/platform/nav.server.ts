import { eq, sql } from 'drizzle-orm'

import { db, prepared, queryRows } from '../../../db/client.server'
import { users } from '../../../db/schema'
import { unreadWatchedCountSql } from '../cases/watchers.server'
import { unreadChatCountQuery } from '../chat/rooms.server'
import { roleMay } from '../identity/people.server'
import { can } from '../identity/permissions'
import { getSessionUser, liveSessionStatement, sessionUserFromRow, type SessionUser } from '../identity/session.server'
import { unreadCountQuery } from '../notifications/inbox.server'

export interface NavBadges {
  notifications: number
  chat: number
  approvals: number
  /** Watched cases with unread replies. */
  cases: number
}

const NO_BADGES: NavBadges = { notifications: 0, chat: 0, approvals: 0, cases: 0 }

const pendingApprovalsQuery = () =>
  db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(eq(users.status, 'pending'))

/** The header's counters for one user as SQL expressions; `userId` is a value or the column of a statement's user. */
function badgeColumns(userId: string | typeof users.id, approver: boolean | ReturnType<typeof sql>) {
  const approvals =
    approver === true
      ? sql`(${pendingApprovalsQuery()})`
      : approver === false
        ? sql`0`
        : sql`CASE WHEN ${approver} THEN (${pendingApprovalsQuery()}) ELSE 0 END`
  return {
    approvals: approvals.mapWith(Number),
    notifications: sql`(${unreadCountQuery(userId)})`.mapWith(Number),
    chat: sql`(${unreadChatCountQuery(userId)})`.mapWith(Number),
    cases: sql`(${unreadWatchedCountSql(userId)})`.mapWith(Number),
  }
}

/**
 * Counters in the header, read on every page: each feature contributes its own query (add yours to the list), and
 * they are read as one statement. The root loader reads them with the session (`sessionUserAndBadges`).
 */
export async function navBadges(user: SessionUser | null): Promise<NavBadges> {
  if (!user) return NO_BADGES
  const { approvals, notifications, chat, cases } = badgeColumns(user.id, can(user, 'user:approve'))
  const [row] = await queryRows<Record<keyof NavBadges, number>>(
    db,
    sql`SELECT ${approvals} AS approvals, ${notifications} AS notifications, ${chat} AS chat, ${cases} AS cases`,
  )
  return {
    notifications: Number(row?.notifications ?? 0),
    chat: Number(row?.chat ?? 0),
    approvals: Number(row?.approvals ?? 0),
    cases: Number(row?.cases ?? 0),
  }
}

// The root loader's statement on every signed-in page: the session's user and the header's counters at once.
const sessionWithBadgesQuery = () =>
  prepared('session-user-badges', (database) =>
    liveSessionStatement(
      database,
      'session_user_badges',
      // Whether the user counts approvals is decided per user in the statement, by the same permission as `can`.
      badgeColumns(users.id, roleMay('user:approve')),
    ),
  )

/**
 * The signed-in user and the header's counters, for the root loader: one statement when this request has not read
 * its session yet (the usual case: the root loader asks first), else the counters on their own.
 */
export async function sessionUserAndBadges(request: Request): Promise<{ user: SessionUser | null; badges: NavBadges }> {
  let badges: NavBadges | undefined
  const user = await getSessionUser(request, async (idHash) => {
    const [row] = await sessionWithBadgesQuery().execute({ idHash, now: new Date().toISOString() })
    if (!row) return null
    const { approvals, notifications, chat, cases, ...columns } = row
    badges = { approvals, notifications, chat, cases }
    return sessionUserFromRow(idHash, columns)
  })
  return { user, badges: badges ?? (await navBadges(user)) }
}
