import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { eventDashboard } from '../../app/features/events/dashboard.server'
import {
  eraseExpiredRegistrations,
  REGISTRATION_RETENTION_HORIZON_SQL,
  sendDueReminders,
} from '../../app/features/events/jobs.server'
import { getRegistrationByToken, setCheckedIn } from '../../app/features/events/registration.server'
import { sofiaDateInput } from '../../app/features/platform/sofia-time'
import * as manage from '../../app/routes/events.$slug.manage'
import * as register from '../../app/routes/events.$slug.register'
import { queryRows } from '../../db/client.server'
import { emailOutbox, eventRegistrationLinks, eventRegistrations, events, eventSessions } from '../../db/schema'
import { makeEvent, makeRegistration, uniqueEmail, uniquePhone } from '../../seed/builders/events'
import { makeInstitution, makeUser } from '../../seed/builders/identity'
import { db, findInEveryTable } from '../support/database'
import { context, formRequest, getRequest, sessionCookieFor } from '../support/http'

const HOUR = 3600_000
const DAY = 24 * HOUR

afterEach(() => {
  vi.useRealTimers()
})

describe('reminders 24 hours before', () => {
  it('e-mails each confirmed registrant once, even when two workers run at the same time', async () => {
    const institution = await makeInstitution(db)
    const start = new Date(Date.now() + 3 * DAY)
    const { sessions } = await makeEvent(db, {
      organiserInstitutionId: institution.id,
      sessions: [{ startsAt: start, capacity: 2 }],
    })
    const emails = [1, 2, 3].map((i) => `remind-${i}-${sessions[0].id}@example.bg`)
    await db.transaction(async (tx) => {
      for (const email of emails) await makeRegistration(tx, { sessionId: sessions[0].id, email })
    })
    const remindersTo = async () =>
      (await db.select().from(emailOutbox).where(inArray(emailOutbox.toAddress, emails)))
        .filter((m) => m.kind === 'event.reminder')
        .map((m) => m.toAddress)

    // Two days before: too early.
    await sendDueReminders(new Date(start.getTime() - 2 * DAY))
    expect(await remindersTo()).toEqual([])

    // 20 hours before, two processes at once: the two confirmed people get exactly one reminder; the waitlisted one
    // none.
    const now = new Date(start.getTime() - 20 * HOUR)
    await Promise.all([sendDueReminders(now), sendDueReminders(now)])
    expect((await remindersTo()).sort()).toEqual([emails[0], emails[1]].sort())
    await sendDueReminders(now)
    expect(await remindersTo()).toHaveLength(2)
  })

  it('puts a working link into the reminder, and the earlier link keeps working', async () => {
    const institution = await makeInstitution(db)
    const start = new Date(Date.now() + 3 * DAY)
    const { sessions } = await makeEvent(db, {
      organiserInstitutionId: institution.id,
      sessions: [{ startsAt: start }],
    })
    const email = `remind-link-${sessions[0].id}@example.bg`
    const first = await db.transaction((tx) => makeRegistration(tx, { sessionId: sessions[0].id, email }))
    await sendDueReminders(new Date(start.getTime() - 20 * HOUR))
    const [reminder] = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.toAddress, email), eq(emailOutbox.kind, 'event.reminder')))
    const token = /\/registrations\/([\w-]+)/.exec(reminder.textBody)![1]
    expect(token).not.toBe(first.token)
    for (const t of [token, first.token])
      expect((await getRegistrationByToken(t)).registration.id).toBe(first.registrationId)
  })

  it('does not remind someone who registered inside the last 24 hours (their confirmation just arrived)', async () => {
    const institution = await makeInstitution(db)
    const start = new Date(Date.now() + 10 * HOUR)
    const { sessions } = await makeEvent(db, {
      organiserInstitutionId: institution.id,
      sessions: [{ startsAt: start }],
    })
    const email = `late-${sessions[0].id}@example.bg`
    await db.transaction((tx) => makeRegistration(tx, { sessionId: sessions[0].id, email }))
    await sendDueReminders(new Date())
    const mails = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email))
    expect(mails.map((m) => m.kind)).toEqual(['event.confirmed'])
  })
})

