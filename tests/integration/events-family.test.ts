import { and, eq } from 'drizzle-orm'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

import { sendDueReminders } from '../../app/features/events/jobs.server'
import { addSofiaDays, fromSofiaLocal, sofiaDateInput } from '../../app/features/platform/sofia-time'
import * as eventPage from '../../app/routes/events.$slug._index'
import * as calls from '../../app/routes/events.$slug.calls'
import * as family from '../../app/routes/events.$slug.family'
import * as manage from '../../app/routes/events.$slug.manage'
import * as registrationPage from '../../app/routes/registrations.$token._index/route'
import { auditLog, emailOutbox, eventRegistrations } from '../../db/schema'
import { makeEvent, makeRegistration, uniquePhone } from '../../seed/builders/events'
import { makeInstitution, makeUser } from '../../seed/builders/identity'
import { db } from '../support/database'
import { context, formRequest, getRequest, payloadOf, sessionCookieFor, settle, statusOf } from '../support/http'

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context })
type Failure = { ok: false; fieldErrors: Record<string, string[]>; formError?: string; values: Record<string, string> }

describe('a staff member registers a family on its behalf (POST /events/:slug/family)', () => {
  let school: { id: string }
  let mediatorOffice: { id: string; name: string }
  let mediator: Awaited<ReturnType<typeof makeUser>>
  let mediatorCookie: string
  let organiserCookie: string

  beforeAll(async () => {
    school = await makeInstitution(db, { kind: 'school' })
    mediatorOffice = await makeInstitution(db, { kind: 'ngo', name: `Здравни медиатори Факултета ${Date.now()}` })
    mediator = await makeUser(db, { role: 'staff', institutionId: mediatorOffice.id })
    mediatorCookie = await sessionCookieFor(mediator.id)
    organiserCookie = await sessionCookieFor((await makeUser(db, { role: 'coordinator' })).id)
  })

  const post = (slug: string, fields: Record<string, string>, cookie = mediatorCookie) =>
    settle(() => family.action(args(formRequest(`/events/${slug}/family`, fields, { cookie }), { slug })))
  const fields = (sessionId: string, overrides: Record<string, string> = {}) => ({
    sessionId,
    name: 'Мюмюне Юсеинова',
    phone: uniquePhone(),
    email: '',
    seats: '3',
    consent: 'on',
    ...overrides,
  })

  it('registers a family with only its phone: the ticket opens on the staff phone, says who registered it, and the organiser sees it', async () => {
    const { event, sessions } = await makeEvent(db, { organiserInstitutionId: school.id })
    const page = await eventPage.loader(
      args(getRequest(`/events/${event.slug}`, { cookie: mediatorCookie }), { slug: event.slug }),
    )
    expect(page.canRegisterFamily).toBe(true)
    const form = await family.loader(
      args(getRequest(`/events/${event.slug}/family`, { cookie: mediatorCookie }), { slug: event.slug }),
    )
    expect(form.event.slug).toBe(event.slug)

    const response = await post(event.slug, fields(sessions[0].id, { phone: '0896 11 22 33' }))
    expect(statusOf(response)).toBe(303)
    const location = (response as Response).headers.get('location')!
    expect(location).toMatch(/^\/registrations\/[\w-]{30,}$/)
    const token = location.split('/').pop()!

    const [row] = await db.select().from(eventRegistrations).where(eq(eventRegistrations.sessionId, sessions[0].id))
    expect(row).toMatchObject({
      source: 'on_behalf',
      addedBy: mediator.id,
      registeredByInstitutionId: mediatorOffice.id,
      phone: '+359896112233',
      email: null,
      seats: 3,
      status: 'confirmed',
    })
    expect(row.consentAt).not.toBeNull()
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.registrationId, row.id))).toEqual([])
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'event.registration.family'), eq(auditLog.actorId, mediator.id)))
    expect(audit.details).toEqual({ registrationId: row.id })

    const ticket = await registrationPage.loader(args(getRequest(location, { cookie: mediatorCookie }), { token }))
    expect(ticket).toMatchObject({
      code: row.code,
      registeredBy: mediatorOffice.name,
      hasEmail: false,
      canCheckIn: false,
    })

    const dashboard = await manage.loader(
      args(getRequest(`/events/${event.slug}/manage`, { cookie: organiserCookie }), { slug: event.slug }),
    )
    expect(dashboard.registrants.find((r) => r.id === row.id)).toMatchObject({
      source: 'on_behalf',
      registeredBy: mediatorOffice.name,
      name: 'Мюмюне Юсеинова',
    })
  })

  it('refuses without changing anything: no phone, a bad phone, no consent, the same phone twice', async () => {
    const { event, sessions } = await makeEvent(db, { organiserInstitutionId: school.id })
    const noPhone = await post(event.slug, fields(sessions[0].id, { phone: '', email: `f-${Date.now()}@example.bg` }))
    expect(statusOf(noPhone)).toBe(400)
    expect(payloadOf<Failure>(noPhone).fieldErrors).toEqual({ phone: ['events.error.phoneRequired'] })
    const badPhone = await post(event.slug, fields(sessions[0].id, { phone: '12 34' }))
    expect(payloadOf<Failure>(badPhone).fieldErrors.phone).toEqual(['events.error.phone'])
    const noConsent = await post(event.slug, fields(sessions[0].id, { consent: '' }))
    expect(payloadOf<Failure>(noConsent).fieldErrors.consent).toEqual(['events.error.consent'])
    expect(payloadOf<Failure>(noConsent).values).toMatchObject({ name: 'Мюмюне Юсеинова', seats: '3' })
    expect(await db.select().from(eventRegistrations).where(eq(eventRegistrations.sessionId, sessions[0].id))).toEqual(
      [],
    )

    const phone = uniquePhone()
    expect(statusOf(await post(event.slug, fields(sessions[0].id, { phone })))).toBe(303)
    const twice = await post(event.slug, fields(sessions[0].id, { phone, name: 'Друго Име' }))
    expect(statusOf(twice)).toBe(409)
    expect(payloadOf<Failure>(twice).fieldErrors).toEqual({ phone: ['events.error.alreadyRegisteredPhone'] })
    expect(
      await db.select().from(eventRegistrations).where(eq(eventRegistrations.sessionId, sessions[0].id)),
    ).toHaveLength(1)
  })

  it('is for signed-in staff and public events only', async () => {
    const { event, sessions } = await makeEvent(db, { organiserInstitutionId: school.id })
    const guest = await settle(() =>
      family.loader(args(getRequest(`/events/${event.slug}/family`), { slug: event.slug })),
    )
    expect(statusOf(guest)).toBe(302)
    expect((guest as Response).headers.get('location')).toMatch(/^\/login/)
    const guestPost = await settle(() =>
      family.action(args(formRequest(`/events/${event.slug}/family`, fields(sessions[0].id)), { slug: event.slug })),
    )
    expect(statusOf(guestPost)).toBe(302)
    const signedOut = await eventPage.loader(args(getRequest(`/events/${event.slug}`), { slug: event.slug }))
    expect(signedOut.canRegisterFamily).toBe(false)

    const forum = await makeEvent(db, {
      organiserInstitutionId: school.id,
      kind: 'forum_meeting',
      audience: 'professionals',
    })
    const forumPage = await settle(() =>
      family.loader(
        args(getRequest(`/events/${forum.event.slug}/family`, { cookie: mediatorCookie }), { slug: forum.event.slug }),
      ),
    )
    expect(statusOf(forumPage)).toBe(404)
    const forumPost = await post(forum.event.slug, fields(forum.sessions[0].id))
    expect(payloadOf<Failure>(forumPost).fieldErrors.sessionId).toEqual(['events.error.sessionNotFound'])

    const draft = await makeEvent(db, { organiserInstitutionId: school.id, status: 'draft' })
    const draftPost = await post(draft.event.slug, fields(draft.sessions[0].id))
    expect(payloadOf<Failure>(draftPost).fieldErrors.sessionId).toEqual(['events.error.sessionNotFound'])
    // A session of another event is not taken through this event's address.
    const wrong = await post(event.slug, fields(forum.sessions[0].id))
    expect(payloadOf<Failure>(wrong).fieldErrors.sessionId).toEqual(['events.error.sessionNotFound'])
    for (const id of [forum.sessions[0].id, draft.sessions[0].id])
      expect(await db.select().from(eventRegistrations).where(eq(eventRegistrations.sessionId, id))).toEqual([])
  })
})

