import { and, eq } from 'drizzle-orm'

import { db, type DbOrTx } from '../../../db/client.server'
import { actionCalendarTokens, users } from '../../../db/schema'
import type { Locale } from '../../../db/schema/identity'
import { buildCalendar } from '../events/ics'
import { translate } from '../i18n/translate'
import { requirePermission, type Actor } from '../identity/permissions'
import { hashToken, newToken } from '../identity/tokens.server'
import { listMyActions } from './actions.server'

export const calendarPath = (token: string) => `/actions/calendar.ics?token=${encodeURIComponent(token)}`

/** Whether the actor has a calendar address, and since when (the address itself is shown only when created). */
export async function calendarFeedInfo(actor: Actor) {
  const [row] = await db
    .select({ createdAt: actionCalendarTokens.createdAt })
    .from(actionCalendarTokens)
    .where(eq(actionCalendarTokens.userId, actor.id))
  return row ? { createdAt: row.createdAt.toISOString() } : null
}

/** A new secret address for the actor's calendar; an earlier one stops working. Returns the path with the token. */
export async function createCalendarFeed(actor: Actor): Promise<string> {
  requirePermission(actor, 'case:read')
  const token = newToken()
  await db
    .insert(actionCalendarTokens)
    .values({ userId: actor.id, tokenHash: hashToken(token) })
    .onConflictDoUpdate({
      target: actionCalendarTokens.userId,
      set: { tokenHash: hashToken(token), createdAt: new Date() },
    })
  return calendarPath(token)
}

export async function revokeCalendarFeed(actor: Actor) {
  await deleteCalendarFeedOf(db, actor.id)
}

/** The calendar address of a user stops working (the owner's choice, or an erased account). */
export async function deleteCalendarFeedOf(runner: DbOrTx, userId: string) {
  await runner.delete(actionCalendarTokens).where(eq(actionCalendarTokens.userId, userId))
}

/**
 * The ICS of the open actions and retention checks of the token's owner (all-day entries on their due
 * dates), or null for an unknown or revoked token, or an account no longer approved.
 */
export async function actionCalendar(token: string | null, baseUrl: string): Promise<string | null> {
  if (!token || token.length > 100) return null
  const [owner] = await db
    .select({
      id: users.id,
      role: users.role,
      institutionId: users.institutionId,
      teamId: users.teamId,
      locale: users.locale,
    })
    .from(actionCalendarTokens)
    .innerJoin(users, eq(users.id, actionCalendarTokens.userId))
    .where(and(eq(actionCalendarTokens.tokenHash, hashToken(token)), eq(users.status, 'approved')))
  if (!owner) return null
  const locale = owner.locale as Locale
  const actions = await listMyActions(owner)
  return buildCalendar({
    name: translate(locale, 'actions.calendar.name'),
    entries: actions.map((a) => ({
      uid: `action-${a.id}@iwb`,
      day: a.dueDate,
      summary: translate(locale, 'actions.calendar.summary', {
        text:
          a.kind === 'retention_check'
            ? translate(locale, 'actions.check.title', { months: a.retentionMonths ?? 0 })
            : a.text,
        code: a.caseCode,
      }),
      url: `${baseUrl}/cases/${encodeURIComponent(a.caseCode)}#action-${a.id}`,
    })),
  })
}