// The job is given the time to run at: a Date faked a year ahead also moves PGlite's own clock, and its timers spin on
// after the test.
describe('a date added after the erasure', () => {
  it('has its registrations erased after their own retention period, and kept in the backups’ horizon till then', async () => {
    const institution = await makeInstitution(db, { kind: 'school' })
    const coordinator = await makeUser(db, { role: 'coordinator' })
    const startsAt = new Date(Date.now() - 400 * DAY)
    // The longest period allowed: no other test's event counts that long in the horizon.
    const { event, sessions } = await makeEvent(db, {
      organiserInstitutionId: institution.id,
      retentionDays: 365,
      sessions: [{ startsAt, endsAt: new Date(startsAt.getTime() + 2 * HOUR) }],
    })
    const first = await db.transaction((tx) =>
      makeRegistration(tx, { sessionId: sessions[0].id, now: new Date(startsAt.getTime() - DAY) }),
    )
    const horizon = async () =>
      (await queryRows<{ days: number | null }>(db, sql.raw(REGISTRATION_RETENTION_HORIZON_SQL)))[0].days ?? 0
    const erasedMark = async () =>
      (await db.select().from(events).where(eq(events.id, event.id)))[0].personalDataErasedAt

    // A batch big enough for every event other test files of this worker left behind (they expire too).
    await eraseExpiredRegistrations(new Date(), 10_000)
    const [gone] = await db.select().from(eventRegistrations).where(eq(eventRegistrations.id, first.registrationId))
    expect(gone.erasedAt).not.toBeNull()
    expect(await erasedMark()).not.toBeNull()
    expect(await horizon()).toBeLessThan(365)

    // Then the organiser adds a date on the dashboard, and a family registers for it.
    const cookie = await sessionCookieFor(coordinator.id)
    const params = { slug: event.slug }
    const added = (await manage.action({
      request: formRequest(
        `/events/${event.slug}/manage`,
        {
          intent: 'session',
          date: sofiaDateInput(new Date(Date.now() + 10 * DAY)),
          startTime: '10:00',
          endTime: '12:00',
          capacity: '20',
          maxSeats: '2',
        },
        { cookie },
      ),
      params,
      context,
    })) as Response
    expect(added.status).toBe(302)
    const later = (
      await db
        .select()
        .from(eventSessions)
        .where(eq(eventSessions.eventId, event.id))
        .orderBy(asc(eventSessions.startsAt))
    )[1]
    // The dashboard no longer says the data is erased: it names the new erasure date.
    const dashboard = await manage.loader({
      request: getRequest(`/events/${event.slug}/manage`, { cookie }),
      params,
      context,
    })
    expect(dashboard.event.personalDataErasedAt).toBeNull()
    expect(new Date(dashboard.erasureDate!).getTime()).toBe(later.endsAt.getTime() + 365 * DAY)

    const name = 'Ралица Новодатова'
    const phone = uniquePhone()
    const email = uniqueEmail()
    const response = await register.action({
      request: formRequest(`/events/${event.slug}/register`, {
        sessionId: later.id,
        name,
        email,
        phone,
        seats: '1',
        consent: 'on',
        website: '',
      }),
      params,
      context,
    })
    expect((response as Response).status).toBe(303)
    const needles = [name, email, phone]
    expect(await findInEveryTable(needles)).not.toEqual([])
    expect(await horizon()).toBe(365)

    // A day before its own period ends the data stays; after it, it is gone and the event is marked again.
    await eraseExpiredRegistrations(new Date(later.endsAt.getTime() + 364 * DAY), 10_000)
    expect(await findInEveryTable(needles)).not.toEqual([])
    await eraseExpiredRegistrations(new Date(later.endsAt.getTime() + 365 * DAY + 60_000), 10_000)
    expect(await findInEveryTable(needles)).toEqual([])
    expect(await erasedMark()).not.toBeNull()
    expect(await horizon()).toBeLessThan(365)
  })

  it('erases what an earlier version left behind: registrations kept under an event already marked erased', async () => {
    const institution = await makeInstitution(db, { kind: 'school' })
    const startsAt = new Date(Date.now() - 10 * DAY)
    const { event, sessions } = await makeEvent(db, {
      organiserInstitutionId: institution.id,
      retentionDays: 5,
      sessions: [{ startsAt, endsAt: new Date(startsAt.getTime() + 2 * HOUR) }],
    })
    const kept = await db.transaction((tx) =>
      makeRegistration(tx, {
        sessionId: sessions[0].id,
        name: 'Стоян Забравен',
        now: new Date(startsAt.getTime() - DAY),
      }),
    )
    // The mark was set once, before a date was added and this family registered for it.
    await db.update(events).set({ personalDataErasedAt: new Date() }).where(eq(events.id, event.id))

    await eraseExpiredRegistrations(new Date(), 10_000)
    const [row] = await db.select().from(eventRegistrations).where(eq(eventRegistrations.id, kept.registrationId))
    expect(row).toMatchObject({ name: null, email: null })
    expect(row.erasedAt).not.toBeNull()
  })
})