describe("the organiser's call list the day before", () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('lists confirmed families with a phone and no e-mail for today and tomorrow; the organiser ticks them off; e-mail reminders stay as they were', async () => {
    const school = await makeInstitution(db, { kind: 'school' })
    const organiser = await makeUser(db, { role: 'staff', institutionId: school.id })
    const cookie = await sessionCookieFor(organiser.id)
    const mediatorOffice = await makeInstitution(db, { kind: 'ngo' })
    const mediator = await makeUser(db, { role: 'staff', institutionId: mediatorOffice.id })
    const day = (n: number) => addSofiaDays(sofiaDateInput(new Date()), n)
    const tomorrow = fromSofiaLocal(day(1), '10:00')!
    const nextWeek = fromSofiaLocal(day(8), '10:00')!
    const { event, sessions } = await makeEvent(db, {
      organiserInstitutionId: school.id,
      createdBy: organiser.id,
      sessions: [
        { startsAt: tomorrow, capacity: 3 },
        { startsAt: nextWeek, capacity: 10 },
      ],
    })
    const rows = await db.transaction(async (tx) => ({
      phoneOnly: await makeRegistration(tx, {
        sessionId: sessions[0].id,
        name: 'Емине Ахмедова',
        email: null,
        phone: uniquePhone(),
        seats: 2,
      }),
      withEmail: await makeRegistration(tx, { sessionId: sessions[0].id, name: 'С Имейл', phone: uniquePhone() }),
      waitlisted: await makeRegistration(tx, {
        sessionId: sessions[0].id,
        name: 'Чакаща',
        email: null,
        phone: uniquePhone(),
      }),
      laterWithEmail: await makeRegistration(tx, {
        sessionId: sessions[1].id,
        name: 'Имейл по-късно',
        phone: uniquePhone(),
      }),
      later: await makeRegistration(tx, {
        sessionId: sessions[1].id,
        name: 'Следващата седмица',
        email: null,
        phone: uniquePhone(),
      }),
    }))
    expect(rows.waitlisted.status).toBe('waitlisted')
    const mediatorCookie = await sessionCookieFor(mediator.id)
    const registered = await family.action(
      args(
        formRequest(
          `/events/${event.slug}/family`,
          {
            sessionId: sessions[1].id,
            name: 'Айше Мехмед',
            phone: '0898 00 11 22',
            email: '',
            seats: '1',
            consent: 'on',
          },
          { cookie: mediatorCookie },
        ),
        { slug: event.slug },
      ),
    )
    expect((registered as Response).status).toBe(303)

    const load = async () =>
      calls.loader(args(getRequest(`/events/${event.slug}/calls`, { cookie }), { slug: event.slug }))
    const list = await load()
    const listed = list.sessions.flatMap((s) => s.calls)
    expect(listed.map((c) => c.name)).toEqual(['Емине Ахмедова'])
    expect(listed[0]).toMatchObject({ seats: 2, code: rows.phoneOnly.code, calledAt: null })
    expect(listed[0].phone).toMatch(/^\+359\d{9}$/)
    expect(list).toMatchObject({ called: 0, total: 1 })

    const tick = (intent: string, registrationId: string, who = cookie) =>
      settle(() =>
        calls.action(
          args(formRequest(`/events/${event.slug}/calls`, { intent, registrationId }, { cookie: who }), {
            slug: event.slug,
          }),
        ),
      )
    expect(statusOf(await tick('called', rows.phoneOnly.registrationId))).toBe(302)
    const ticked = await load()
    expect(ticked).toMatchObject({ called: 1, total: 1 })
    expect(ticked.sessions[0].calls[0].calledAt).not.toBeNull()
    expect(statusOf(await tick('uncalled', rows.phoneOnly.registrationId))).toBe(302)
    expect(await load()).toMatchObject({ called: 0, total: 1 })
    // A waitlisted family is not called to come; nor can staff of another institution tick anyone.
    expect(payloadOf<Failure>(await tick('called', rows.waitlisted.registrationId)).formError).toBe(
      'events.error.notOnCallList',
    )
    expect(statusOf(await tick('called', rows.phoneOnly.registrationId, mediatorCookie))).toBe(403)
    expect(
      statusOf(
        await settle(() =>
          calls.loader(
            args(getRequest(`/events/${event.slug}/calls`, { cookie: mediatorCookie }), { slug: event.slug }),
          ),
        ),
      ),
    ).toBe(403)

    // The day before next week's date, the families registered for it appear — the mediator's one among them.
    vi.useFakeTimers({ toFake: ['Date'], now: fromSofiaLocal(day(7), '17:00')! })
    const dayBefore = await load()
    expect(dayBefore.sessions.flatMap((s) => s.calls).map((c) => c.name)).toEqual(['Айше Мехмед', 'Следващата седмица'])
    const dashboard = await manage.loader(
      args(getRequest(`/events/${event.slug}/manage`, { cookie }), { slug: event.slug }),
    )
    expect(dashboard.registrants.find((r) => r.name === 'Айше Мехмед')).toMatchObject({
      source: 'on_behalf',
      registeredBy: mediatorOffice.name,
    })

    // E-mail reminders are unchanged: only the family with an e-mail gets one, nobody gets a text message.
    vi.setSystemTime(new Date(nextWeek.getTime() - 20 * 3600_000))
    // As the job does: batch after batch until none is due (other tests' families may share the database and the hour).
    while ((await sendDueReminders()) > 0);
    const reminders = await db.select().from(emailOutbox).where(eq(emailOutbox.kind, 'event.reminder'))
    const ids = new Set(reminders.map((m) => m.registrationId))
    expect(ids.has(rows.laterWithEmail.registrationId)).toBe(true)
    expect(ids.has(rows.later.registrationId)).toBe(false)
    expect(reminders.every((m) => m.channel === 'email')).toBe(true)
  })
})
