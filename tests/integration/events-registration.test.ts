import { and, eq, sql } from 'drizzle-orm'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import { hashToken } from '../../app/features/identity/tokens.server'
import { RATE_LIMITS } from '../../app/features/platform/rate-limit.server'
import * as api from '../../app/routes/api.v1.events'
import * as eventsIndex from '../../app/routes/events._index'
import * as eventPage from '../../app/routes/events.$slug._index'
import * as calendar from '../../app/routes/events.$slug.calendar[.]ics'
import * as register from '../../app/routes/events.$slug.register'
import * as registrationPage from '../../app/routes/registrations.$token._index/route'
import * as cancel from '../../app/routes/registrations.$token.cancel'
import * as erase from '../../app/routes/registrations.$token.erase'
import { queryRows } from '../../db/client.server'
import { emailOutbox, eventRegistrationLinks, eventRegistrations, eventSessions } from '../../db/schema'
import { makeEvent, makeRegistration, uniqueEmail, uniquePhone } from '../../seed/builders/events'
import { makeInstitution } from '../../seed/builders/identity'
import { db } from '../support/database'
import { context, formRequest, getRequest, payloadOf, settle, statusOf } from '../support/http'

const args = (request: Request, params: Record<string, string> = {}, ctx: typeof context = context) => ({
  request,
  params,
  context: ctx,
})
type Failure = { ok: false; fieldErrors: Record<string, string[]>; formError?: string; values: Record<string, string> }

async function registrationsOf(sessionId: string) {
  return db.select().from(eventRegistrations).where(eq(eventRegistrations.sessionId, sessionId))
}

async function mailsTo(address: string) {
  return db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, address))
}

function form(sessionId: string, overrides: Record<string, string> = {}) {
  return {
    sessionId,
    name: 'Мария Петрова',
    email: uniqueEmail(),
    phone: uniquePhone(),
    seats: '1',
    consent: 'on',
    website: '',
    ...overrides,
  }
}

async function post(slug: string, fields: Record<string, string>, ctx: typeof context = context) {
  return settle(() => register.action(args(formRequest(`/events/${slug}/register`, fields), { slug }, ctx)))
}

function tokenOf(response: unknown) {
  expect(response).toBeInstanceOf(Response)
  const location = (response as Response).headers.get('location') ?? ''
  expect(location).toMatch(/^\/registrations\/[\w-]{30,}$/)
  return location.split('/').pop()!
}