describe('erasure after the retention period', () => {
  it('erases names, e-mails and phones 30 days after the last session and keeps the anonymous counts', async () => {
    const institution = await makeInstitution(db, { kind: 'school' })
    const coordinator = await makeUser(db, { role: 'coordinator' })
    const first = new Date(Date.now() + 2 * DAY)
    const last = new Date(Date.now() + 9 * DAY)
    const { event, sessions } = await makeEvent(db, {
      organiserInstitutionId: institution.id,
      sessions: [
        { startsAt: first, endsAt: new Date(first.getTime() + 2 * HOUR), capacity: 2 },
        { startsAt: last, endsAt: new Date(last.getTime() + 2 * HOUR), capacity: 10 },
      ],
    })
    const untouched = await makeEvent(db, {
      organiserInstitutionId: institution.id,
      sessions: [{ startsAt: new Date(Date.now() + 60 * DAY) }],
    })
    const present = await db.transaction(async (tx) => {
      const a = await makeRegistration(tx, {
        sessionId: sessions[0].id,
        name: 'Анелия Георгиева',
        phone: '0888 222 333',
        ageGroup: 'preschool',
      })
      await makeRegistration(tx, { sessionId: sessions[0].id, seats: 1, ageGroup: 'grade_1' })
      await makeRegistration(tx, { sessionId: sessions[0].id, seats: 1 })
      await makeRegistration(tx, { sessionId: sessions[1].id, seats: 3 })
      await makeRegistration(tx, { sessionId: untouched.sessions[0].id, name: 'Не се изтрива' })
      return a
    })

    // Event day: the organiser checks someone in.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date(first.getTime() + 30 * 60_000) })
    await setCheckedIn(coordinator, event.slug, present.registrationId, true)
    const countsBefore = await eventDashboard(coordinator, event.slug)

    // 29 days after the last session: nothing yet.
    vi.setSystemTime(new Date(last.getTime() + 2 * HOUR + 29 * DAY))
    await eraseExpiredRegistrations()
    const [notYet] = await db.select().from(eventRegistrations).where(eq(eventRegistrations.id, present.registrationId))
    expect(notYet).toMatchObject({ name: 'Анелия Георгиева', phone: '+359888222333', erasedAt: null })

    // 30 days after the last session has ended: gone.
    vi.setSystemTime(new Date(last.getTime() + 2 * HOUR + 30 * DAY + 60_000))
    // A batch big enough for every event other test files of this worker left behind (they expire too).
    const result = await eraseExpiredRegistrations(undefined, 10_000)
    expect(result.events).toBeGreaterThanOrEqual(1)
    const rows = await db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, event.id))
    expect(rows).toHaveLength(4)
    for (const row of rows) {
      expect(row).toMatchObject({ name: null, email: null, phone: null })
      expect(row.erasedAt).not.toBeNull()
    }
    // Their links and every e-mail about them (names, addresses, links) go with them.
    const ids = rows.map((r) => r.id)
    expect(
      await db.select().from(eventRegistrationLinks).where(inArray(eventRegistrationLinks.registrationId, ids)),
    ).toEqual([])
    expect(await db.select().from(emailOutbox).where(inArray(emailOutbox.registrationId, ids))).toEqual([])
    const untouchedIds = (
      await db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, untouched.event.id))
    ).map((r) => r.id)
    expect(await db.select().from(emailOutbox).where(inArray(emailOutbox.registrationId, untouchedIds))).toHaveLength(1)
    const [erasedEvent] = await db.select().from(events).where(eq(events.id, event.id))
    expect(erasedEvent.personalDataErasedAt).not.toBeNull()

    const countsAfter = await eventDashboard(coordinator, event.slug)
    const summary = (d: typeof countsBefore) =>
      d.sessions.map((s) => ({ c: s.confirmedSeats, w: s.waitlisted, in: s.checkedIn }))
    expect(summary(countsAfter)).toEqual(summary(countsBefore))
    expect(summary(countsAfter)).toEqual([
      { c: 2, w: 1, in: 1 },
      { c: 3, w: 0, in: 0 },
    ])
    expect(countsAfter.ageGroups).toEqual(countsBefore.ageGroups)
    expect(countsAfter.registrants.every((r) => r.erased && r.name === null)).toBe(true)

    const [kept] = await db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, untouched.event.id))
    expect(kept.name).toBe('Не се изтрива')
  })
})

