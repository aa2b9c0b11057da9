import { and, asc, eq, gt, inArray, isNotNull, isNull, lte } from 'drizzle-orm'

import { db } from '../../../db/client.server'
import { eventRegistrations, eventSessions } from '../../../db/schema/events'
import type { Actor } from '../identity/permissions'
import { Refusal } from '../platform/refusal.server'
import { addSofiaDays, endOfSofiaDay, sofiaDateInput } from '../platform/sofia-time'
import { loadManagedEvent, loadManagedRegistration, markRegistration } from './events.server'

export interface CallRow {
  id: string
  sessionId: string
  name: string | null
  phone: string
  seats: number
  code: string | null
  calledAt: Date | null
}

/**
 * The organiser's call list: confirmed families with a phone and no e-mail (they get no e-mail reminder) whose date
 * starts between now and the end of tomorrow, Sofia time, by date and name. Families with an e-mail are reminded by
 * e-mail as before; a text-message gateway could take this list's place later.
 */
export async function callList(actor: Actor | null, slug: string, now = new Date()) {
  const event = await loadManagedEvent(actor, slug)
  const until = endOfSofiaDay(addSofiaDays(sofiaDateInput(now), 1))
  const sessions = await db
    .select()
    .from(eventSessions)
    .where(
      and(eq(eventSessions.eventId, event.id), gt(eventSessions.startsAt, now), lte(eventSessions.startsAt, until)),
    )
    .orderBy(asc(eventSessions.startsAt))
  const rows = sessions.length
    ? await db
        .select({
          id: eventRegistrations.id,
          sessionId: eventRegistrations.sessionId,
          name: eventRegistrations.name,
          phone: eventRegistrations.phone,
          seats: eventRegistrations.seats,
          code: eventRegistrations.code,
          calledAt: eventRegistrations.calledAt,
        })
        .from(eventRegistrations)
        .where(
          and(
            inArray(
              eventRegistrations.sessionId,
              sessions.map((s) => s.id),
            ),
            eq(eventRegistrations.status, 'confirmed'),
            isNotNull(eventRegistrations.phone),
            isNull(eventRegistrations.email),
            isNull(eventRegistrations.erasedAt),
          ),
        )
        .orderBy(asc(eventRegistrations.name))
    : []
  // The query keeps only rows with a phone.
  const calls: CallRow[] = rows.map((r) => ({ ...r, phone: r.phone ?? '' }))
  return {
    event,
    until,
    sessions: sessions.map((session) => ({ session, calls: calls.filter((c) => c.sessionId === session.id) })),
    called: calls.filter((c) => c.calledAt).length,
    total: calls.length,
  }
}

/** Ticks a family off the call list (or undoes it). Returns the name for the message. */
export async function setCalled(
  actor: Actor | null,
  slug: string,
  registrationId: string,
  called: boolean,
  now = new Date(),
): Promise<string> {
  const registration = await loadManagedRegistration(actor, slug, registrationId)
  if (registration.status !== 'confirmed' || !registration.phone) throw new Refusal('events.error.notOnCallList')
  return markRegistration(registration, 'called', called, actor!.id, now)
}