describe('a parent, signed out, registers for an open day with the plain HTML form', () => {
  let institutionId: string
  beforeAll(async () => {
    institutionId = (await makeInstitution(db, { kind: 'school', districtCode: 'lyulin' })).id
  })

  it('finds the open day on /events (drafts and past events are not listed) and filters by kind and district', async () => {
    const { event } = await makeEvent(db, {
      organiserInstitutionId: institutionId,
      districtCode: 'lyulin',
      title: `Отворени врати Люлин ${Date.now()}`,
    })
    const draft = await makeEvent(db, { organiserInstitutionId: institutionId, status: 'draft' })
    const past = await makeEvent(db, {
      organiserInstitutionId: institutionId,
      sessions: [{ startsAt: new Date(Date.now() - 86400_000) }],
    })
    const list = (await eventsIndex.loader(args(getRequest('/events')))) as Awaited<
      ReturnType<typeof eventsIndex.loader>
    >
    const slugs = list.items.map((i) => i.slug)
    expect(slugs).toContain(event.slug)
    expect(slugs).not.toContain(draft.event.slug)
    expect(slugs).not.toContain(past.event.slug)
    const filtered = await eventsIndex.loader(args(getRequest('/events?kind=open_day&district=lyulin')))
    expect(filtered.items.map((i) => i.slug)).toContain(event.slug)
    const otherDistrict = await eventsIndex.loader(args(getRequest('/events?district=mladost')))
    expect(otherDistrict.items.map((i) => i.slug)).not.toContain(event.slug)
    const forums = await eventsIndex.loader(args(getRequest('/events?kind=forum_meeting')))
    expect(forums.items.map((i) => i.slug)).not.toContain(event.slug)
    expect(
      statusOf(
        await settle(() =>
          eventPage.loader(args(getRequest(`/events/${draft.event.slug}`), { slug: draft.event.slug })),
        ),
      ),
    ).toBe(404)
  })

  it('registers, lands on the registration page (303), gets an e-mail, downloads the ICS and cancels: the seat is free again', async () => {
    const { event, sessions } = await makeEvent(db, {
      organiserInstitutionId: institutionId,
      sessions: [{ capacity: 20 }],
    })
    const fields = form(sessions[0].id, { seats: '2', ageGroup: 'grade_1' })
    const response = await post(event.slug, fields)
    expect(statusOf(response)).toBe(303)
    const token = tokenOf(response)

    const page = await registrationPage.loader(args(getRequest(`/registrations/${token}`), { token }))
    expect(page).toMatchObject({ status: 'confirmed', seats: 2, position: null, name: 'Мария Петрова' })
    expect(page.qr).toMatch(/^data:image\/svg\+xml;base64,/)
    expect(Buffer.from(page.qr!.split(',')[1], 'base64').toString()).toContain('<svg')

    const [mail] = await mailsTo(fields.email)
    expect(mail.kind).toBe('event.confirmed')
    expect(mail.textBody).toContain(`/registrations/${token}`)
    expect(mail.textBody).toContain('е потвърдена (2 места)')

    const [before] = await db.select().from(eventSessions).where(eq(eventSessions.id, sessions[0].id))
    expect(before.confirmedSeats).toBe(2)

    const ics = (await calendar.loader(
      args(getRequest(`/events/${event.slug}/calendar.ics?session=${sessions[0].id}`), { slug: event.slug }),
    )) as Response
    expect(ics.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
    const body = await ics.text()
    expect(body.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true)
    expect(body).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Sofia')
    expect(body.match(/BEGIN:VEVENT/g)).toHaveLength(1)
    expect(body).toContain(`UID:${sessions[0].id}@iwb`)

    const cancelled = (await cancel.action(
      args(formRequest(`/registrations/${token}/cancel`, {}), { token }),
    )) as Response
    expect(cancelled.status).toBe(303)
    expect(cancelled.headers.get('location')).toBe(`/registrations/${token}`)
    const [after] = await db.select().from(eventSessions).where(eq(eventSessions.id, sessions[0].id))
    expect(after.confirmedSeats).toBe(0)
    const eventData = await eventPage.loader(args(getRequest(`/events/${event.slug}`), { slug: event.slug }))
    expect(eventData.sessions[0].freeSeats).toBe(20)
    expect((await registrationPage.loader(args(getRequest(`/registrations/${token}`), { token }))).status).toBe(
      'cancelled',
    )

    // Cancelling twice is harmless.
    const again = (await cancel.action(args(formRequest(`/registrations/${token}/cancel`, {}), { token }))) as Response
    expect(again.status).toBe(303)
    const [still] = await db.select().from(eventSessions).where(eq(eventSessions.id, sessions[0].id))
    expect(still.confirmedSeats).toBe(0)
  })

  it('puts the next person on the waitlist when full; a cancellation promotes them and queues their e-mail', async () => {
    const { event, sessions } = await makeEvent(db, {
      organiserInstitutionId: institutionId,
      sessions: [{ capacity: 2 }],
    })
    const first = tokenOf(await post(event.slug, form(sessions[0].id, { seats: '2' })))
    const waitingEmail = uniqueEmail()
    const second = tokenOf(await post(event.slug, form(sessions[0].id, { email: waitingEmail })))
    const third = tokenOf(await post(event.slug, form(sessions[0].id)))
    expect(await registrationPage.loader(args(getRequest('/'), { token: second }))).toMatchObject({
      status: 'waitlisted',
      position: 1,
    })
    expect(await registrationPage.loader(args(getRequest('/'), { token: third }))).toMatchObject({
      status: 'waitlisted',
      position: 2,
    })
    expect((await mailsTo(waitingEmail)).map((m) => m.kind)).toEqual(['event.waitlisted'])

    await cancel.action(args(formRequest('/', {}), { token: first }))
    expect(await registrationPage.loader(args(getRequest('/'), { token: second }))).toMatchObject({
      status: 'confirmed',
      position: null,
    })
    expect(await registrationPage.loader(args(getRequest('/'), { token: third }))).toMatchObject({
      status: 'confirmed',
    })
    expect((await mailsTo(waitingEmail)).map((m) => m.kind).sort()).toEqual(['event.promoted', 'event.waitlisted'])
    const promotedMail = (await mailsTo(waitingEmail)).find((m) => m.kind === 'event.promoted')!
    expect(promotedMail.textBody).toContain('вече е потвърдена (1 място)')
    expect(promotedMail.textBody).not.toMatch(/\{\w+\}/)
    const [session] = await db.select().from(eventSessions).where(eq(eventSessions.id, sessions[0].id))
    expect(session).toMatchObject({ confirmedSeats: 2, waitlistCount: 0 })
  })

  it('promotes strictly in order: a group that does not fit is not overtaken', async () => {
    const { event, sessions } = await makeEvent(db, {
      organiserInstitutionId: institutionId,
      sessions: [{ capacity: 3 }],
    })
    const a = tokenOf(await post(event.slug, form(sessions[0].id, { seats: '1' })))
    tokenOf(await post(event.slug, form(sessions[0].id, { seats: '2' })))
    const group = tokenOf(await post(event.slug, form(sessions[0].id, { seats: '3' })))
    const single = tokenOf(await post(event.slug, form(sessions[0].id, { seats: '1' })))
    await cancel.action(args(formRequest('/', {}), { token: a }))
    expect(await registrationPage.loader(args(getRequest('/'), { token: group }))).toMatchObject({
      status: 'waitlisted',
      position: 1,
    })
    expect(await registrationPage.loader(args(getRequest('/'), { token: single }))).toMatchObject({
      status: 'waitlisted',
      position: 2,
    })
  })

  it('brings the form back filled in, with errors in the page language, and stores nothing on bad input', async () => {
    const { event, sessions } = await makeEvent(db, {
      organiserInstitutionId: institutionId,
      sessions: [{ capacity: 5, maxSeatsPerRegistration: 3 }],
    })
    const noConsent = await post(
      event.slug,
      form(sessions[0].id, { consent: '', name: 'Иван Иванов', email: 'not-an-email', phone: '0888 123 456' }),
    )
    expect(statusOf(noConsent)).toBe(400)
    const failure = payloadOf<Failure>(noConsent)
    expect(failure.fieldErrors.consent).toEqual(['events.error.consent'])
    expect(failure.fieldErrors.email).toEqual(['errors.email'])
    expect(failure.values).toMatchObject({ name: 'Иван Иванов', email: 'not-an-email', phone: '0888 123 456' })

    const tooMany = await post(event.slug, form(sessions[0].id, { seats: '4' }))
    expect(statusOf(tooMany)).toBe(400)
    expect(payloadOf<Failure>(tooMany).fieldErrors.seats).toEqual(['events.error.tooManySeats'])

    const badSeats = await post(event.slug, form(sessions[0].id, { seats: 'две' }))
    expect(payloadOf<Failure>(badSeats).fieldErrors.seats).toEqual(['errors.number'])

    const badPhone = await post(event.slug, form(sessions[0].id, { phone: 'обадете се' }))
    expect(payloadOf<Failure>(badPhone).fieldErrors.phone).toEqual(['events.error.phone'])
    // A foreign number, a hotline or a number with a digit missing is no Bulgarian phone.
    for (const phone of ['+44 20 7946 0958', '0800 11 466', '0888 123 45']) {
      const refused = await post(event.slug, form(sessions[0].id, { phone }))
      expect(payloadOf<Failure>(refused).fieldErrors.phone, phone).toEqual(['events.error.phone'])
    }

    // Neither an e-mail nor a phone: one message, on the e-mail field, that says either will do.
    const noContact = await post(event.slug, form(sessions[0].id, { email: '', phone: '' }))
    expect(statusOf(noContact)).toBe(400)
    expect(payloadOf<Failure>(noContact).fieldErrors).toEqual({ email: ['events.error.contactRequired'] })

    const noSession = await post(event.slug, form('', {}))
    expect(payloadOf<Failure>(noSession).fieldErrors.sessionId).toEqual(['events.error.sessionRequired'])

    const other = await makeEvent(db, { organiserInstitutionId: institutionId })
    const wrongEvent = await post(event.slug, form(other.sessions[0].id))
    expect(payloadOf<Failure>(wrongEvent).fieldErrors.sessionId).toEqual(['events.error.sessionNotFound'])

    const draft = await makeEvent(db, { organiserInstitutionId: institutionId, status: 'draft' })
    const toDraft = await post(draft.event.slug, form(draft.sessions[0].id))
    expect(payloadOf<Failure>(toDraft).fieldErrors.sessionId).toEqual(['events.error.sessionNotFound'])

    const honeypot = await post(event.slug, form(sessions[0].id, { website: 'http://spam.example' }))
    expect(statusOf(honeypot)).toBe(400)
    expect(payloadOf<Failure>(honeypot).formError).toBe('events.error.spam')

    expect(await registrationsOf(sessions[0].id)).toHaveLength(0)
    expect(await registrationsOf(draft.sessions[0].id)).toHaveLength(0)
  })

  it('refuses a session that has already started', async () => {
    const { event, sessions } = await makeEvent(db, {
      organiserInstitutionId: institutionId,
      sessions: [{ startsAt: new Date(Date.now() - 60_000), endsAt: new Date(Date.now() + 3600_000) }],
    })
    const result = await post(event.slug, form(sessions[0].id))
    expect(payloadOf<Failure>(result).fieldErrors.sessionId).toEqual(['events.error.sessionStarted'])
  })

  it('does not take a second place for the same e-mail; it re-sends the link to that address instead of showing it', async () => {
    const { event, sessions } = await makeEvent(db, { organiserInstitutionId: institutionId })
    const email = uniqueEmail()
    const token = tokenOf(await post(event.slug, form(sessions[0].id, { email })))
    const again = await post(event.slug, form(sessions[0].id, { email: email.toUpperCase() }))
    expect(statusOf(again)).toBe(409)
    expect(payloadOf<Failure>(again).formError).toBe('events.error.alreadyRegistered')
    expect(JSON.stringify(payloadOf(again))).not.toContain(token)
    expect(await registrationsOf(sessions[0].id)).toHaveLength(1)
    expect((await mailsTo(email)).map((m) => m.kind).sort()).toEqual(['event.confirmed', 'event.resend'])
  })

  it('registers a family with only a phone: stored as +359…, a six-digit registration number, no e-mail queued', async () => {
    const { event, sessions } = await makeEvent(db, { organiserInstitutionId: institutionId })
    const token = tokenOf(await post(event.slug, form(sessions[0].id, { email: '', phone: '0889 / 12-34-56' })))
    const [row] = await registrationsOf(sessions[0].id)
    expect(row).toMatchObject({ email: null, phone: '+359889123456', status: 'confirmed' })
    expect(row.code).toMatch(/^[1-9]\d{5}$/)
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.registrationId, row.id))).toEqual([])
    expect(await registrationPage.loader(args(getRequest('/'), { token }))).toMatchObject({
      status: 'confirmed',
      code: row.code,
    })
  })

  it('takes one place per phone, whatever the spelling; the answer never shows the link', async () => {
    const { event, sessions } = await makeEvent(db, { organiserInstitutionId: institutionId })
    const token = tokenOf(await post(event.slug, form(sessions[0].id, { email: '', phone: '0877 111 222' })))
    const again = await post(event.slug, form(sessions[0].id, { email: '', phone: '+359 87 711 1222' }))
    expect(statusOf(again)).toBe(409)
    expect(payloadOf<Failure>(again).formError).toBe('events.error.alreadyRegisteredPhone')
    expect(JSON.stringify(payloadOf(again))).not.toContain(token)
    // With a new e-mail but the same phone it is still the same family.
    const withEmail = await post(event.slug, form(sessions[0].id, { phone: '00359877111222' }))
    expect(statusOf(withEmail)).toBe(409)
    expect(await registrationsOf(sessions[0].id)).toHaveLength(1)

    // The first registration gave an e-mail too: the link goes there again, never to the screen.
    const email = uniqueEmail()
    tokenOf(await post(event.slug, form(sessions[0].id, { email, phone: '0898 765 432' })))
    const samePhone = await post(event.slug, form(sessions[0].id, { email: '', phone: '0898765432' }))
    expect(payloadOf<Failure>(samePhone).formError).toBe('events.error.alreadyRegisteredPhoneMailed')
    expect((await mailsTo(email)).map((m) => m.kind).sort()).toEqual(['event.confirmed', 'event.resend'])
    // Another date of … another event takes the same phone.
    const other = await makeEvent(db, { organiserInstitutionId: institutionId })
    tokenOf(await post(other.event.slug, form(other.sessions[0].id, { email: '', phone: '0877 111 222' })))
  })

  it('gives every registration of an event its own number, across its dates', async () => {
    const { event, sessions } = await makeEvent(db, {
      organiserInstitutionId: institutionId,
      sessions: [{ capacity: 100 }, { capacity: 100 }],
    })
    await Promise.all(Array.from({ length: 40 }, (_, i) => post(event.slug, form(sessions[i % 2].id, { email: '' }))))
    const rows = await db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, event.id))
    expect(rows).toHaveLength(40)
    expect(new Set(rows.map((r) => r.code)).size).toBe(40)
    for (const row of rows) expect(row.code).toMatch(/^[1-9]\d{5}$/)
  })

  describe('rate limits: generous per address, tight per e-mail and per phone', () => {
    afterEach(() => {
      process.env.RATE_LIMIT = 'false'
    })
    const someAddress = () => ({
      ...context,
      clientIp: `203.0.113.${Math.floor(Math.random() * 250)}-${Date.now()}-${Math.random()}`,
    })

    it(`lets ${RATE_LIMITS.register.limit} families register from one shared address (a school, a mobile operator) in 10 minutes, then answers 429 keeping the form`, async () => {
      process.env.RATE_LIMIT = 'true'
      // A school's parents' meeting or a mobile operator's shared address in a rush: hundreds in 10 minutes.
      expect(RATE_LIMITS.register.limit).toBeGreaterThanOrEqual(300)
      const { event, sessions } = await makeEvent(db, {
        organiserInstitutionId: institutionId,
        sessions: [{ capacity: 400 }],
      })
      const ctx = someAddress()
      // A rush: the whole school's families at once, through its one address.
      const rush = await Promise.all(
        Array.from({ length: RATE_LIMITS.register.limit }, () => post(event.slug, form(sessions[0].id), ctx)),
      )
      expect(rush.map(statusOf)).toEqual(Array(RATE_LIMITS.register.limit).fill(303))
      const blocked = await post(event.slug, form(sessions[0].id, { name: 'Петър Петров' }), ctx)
      expect(statusOf(blocked)).toBe(429)
      expect(payloadOf<Failure>(blocked)).toMatchObject({
        formError: 'errors.rateLimited',
        values: { name: 'Петър Петров' },
      })
      expect(await registrationsOf(sessions[0].id)).toHaveLength(RATE_LIMITS.register.limit)
      // Another address is not affected.
      expect(statusOf(await post(event.slug, form(sessions[0].id), someAddress()))).toBe(303)
    }, 120_000)

    it(`stops one phone number (in any spelling) after ${RATE_LIMITS.registerContact.limit} tries an hour, from any address; the counters hold no number`, async () => {
      process.env.RATE_LIMIT = 'true'
      const phone = uniquePhone()
      const e164 = `+359${phone.replace(/\D/g, '').slice(1)}`
      const spellings = [phone, e164, phone.replace(/ /g, '-'), `00${e164.slice(1)}`]
      for (let i = 0; i < RATE_LIMITS.registerContact.limit; i++) {
        const { event, sessions } = await makeEvent(db, { organiserInstitutionId: institutionId })
        const sent = form(sessions[0].id, { email: '', phone: spellings[i % spellings.length] })
        expect(statusOf(await post(event.slug, sent, someAddress()))).toBe(303)
      }
      const { event, sessions } = await makeEvent(db, { organiserInstitutionId: institutionId })
      const blocked = await post(event.slug, form(sessions[0].id, { email: '', phone }), someAddress())
      expect(statusOf(blocked)).toBe(429)
      expect(await registrationsOf(sessions[0].id)).toHaveLength(0)
      // The same for an e-mail address, whatever its case.
      const email = uniqueEmail()
      for (let i = 0; i < RATE_LIMITS.registerContact.limit; i++) {
        const other = await makeEvent(db, { organiserInstitutionId: institutionId })
        const sent = form(other.sessions[0].id, { email: i % 2 ? email.toUpperCase() : email })
        expect(statusOf(await post(other.event.slug, sent, someAddress()))).toBe(303)
      }
      expect(statusOf(await post(event.slug, form(sessions[0].id, { email }), someAddress()))).toBe(429)
      const keys = await queryRows<{ key: string }>(db, sql`SELECT key FROM rate_limits`)
      const digits = e164.slice(1)
      for (const { key } of keys) {
        expect(key.replace(/\D/g, '')).not.toContain(digits.slice(3))
        expect(key.toLowerCase()).not.toContain(email)
      }
    }, 120_000)
  })

  it('lets the registrant erase their data at any time: the link stops working and the seat is freed', async () => {
    const { event, sessions } = await makeEvent(db, {
      organiserInstitutionId: institutionId,
      sessions: [{ capacity: 1 }],
    })
    const email = uniqueEmail()
    const token = tokenOf(await post(event.slug, form(sessions[0].id, { email, name: 'Стела Костова' })))
    const waiting = tokenOf(await post(event.slug, form(sessions[0].id)))
    const response = (await erase.action(args(formRequest(`/registrations/${token}/erase`, {}), { token }))) as Response
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(`/events/${event.slug}`)
    expect(statusOf(await settle(() => registrationPage.loader(args(getRequest('/'), { token }))))).toBe(404)
    const [row] = await db
      .select()
      .from(eventRegistrations)
      .where(and(eq(eventRegistrations.sessionId, sessions[0].id), eq(eventRegistrations.status, 'cancelled')))
    expect(row).toMatchObject({ name: null, email: null, phone: null, seats: 1 })
    expect(row.erasedAt).not.toBeNull()
    // The confirmation e-mail (name, address, link) is erased with the registration, and so is every link.
    expect(await mailsTo(email)).toEqual([])
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.registrationId, row.id))).toEqual([])
    expect(
      await db.select().from(eventRegistrationLinks).where(eq(eventRegistrationLinks.registrationId, row.id)),
    ).toEqual([])
    expect(await registrationPage.loader(args(getRequest('/'), { token: waiting }))).toMatchObject({
      status: 'confirmed',
    })
  })

  it('stores only a hash of the link token; a repeated registration e-mails a new link and both open the registration', async () => {
    const { event, sessions } = await makeEvent(db, { organiserInstitutionId: institutionId })
    const email = uniqueEmail()
    const token = tokenOf(await post(event.slug, form(sessions[0].id, { email })))
    const [row] = await registrationsOf(sessions[0].id)
    expect(JSON.stringify(row)).not.toContain(token)
    const links = await db
      .select()
      .from(eventRegistrationLinks)
      .where(eq(eventRegistrationLinks.registrationId, row.id))
    expect(links.map((l) => l.tokenHash)).toEqual([hashToken(token)])
    // The migration hashes stored tokens in SQL: the same hex SHA-256 as the application's.
    const [inSql] = await queryRows<{ h: string }>(
      db,
      sql`SELECT encode(sha256(convert_to(${token}, 'UTF8')), 'hex') AS h`,
    )
    expect(inSql.h).toBe(hashToken(token))

    await post(event.slug, form(sessions[0].id, { email }))
    const resend = (await mailsTo(email)).find((m) => m.kind === 'event.resend')!
    const resent = /\/registrations\/([\w-]+)/.exec(resend.textBody)![1]
    expect(resent).not.toBe(token)
    for (const t of [token, resent])
      expect(await registrationPage.loader(args(getRequest('/'), { token: t }))).toMatchObject({
        registrationId: row.id,
      })
    expect((await mailsTo(email)).map((m) => m.registrationId)).toEqual([row.id, row.id])
  })

  it('rejects unknown tokens with 404', async () => {
    expect(statusOf(await settle(() => registrationPage.loader(args(getRequest('/'), { token: 'nope' }))))).toBe(404)
    expect(statusOf(await settle(() => cancel.action(args(formRequest('/', {}), { token: 'x'.repeat(32) }))))).toBe(404)
  })
})

