import { and, asc, eq, inArray } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { eventDashboard } from '../../app/features/events/dashboard.server'
import {
  cancelRegistration,
  registerForSession,
  registerWithin,
  type RegisterOutcome,
} from '../../app/features/events/registration.server'
import { emailOutbox, eventRegistrations, eventSessions } from '../../db/schema'
import { makeEvent } from '../../seed/builders/events'
import { makeInstitution, makeUser } from '../../seed/builders/identity'
import { db, dbKind } from '../support/database'

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1)

describe(`a rush of 300 registrations for 40 seats never overbooks (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it(
    'confirms exactly 40, waitlists 260 at positions 1…260; then 10 cancellations promote exactly 10, in order',
    { timeout: 180_000 },
    async () => {
      const institution = await makeInstitution(db, { kind: 'school' })
      const coordinator = await makeUser(db, { role: 'coordinator' })
      const { event, sessions } = await makeEvent(db, {
        organiserInstitutionId: institution.id,
        sessions: [{ capacity: 40 }],
      })
      const sessionId = sessions[0].id

      // Half come through this process's public path (which batches), half as if from other
      // processes: separate transactions that meet the batches only at the session row lock.
      const outcomes = await Promise.all(
        range(300).map((i) => {
          const request = {
            sessionId,
            name: `Родител ${i}`,
            email: `rush-${i}-${sessionId}@example.bg`,
            phone: null,
            seats: 1,
            ageGroup: null,
            locale: 'bg' as const,
          }
          return i % 2 === 0
            ? registerForSession(event.slug, request)
            : db.transaction((tx) => registerWithin(tx, request))
        }),
      )
      const registered = outcomes.filter(
        (o): o is Extract<RegisterOutcome, { kind: 'registered' }> => o.kind === 'registered',
      )
      expect(registered).toHaveLength(300)
      const confirmed = registered.filter((o) => o.status === 'confirmed')
      const waitlisted = registered.filter((o) => o.status === 'waitlisted')
      expect(confirmed).toHaveLength(40)
      expect(waitlisted).toHaveLength(260)
      // Positions handed out under the lock: each of 1…260 exactly once.
      expect(waitlisted.map((o) => o.position).sort((a, b) => a! - b!)).toEqual(range(260))

      const rows = await db.select().from(eventRegistrations).where(eq(eventRegistrations.sessionId, sessionId))
      expect(rows.filter((r) => r.status === 'confirmed').reduce((sum, r) => sum + r.seats, 0)).toBe(40)
      const tickets = rows
        .filter((r) => r.status === 'waitlisted')
        .map((r) => r.waitlistTicket!)
        .sort((a, b) => a - b)
      expect(tickets).toEqual(range(260))
      const [session] = await db.select().from(eventSessions).where(eq(eventSessions.id, sessionId))
      expect(session).toMatchObject({ capacity: 40, confirmedSeats: 40, waitlistCount: 260, lastWaitlistTicket: 260 })
      // Every family has its own e-mail (written for a batch with one statement), saying what it got.
      const mails = await db
        .select({ to: emailOutbox.toAddress, kind: emailOutbox.kind, registrationId: emailOutbox.registrationId })
        .from(emailOutbox)
        .where(
          inArray(
            emailOutbox.registrationId,
            rows.map((r) => r.id),
          ),
        )
      expect(mails).toHaveLength(300)
      const rowById = new Map(rows.map((r) => [r.id, r]))
      for (const mail of mails) {
        const row = rowById.get(mail.registrationId!)!
        expect(mail.to).toBe(row.email)
        expect(mail.kind).toBe(row.status === 'confirmed' ? 'event.confirmed' : 'event.waitlisted')
      }

      // Ten confirmed people cancel at the same moment: the first ten in line move up, nobody else.
      const firstTen = await db
        .select({ id: eventRegistrations.id })
        .from(eventRegistrations)
        .where(and(eq(eventRegistrations.sessionId, sessionId), eq(eventRegistrations.status, 'waitlisted')))
        .orderBy(asc(eventRegistrations.waitlistTicket))
        .limit(10)
      const results = await Promise.all(confirmed.slice(0, 10).map((o) => cancelRegistration(o.token)))
      expect(results.reduce((sum, r) => sum + r.promoted, 0)).toBe(10)

      const after = await db.select().from(eventRegistrations).where(eq(eventRegistrations.sessionId, sessionId))
      const promoted = after.filter((r) => r.promotedAt !== null)
      expect(promoted).toHaveLength(10)
      expect(promoted.map((r) => r.id).sort()).toEqual(firstTen.map((r) => r.id).sort())
      expect(after.filter((r) => r.status === 'confirmed').reduce((sum, r) => sum + r.seats, 0)).toBe(40)
      expect(after.filter((r) => r.status === 'cancelled')).toHaveLength(10)
      const [sessionAfter] = await db.select().from(eventSessions).where(eq(eventSessions.id, sessionId))
      expect(sessionAfter).toMatchObject({ confirmedSeats: 40, waitlistCount: 250 })

      // The waitlist renumbers without gaps: 1…250.
      const dashboard = await eventDashboard(coordinator, event.slug)
      const positions = dashboard.registrants
        .filter((r) => r.status === 'waitlisted')
        .map((r) => r.position!)
        .sort((a, b) => a - b)
      expect(positions).toEqual(range(250))
      expect(dbKind()).toBe(process.env.DATABASE_URL ? 'postgres' : 'pglite')
    },
  )
})

describe('the same e-mail submitted many times at once (double clicks, retries)', () => {
  it('takes exactly one place and answers the others as duplicates', { timeout: 60_000 }, async () => {
    const institution = await makeInstitution(db, { kind: 'school' })
    const { event, sessions } = await makeEvent(db, {
      organiserInstitutionId: institution.id,
      sessions: [{ capacity: 5 }],
    })
    const email = `double-${sessions[0].id}@example.bg`
    const outcomes = await Promise.all(
      range(20).map(() =>
        registerForSession(event.slug, {
          sessionId: sessions[0].id,
          name: 'Бърз Родител',
          email,
          phone: null,
          seats: 1,
          ageGroup: null,
          locale: 'bg',
        }),
      ),
    )
    expect(outcomes.filter((o) => o.kind === 'registered')).toHaveLength(1)
    expect(outcomes.filter((o) => o.kind === 'duplicate')).toHaveLength(19)
    const rows = await db.select().from(eventRegistrations).where(eq(eventRegistrations.sessionId, sessions[0].id))
    expect(rows).toHaveLength(1)
    const [session] = await db.select().from(eventSessions).where(eq(eventSessions.id, sessions[0].id))
    expect(session.confirmedSeats).toBe(1)
  })
})