describe('a phone number after the retention period', () => {
  afterEach(() => {
    process.env.RATE_LIMIT = 'false'
  })

  it('is gone from every table, the outbox (e-mail and sms channel) and the rate-limit counters included', async () => {
    process.env.RATE_LIMIT = 'true'
    const institution = await makeInstitution(db, { kind: 'school' })
    const startsAt = new Date(Date.now() + 3 * DAY)
    const endsAt = new Date(startsAt.getTime() + 2 * HOUR)
    const { event, sessions } = await makeEvent(db, {
      organiserInstitutionId: institution.id,
      retentionDays: 10,
      sessions: [{ startsAt, endsAt }],
    })
    const phoneOnly = uniquePhone()
    const withEmail = uniquePhone()
    const e164 = (typed: string) => `+359${typed.replace(/\D/g, '').slice(1)}`
    for (const [phone, email] of [
      [phoneOnly, ''],
      [withEmail, `retention-${Date.now()}@example.bg`],
    ]) {
      const response = await register.action({
        request: formRequest(`/events/${event.slug}/register`, {
          sessionId: sessions[0].id,
          name: 'Ралица Телефонова',
          email,
          phone,
          seats: '1',
          consent: 'on',
          website: '',
        }),
        params: { slug: event.slug },
        context,
      })
      expect((response as Response).status).toBe(303)
    }
    const rows = await db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, event.id))
    // A text-message gateway would queue its messages in the outbox's sms channel, addressed to the phone.
    const phoneRow = rows.find((r) => r.phone === e164(phoneOnly))!
    await db.insert(emailOutbox).values({
      channel: 'sms',
      toAddress: phoneRow.phone!,
      subject: '',
      textBody: `Напомняне: утре, ${event.title}. Номер ${phoneRow.code}. Тел. ${phoneOnly}`,
      kind: 'event.reminder',
      registrationId: phoneRow.id,
    })
    const needles = [phoneOnly, withEmail].flatMap((p) => [p, e164(p)])
    const before = await findInEveryTable(needles)
    expect(before.some((hit) => hit.startsWith('event_registrations:'))).toBe(true)
    expect(before.some((hit) => hit.startsWith('email_outbox:'))).toBe(true)

    vi.useFakeTimers({ toFake: ['Date'], now: new Date(endsAt.getTime() + 9 * DAY) })
    await eraseExpiredRegistrations()
    expect((await findInEveryTable(needles)).length).toBeGreaterThan(0)
    vi.setSystemTime(new Date(endsAt.getTime() + 10 * DAY + 60_000))
    await eraseExpiredRegistrations()
    expect(await findInEveryTable(needles)).toEqual([])
    // The registration numbers and counts stay: they identify nobody once the contact is gone.
    const after = await db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, event.id))
    expect(after.map((r) => r.code).sort()).toEqual(rows.map((r) => r.code).sort())
    expect(after.every((r) => r.phone === null && r.erasedAt !== null)).toBe(true)
  })
})