describe('GET /api/v1/events', () => {
  it('lists upcoming public events in the documented shape with ISO 8601 times and the Sofia offset', async () => {
    const institution = await makeInstitution(db, { kind: 'school' })
    const startsAt = new Date('2031-12-03T07:30:00Z')
    const { event, sessions } = await makeEvent(db, {
      organiserInstitutionId: institution.id,
      title: `API отворени врати ${Date.now()}`,
      sessions: [{ startsAt, endsAt: new Date('2031-12-03T10:00:00Z'), capacity: 40 }],
    })
    const tx = async () =>
      db.transaction(async (t) => {
        for (let i = 0; i < 3; i++) await makeRegistration(t, { sessionId: sessions[0].id, seats: 2 })
      })
    await tx()
    const professionals = await makeEvent(db, {
      organiserInstitutionId: institution.id,
      audience: 'professionals',
      kind: 'forum_meeting',
    })
    const response = (await api.loader(args(getRequest('/api/v1/events')))) as Response
    expect(response.headers.get('content-type')).toMatch(/application\/json/)
    const body = (await response.json()) as { events: Array<Record<string, unknown>> }
    const mine = body.events.find((e) => e.slug === event.slug)
    expect(mine).toEqual({
      slug: event.slug,
      title: event.title,
      kind: 'open_day',
      url: `/events/${event.slug}`,
      sessions: [
        {
          id: sessions[0].id,
          startsAt: '2031-12-03T09:30:00+02:00',
          endsAt: '2031-12-03T12:00:00+02:00',
          capacity: 40,
          freeSeats: 34,
        },
      ],
    })
    expect(body.events.map((e) => e.slug)).not.toContain(professionals.event.slug)
  })
})

