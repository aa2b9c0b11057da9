import { and, eq, inArray, isNull, sql } from 'drizzle-orm'

import { db, queryRows } from '../../../db/client.server'
import { eventRegistrations, events, eventSessions } from '../../../db/schema/events'
import { recordAudit } from '../audit/audit.server'
import { queueRegistrationEmail } from './emails.server'
import { erasePersonalData, issueRegistrationLink } from './links.server'

export const REMINDER_HOURS = 24

/**
 * E-mails confirmed registrants whose session starts within 24 hours. Rows are claimed with
 * FOR UPDATE SKIP LOCKED and marked sent in the same transaction as the queued e-mail, so several
 * processes never remind twice. Registrations confirmed inside the window already got their e-mail.
 */
export async function sendDueReminders(now = new Date(), batchSize = 200): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await queryRows<{ id: string }>(
      tx,
      sql`SELECT r.id FROM event_registrations r
          JOIN event_sessions s ON s.id = r.session_id
          WHERE r.status = 'confirmed' AND r.reminder_sent_at IS NULL AND r.email IS NOT NULL AND r.erased_at IS NULL
            AND s.starts_at > ${now.toISOString()}::timestamptz
            AND s.starts_at <= ${new Date(now.getTime() + REMINDER_HOURS * 3600_000).toISOString()}::timestamptz
            AND r.confirmed_at <= s.starts_at - make_interval(hours => ${REMINDER_HOURS})
          ORDER BY s.starts_at
          LIMIT ${batchSize}
          FOR UPDATE OF r SKIP LOCKED`,
    )
    if (due.length === 0) return 0
    const ids = due.map((d) => d.id)
    const rows = await tx
      .select({ registration: eventRegistrations, session: eventSessions, event: events })
      .from(eventRegistrations)
      .innerJoin(eventSessions, eq(eventSessions.id, eventRegistrations.sessionId))
      .innerJoin(events, eq(events.id, eventRegistrations.eventId))
      .where(inArray(eventRegistrations.id, ids))
    for (const { registration: r, session, event } of rows) {
      await queueRegistrationEmail(tx, 'reminder', {
        registrationId: r.id,
        to: r.email!,
        locale: r.locale,
        name: r.name ?? '',
        token: await issueRegistrationLink(tx, r.id),
        seats: r.seats,
        title: event.title,
        startsAt: session.startsAt,
        endsAt: session.endsAt,
        location: event.locationAddress,
      })
    }
    await tx.update(eventRegistrations).set({ reminderSentAt: now }).where(inArray(eventRegistrations.id, ids))
    return ids.length
  })
}

/**
 * After an event's retention period (days after its last session ends), erases every registrant's
 * name, e-mail, phone, links and e-mails; statuses, seats, age groups and attendance stay as anonymous counts.
 * The work is found by registrations not yet erased, never by the event's mark alone: a date added after an
 * erasure brings new registrations, and they are erased after their own period too. An event past its period
 * whose mark is unset is taken as well, so its dashboard says so even with nobody registered. Events are
 * claimed with FOR UPDATE SKIP LOCKED, so parallel runs split the work.
 */
export async function eraseExpiredRegistrations(
  now = new Date(),
  batchSize = 20,
): Promise<{ events: number; registrations: number }> {
  return db.transaction(async (tx) => {
    // Registrations not yet erased are read from their partial index (event_registrations_unerased_idx).
    const expired = await queryRows<{ id: string }>(
      tx,
      sql`SELECT e.id FROM events e
          WHERE (e.personal_data_erased_at IS NULL
                 OR e.id IN (SELECT r.event_id FROM event_registrations r WHERE r.erased_at IS NULL))
            AND (SELECT max(s.ends_at) FROM event_sessions s WHERE s.event_id = e.id)
              + make_interval(days => e.retention_days) <= ${now.toISOString()}::timestamptz
          LIMIT ${batchSize}
          FOR UPDATE OF e SKIP LOCKED`,
    )
    let registrations = 0
    for (const { id } of expired) {
      const erased = await tx
        .select({ id: eventRegistrations.id })
        .from(eventRegistrations)
        .where(and(eq(eventRegistrations.eventId, id), isNull(eventRegistrations.erasedAt)))
      await erasePersonalData(
        tx,
        erased.map((r) => r.id),
        now,
      )
      registrations += erased.length
      // Set again on every run that erased something; adding a date clears it (addSession).
      await tx.update(events).set({ personalDataErasedAt: now }).where(eq(events.id, id))
      await recordAudit(tx, {
        actorId: null,
        action: 'event.retention.erase',
        targetType: 'event',
        targetId: id,
        details: { registrations: erased.length },
      })
    }
    return { events: expired.length, registrations }
  })
}

/**
 * The longest time registrants' personal data may still be kept (for backup retention): days after the event, over
 * the events that still hold a registration not yet erased (whatever their mark says).
 */
export const REGISTRATION_RETENTION_HORIZON_SQL = `SELECT max(e.retention_days)::int AS days FROM events e
  WHERE e.id IN (SELECT r.event_id FROM event_registrations r WHERE r.erased_at IS NULL)`