describe('the seat counters agree with the registrations', () => {
  it('has confirmed seats = sum of confirmed registrations for every session', async () => {
    const rows = await db.execute(sql`
      SELECT s.id FROM event_sessions s
      LEFT JOIN event_registrations r ON r.session_id = s.id
      GROUP BY s.id, s.confirmed_seats, s.waitlist_count
      HAVING s.confirmed_seats <> coalesce(sum(r.seats) FILTER (WHERE r.status = 'confirmed'), 0)
          OR s.waitlist_count <> count(r.id) FILTER (WHERE r.status = 'waitlisted')`)
    const list = Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows
    expect(list).toEqual([])
  })
})

describe('what the consent text promises', () => {
  it('states the erasure date: the retention days after the last session ends', async () => {
    const institution = await makeInstitution(db, { kind: 'school' })
    const first = new Date('2031-05-10T07:00:00Z')
    const last = new Date('2031-05-20T07:00:00Z')
    const { event } = await makeEvent(db, {
      organiserInstitutionId: institution.id,
      retentionDays: 14,
      sessions: [
        { startsAt: first, endsAt: new Date('2031-05-10T09:00:00Z') },
        { startsAt: last, endsAt: new Date('2031-05-20T09:00:00Z') },
      ],
    })
    const page = await eventPage.loader(args(getRequest(`/events/${event.slug}`), { slug: event.slug }))
    expect(page.event.retentionDays).toBe(14)
    expect(new Date(page.erasureDate!).toISOString()).toBe('2031-06-03T09:00:00.000Z')
  })
})

describe('reading a scanned QR code at the door', () => {
  it('takes the token from the registration link or accepts a bare token, and nothing else', async () => {
    const { tokenFromScan } = await import('../../app/features/events/dashboard.server')
    const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345'
    expect(tokenFromScan(`https://iwb.example/registrations/${token}`)).toBe(token)
    expect(tokenFromScan(`  ${token} `)).toBe(token)
    expect(tokenFromScan('Мария Петрова')).toBeNull()
    expect(tokenFromScan('https://iwb.example/events/den')).toBeNull()
  })
})
