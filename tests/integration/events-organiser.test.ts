import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'

import { canManageEvent } from '../../app/features/events/access.server'
import { sofiaDateInput } from '../../app/features/platform/sofia-time'
import * as checkin from '../../app/routes/events.$slug.checkin'
import * as edit from '../../app/routes/events.$slug.edit'
import * as manage from '../../app/routes/events.$slug.manage'
import * as csv from '../../app/routes/events.$slug.registrations[.]csv'
import * as newEvent from '../../app/routes/events.new'
import * as registrationPage from '../../app/routes/registrations.$token._index/route'
import { emailOutbox, eventRegistrations, events, eventSessions } from '../../db/schema'
import { makeEvent, makeRegistration } from '../../seed/builders/events'
import { makeInstitution, makeUser } from '../../seed/builders/identity'
import { db } from '../support/database'
import { context, formRequest, getRequest, payloadOf, sessionCookieFor, settle, statusOf } from '../support/http'

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context })
type Failure = { ok: false; fieldErrors: Record<string, string[]>; formError?: string; values: Record<string, string> }

describe('who manages events', () => {
  let school: { id: string }
  let otherSchool: { id: string }
  let ngo: { id: string }
  let coordinator: Awaited<ReturnType<typeof makeUser>>
  let teacher: Awaited<ReturnType<typeof makeUser>>
  let otherTeacher: Awaited<ReturnType<typeof makeUser>>
  let ngoWorker: Awaited<ReturnType<typeof makeUser>>
  beforeAll(async () => {
    school = await makeInstitution(db, { kind: 'school', districtCode: 'lyulin' })
    otherSchool = await makeInstitution(db, { kind: 'school' })
    ngo = await makeInstitution(db, { kind: 'ngo' })
    coordinator = await makeUser(db, { role: 'coordinator', institutionId: ngo.id })
    teacher = await makeUser(db, { role: 'staff', institutionId: school.id })
    otherTeacher = await makeUser(db, { role: 'staff', institutionId: otherSchool.id })
    ngoWorker = await makeUser(db, { role: 'staff', institutionId: ngo.id })
  })

  it("lets coordinators manage every event, school staff only their school's open days", async () => {
    const openDay = { kind: 'open_day' as const, createdBy: null, organiserInstitutionId: school.id }
    const forum = { kind: 'forum_meeting' as const, createdBy: coordinator.id, organiserInstitutionId: school.id }
    expect(canManageEvent(coordinator, openDay)).toBe(true)
    expect(canManageEvent(teacher, openDay)).toBe(true)
    expect(canManageEvent(otherTeacher, openDay)).toBe(false)
    expect(canManageEvent(ngoWorker, openDay)).toBe(false)
    expect(canManageEvent(teacher, forum)).toBe(false)
    expect(canManageEvent(null, openDay)).toBe(false)
  })

  it('answers 403 to staff of another school on the dashboard, the CSV and check-in, and sends guests to sign in', async () => {
    const { event } = await makeEvent(db, { organiserInstitutionId: school.id })
    const cookie = await sessionCookieFor(otherTeacher.id)
    const params = { slug: event.slug }
    expect(
      statusOf(await settle(() => manage.loader(args(getRequest(`/events/${event.slug}/manage`, { cookie }), params)))),
    ).toBe(403)
    expect(
      statusOf(
        await settle(() => csv.loader(args(getRequest(`/events/${event.slug}/registrations.csv`, { cookie }), params))),
      ),
    ).toBe(403)
    expect(
      statusOf(
        await settle(() => checkin.loader(args(getRequest(`/events/${event.slug}/checkin`, { cookie }), params))),
      ),
    ).toBe(403)
    const guest = await settle(() => manage.loader(args(getRequest(`/events/${event.slug}/manage`), params)))
    expect(statusOf(guest)).toBe(302)
    expect((guest as Response).headers.get('location')).toMatch(/^\/login\?redirectTo=/)
  })

  it('lets school staff create an open day for their school without JavaScript, but not a forum meeting', async () => {
    const cookie = await sessionCookieFor(teacher.id)
    const date = sofiaDateInput(new Date(Date.now() + 10 * 86400_000))
    const fields = {
      kind: 'open_day',
      title: 'Ден на отворените врати за първокласници',
      description: 'Запознайте се с учителите.',
      organiserInstitutionId: school.id,
      districtCode: 'lyulin',
      locationAddress: 'ж.к. Люлин 3, ул. „Тодор Каблешков“ 1',
      locationMapUrl: '',
      audience: 'public',
      retentionDays: '30',
      date,
      startTime: '10:00',
      endTime: '12:00',
      capacity: '30',
      maxSeats: '3',
      publish: 'on',
    }
    const response = (await newEvent.action(args(formRequest('/events/new', fields, { cookie })))) as Response
    expect(response.status).toBe(302)
    const slug = response.headers.get('location')!.split('/')[2]
    const [created] = await db.select().from(events).where(eq(events.slug, slug))
    expect(created).toMatchObject({
      kind: 'open_day',
      status: 'published',
      createdBy: teacher.id,
      descriptionText: 'Запознайте се с учителите.',
    })
    const [session] = await db.select().from(eventSessions).where(eq(eventSessions.eventId, created.id))
    expect(session).toMatchObject({ capacity: 30, maxSeatsPerRegistration: 3 })
    expect(sofiaDateInput(session.startsAt)).toBe(date)

    expect(
      statusOf(
        await settle(() =>
          newEvent.action(args(formRequest('/events/new', { ...fields, kind: 'forum_meeting' }, { cookie }))),
        ),
      ),
    ).toBe(403)
    expect(
      statusOf(
        await settle(() =>
          newEvent.action(
            args(formRequest('/events/new', { ...fields, organiserInstitutionId: otherSchool.id }, { cookie })),
          ),
        ),
      ),
    ).toBe(403)
    const ngoCookie = await sessionCookieFor(ngoWorker.id)
    expect(statusOf(await settle(() => newEvent.loader(args(getRequest('/events/new', { cookie: ngoCookie })))))).toBe(
      403,
    )
  })

  it('brings the new-event form back filled in when the input is wrong, and creates nothing', async () => {
    const cookie = await sessionCookieFor(coordinator.id)
    const before = (await db.select().from(events)).length
    const result = await newEvent.action(
      args(
        formRequest(
          '/events/new',
          {
            kind: 'forum_meeting',
            title: 'Институции без граници',
            organiserInstitutionId: ngo.id,
            locationAddress: 'ул. „Московска“ 33',
            audience: 'public',
            date: '2020-01-01',
            startTime: '10:00',
            endTime: '09:00',
            capacity: '0',
            locationMapUrl: 'javascript:alert(1)',
          },
          { cookie },
        ),
      ),
    )
    expect(statusOf(result)).toBe(400)
    const failure = payloadOf<Failure>(result)
    expect(failure.fieldErrors.capacity).toEqual(['errors.number'])
    expect(failure.fieldErrors.locationMapUrl).toEqual(['events.error.url'])
    expect(failure.values.title).toBe('Институции без граници')
    expect((await db.select().from(events)).length).toBe(before)
    const endFirst = await newEvent.action(
      args(
        formRequest(
          '/events/new',
          {
            kind: 'forum_meeting',
            title: 'Форум',
            organiserInstitutionId: ngo.id,
            locationAddress: 'ул. „Московска“ 33',
            audience: 'public',
            date: sofiaDateInput(new Date(Date.now() + 5 * 86400_000)),
            startTime: '10:00',
            endTime: '09:00',
            capacity: '20',
          },
          { cookie },
        ),
      ),
    )
    expect(payloadOf<Failure>(endFirst).fieldErrors.endTime).toEqual(['events.error.endBeforeStart'])
  })

  it('lets the organiser edit the event', async () => {
    const { event } = await makeEvent(db, { organiserInstitutionId: school.id, createdBy: teacher.id })
    const cookie = await sessionCookieFor(teacher.id)
    const response = (await edit.action(
      args(
        formRequest(
          `/events/${event.slug}/edit`,
          {
            kind: 'open_day',
            title: 'Нов час за срещата',
            organiserInstitutionId: school.id,
            locationAddress: 'Физкултурен салон',
            audience: 'public',
            retentionDays: '14',
            description: 'Текст',
          },
          { cookie },
        ),
        { slug: event.slug },
      ),
    )) as Response
    expect(response.status).toBe(302)
    const [updated] = await db.select().from(events).where(eq(events.id, event.id))
    expect(updated).toMatchObject({
      title: 'Нов час за срещата',
      retentionDays: 14,
      locationAddress: 'Физкултурен салон',
    })
  })
})

describe('the organiser dashboard', () => {
  let coordinator: Awaited<ReturnType<typeof makeUser>>
  let cookie: string
  let institutionId: string
  beforeAll(async () => {
    institutionId = (await makeInstitution(db, { kind: 'school' })).id
    coordinator = await makeUser(db, { role: 'coordinator', locale: 'bg' })
    cookie = await sessionCookieFor(coordinator.id)
  })

  it('exports the registrants as CSV with a BOM, Cyrillic intact and ; for Bulgarian Excel', async () => {
    const { event, sessions } = await makeEvent(db, { organiserInstitutionId: institutionId })
    await db.transaction(async (tx) => {
      await makeRegistration(tx, {
        sessionId: sessions[0].id,
        name: 'Гергана Стоянова',
        email: `g-${Date.now()}@example.bg`,
        phone: '+359 888 111 222',
        seats: 2,
        ageGroup: 'grade_1',
      })
      await makeRegistration(tx, { sessionId: sessions[0].id, name: 'Иван „Ванката“ Иванов; син', seats: 1 })
    })
    const response = (await csv.loader(
      args(getRequest(`/events/${event.slug}/registrations.csv`, { cookie }), { slug: event.slug }),
    )) as Response
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="registracii-.+\.csv"/)
    const bytes = Buffer.from(await response.arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = bytes.toString('utf8').slice(1)
    const lines = text.split('\r\n')
    expect(lines[0]).toBe(
      'Дата;Име;Имейл;Телефон;Места;Статус;Позиция в чакащите;Възрастова група;Регистриран ' +
        'на;Присъствие;Източник;Регистриран от;Номер',
    )
    expect(text).toContain(';Гергана Стоянова;')
    // Phones are stored as +359…, and written for people (and spreadsheets) the way they are said here.
    expect(text).toContain(';0888 111 222;2;Потвърдена;;Първи клас;')
    expect(text).toContain(';"Иван „Ванката“ Иванов; син";')
    expect(lines.filter(Boolean)).toHaveLength(3)
  })

  it('checks a registrant in by name search with one click, and counts attendance', async () => {
    const { event, sessions } = await makeEvent(db, { organiserInstitutionId: institutionId })
    const [target] = await db.transaction(async (tx) => [
      await makeRegistration(tx, { sessionId: sessions[0].id, name: 'Десислава Ангелова' }),
      await makeRegistration(tx, { sessionId: sessions[0].id, name: 'Калин Петров' }),
    ])
    const params = { slug: event.slug }
    const found = await checkin.loader(args(getRequest(`/events/${event.slug}/checkin?q=ангелова`, { cookie }), params))
    expect(found.registrants.map((r) => r.name)).toEqual(['Десислава Ангелова'])
    expect(found).toMatchObject({ present: 0, confirmed: 2 })

    const response = (await checkin.action(
      args(
        formRequest(
          `/events/${event.slug}/checkin`,
          {
            intent: 'checkin',
            registrationId: found.registrants[0].id,
            returnTo: `/events/${event.slug}/checkin?q=ангелова`,
          },
          { cookie },
        ),
        params,
      ),
    )) as Response
    expect(response.status).toBe(302)
    expect(decodeURIComponent(response.headers.get('location')!)).toBe(`/events/${event.slug}/checkin?q=ангелова`)
    const after = await checkin.loader(args(getRequest(`/events/${event.slug}/checkin`, { cookie }), params))
    expect(after).toMatchObject({ present: 1, confirmed: 2 })
    const page = await registrationPage.loader(args(getRequest('/'), { token: target.token }))
    expect(page.checkedInAt).not.toBeNull()

    // The scanned QR link finds exactly that registration.
    const scanned = await checkin.loader(
      args(
        getRequest(
          `/events/${event.slug}/checkin?q=${encodeURIComponent(`http://localhost/registrations/${target.token}`)}`,
          { cookie },
        ),
        params,
      ),
    )
    expect(scanned.registrants.map((r) => r.id)).toEqual([found.registrants[0].id])

    const dashboard = await manage.loader(args(getRequest(`/events/${event.slug}/manage`, { cookie }), params))
    expect(dashboard.sessions[0]).toMatchObject({ checkedIn: 1, confirmedRegistrations: 2 })
  })

  it('finds a family by its registration number or its phone (any spelling) and checks it in; other events are not searched', async () => {
    const { event, sessions } = await makeEvent(db, { organiserInstitutionId: institutionId })
    const other = await makeEvent(db, { organiserInstitutionId: institutionId })
    const [family, neighbour, elsewhere] = await db.transaction(async (tx) => [
      await makeRegistration(tx, {
        sessionId: sessions[0].id,
        name: 'Фатме Алиева',
        email: null,
        phone: '0899 55 44 33',
      }),
      await makeRegistration(tx, {
        sessionId: sessions[0].id,
        name: 'Гюлтен Мехмедова',
        email: null,
        phone: '0899 55 44 34',
      }),
      await makeRegistration(tx, {
        sessionId: other.sessions[0].id,
        name: 'Другаде',
        email: null,
        phone: '0877 10 20 30',
      }),
    ])
    const params = { slug: event.slug }
    const search = async (q: string) =>
      (
        await checkin.loader(
          args(getRequest(`/events/${event.slug}/checkin?q=${encodeURIComponent(q)}`, { cookie }), params),
        )
      ).registrants
    const spoken = `${family.code.slice(0, 3)} ${family.code.slice(3)}`
    expect((await search(spoken)).map((r) => r.name)).toEqual(['Фатме Алиева'])
    expect((await search(`№ ${family.code}`)).map((r) => r.id)).toEqual([family.registrationId])
    expect((await search(neighbour.code)).map((r) => r.id)).toEqual([neighbour.registrationId])
    for (const phone of ['0899554433', '+359 899 554 433', '00359899554433', '0899-55-44-33'])
      expect(
        (await search(phone)).map((r) => r.id),
        phone,
      ).toEqual([family.registrationId])
    // The start of a number lists every family whose phone starts so.
    expect((await search('0899 55')).map((r) => r.id).sort()).toEqual(
      [family.registrationId, neighbour.registrationId].sort(),
    )
    // Another event's number and phone find nothing here.
    expect(await search(elsewhere.code)).toEqual([])
    expect(await search('0877 10 20 30')).toEqual([])
    const listed = (await search(spoken))[0]
    expect(listed).toMatchObject({ code: family.code, phone: '+359899554433' })

    const response = (await checkin.action(
      args(
        formRequest(
          `/events/${event.slug}/checkin`,
          { intent: 'checkin', registrationId: listed.id, returnTo: `/events/${event.slug}/checkin?q=${family.code}` },
          { cookie },
        ),
        params,
      ),
    )) as Response
    expect(response.status).toBe(302)
    expect((await search(family.code))[0].checkedInAt).not.toBeNull()
    const dashboard = await manage.loader(
      args(getRequest(`/events/${event.slug}/manage?q=${family.code}`, { cookie }), params),
    )
    expect(dashboard.registrants.map((r) => r.id)).toEqual([family.registrationId])
  })

  it('shows the family its ticket: the number, the print layout, and where the link went', async () => {
    const { sessions } = await makeEvent(db, { organiserInstitutionId: institutionId })
    const [phoneOnly, withEmail] = await db.transaction(async (tx) => [
      await makeRegistration(tx, { sessionId: sessions[0].id, email: null, phone: '0887 12 34 99' }),
      await makeRegistration(tx, { sessionId: sessions[0].id }),
    ])
    const page = await registrationPage.loader(
      args(getRequest(`/registrations/${phoneOnly.token}`), { token: phoneOnly.token }),
    )
    expect(page).toMatchObject({ code: phoneOnly.code, hasEmail: false, print: false, registeredBy: null })
    expect(page.qr).toMatch(/^data:image\/svg\+xml;base64,/)
    const printed = await registrationPage.loader(
      args(getRequest(`/registrations/${phoneOnly.token}?print`), { token: phoneOnly.token }),
    )
    expect(printed.print).toBe(true)
    expect(
      await registrationPage.loader(args(getRequest(`/registrations/${withEmail.token}`), { token: withEmail.token })),
    ).toMatchObject({ hasEmail: true, code: withEmail.code })
  })

  it("never sends a registrant's link to the organiser: dashboard, check-in list and CSV carry no token", async () => {
    const { event, sessions } = await makeEvent(db, { organiserInstitutionId: institutionId })
    const registered = await db.transaction(async (tx) => [
      await makeRegistration(tx, { sessionId: sessions[0].id, name: 'Юлиана Тодорова' }),
      await makeRegistration(tx, { sessionId: sessions[0].id, name: 'Борис Ганчев' }),
    ])
    const params = { slug: event.slug }
    const pages = [
      JSON.stringify(await manage.loader(args(getRequest(`/events/${event.slug}/manage`, { cookie }), params))),
      JSON.stringify(await checkin.loader(args(getRequest(`/events/${event.slug}/checkin`, { cookie }), params))),
      JSON.stringify(
        await checkin.loader(
          args(
            getRequest(
              `/events/${event.slug}/checkin?q=${encodeURIComponent(`http://localhost/registrations/${registered[0].token}`)}`,
              { cookie },
            ),
            params,
          ),
        ),
      ),
      await (
        (await csv.loader(args(getRequest(`/events/${event.slug}/registrations.csv`, { cookie }), params))) as Response
      ).text(),
    ]
    expect(pages[0]).toContain('Юлиана Тодорова')
    for (const page of pages) for (const { token } of registered) expect(page).not.toContain(token)
  })

  it('refuses to check in a waitlisted registration', async () => {
    const { event, sessions } = await makeEvent(db, {
      organiserInstitutionId: institutionId,
      sessions: [{ capacity: 1 }],
    })
    const waiting = await db.transaction(async (tx) => {
      await makeRegistration(tx, { sessionId: sessions[0].id })
      return makeRegistration(tx, { sessionId: sessions[0].id })
    })
    const result = await checkin.action(
      args(formRequest('/', { intent: 'checkin', registrationId: waiting.registrationId }, { cookie }), {
        slug: event.slug,
      }),
    )
    expect(statusOf(result)).toBe(400)
    expect(payloadOf<Failure>(result).formError).toBe('events.error.notConfirmed')
  })

  it('raises capacity and promotes the waitlist; refuses to go below the confirmed seats', async () => {
    const { event, sessions } = await makeEvent(db, {
      organiserInstitutionId: institutionId,
      sessions: [{ capacity: 2 }],
    })
    const sessionId = sessions[0].id
    const emails = [1, 2, 3, 4].map((i) => `cap-${i}-${sessionId}@example.bg`)
    await db.transaction(async (tx) => {
      for (const email of emails) await makeRegistration(tx, { sessionId, email })
    })
    const params = { slug: event.slug }
    const raise = (await manage.action(
      args(
        formRequest(`/events/${event.slug}/manage`, { intent: 'capacity', sessionId, capacity: '3' }, { cookie }),
        params,
      ),
    )) as Response
    expect(raise.status).toBe(302)
    const [session] = await db.select().from(eventSessions).where(eq(eventSessions.id, sessionId))
    expect(session).toMatchObject({ capacity: 3, confirmedSeats: 3, waitlistCount: 1 })
    const promotedMail = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, emails[2]))
    expect(promotedMail.map((m) => m.kind).sort()).toEqual(['event.promoted', 'event.waitlisted'])

    const lower = await manage.action(
      args(
        formRequest(`/events/${event.slug}/manage`, { intent: 'capacity', sessionId, capacity: '2' }, { cookie }),
        params,
      ),
    )
    expect(statusOf(lower)).toBe(400)
    expect(payloadOf<Failure>(lower)).toMatchObject({
      formError: 'events.error.capacityBelowConfirmed',
      formErrorParams: { confirmed: 3 },
    })
    const [unchanged] = await db.select().from(eventSessions).where(eq(eventSessions.id, sessionId))
    expect(unchanged.capacity).toBe(3)
  })

  it('adds a registration by hand (no e-mail needed) and a new date', async () => {
    const { event, sessions } = await makeEvent(db, { organiserInstitutionId: institutionId })
    const params = { slug: event.slug }
    const added = (await manage.action(
      args(
        formRequest(
          `/events/${event.slug}/manage`,
          { intent: 'add', sessionId: sessions[0].id, name: 'Баба Пена', email: '', phone: '0877 000 111', seats: '2' },
          { cookie },
        ),
        params,
      ),
    )) as Response
    expect(added.status).toBe(302)
    const [row] = await db.select().from(eventRegistrations).where(eq(eventRegistrations.sessionId, sessions[0].id))
    expect(row).toMatchObject({
      name: 'Баба Пена',
      email: null,
      source: 'manual',
      status: 'confirmed',
      seats: 2,
      addedBy: coordinator.id,
    })

    const session = (await manage.action(
      args(
        formRequest(
          `/events/${event.slug}/manage`,
          {
            intent: 'session',
            date: sofiaDateInput(new Date(Date.now() + 20 * 86400_000)),
            startTime: '17:00',
            endTime: '18:30',
            capacity: '25',
            maxSeats: '2',
          },
          { cookie },
        ),
        params,
      ),
    )) as Response
    expect(session.status).toBe(302)
    const all = await db.select().from(eventSessions).where(eq(eventSessions.eventId, event.id))
    expect(all).toHaveLength(2)
  })
})

describe('the registrant list on the dashboard', () => {
  it('filters by status and pages through long lists', { timeout: 120_000 }, async () => {
    const institution = await makeInstitution(db, { kind: 'school' })
    const coordinator = await makeUser(db, { role: 'coordinator' })
    const cookie = await sessionCookieFor(coordinator.id)
    const { event, sessions } = await makeEvent(db, {
      organiserInstitutionId: institution.id,
      sessions: [{ capacity: 3 }],
    })
    await db.transaction(async (tx) => {
      for (let i = 0; i < 105; i++)
        await makeRegistration(tx, { sessionId: sessions[0].id, name: `Родител ${String(i).padStart(3, '0')}` })
    })
    const params = { slug: event.slug }
    const waiting = await manage.loader(
      args(getRequest(`/events/${event.slug}/manage?status=waitlisted`, { cookie }), params),
    )
    expect(waiting.total).toBe(102)
    expect(waiting.registrants).toHaveLength(100)
    expect(waiting.registrants.every((r) => r.status === 'waitlisted')).toBe(true)
    expect(waiting.registrants[0].position).toBe(1)
    const second = await manage.loader(
      args(getRequest(`/events/${event.slug}/manage?status=waitlisted&page=2`, { cookie }), params),
    )
    expect(second).toMatchObject({ page: 2, pages: 2 })
    expect(second.registrants.map((r) => r.position)).toEqual([101, 102])
    const confirmed = await manage.loader(
      args(getRequest(`/events/${event.slug}/manage?status=confirmed`, { cookie }), params),
    )
    expect(confirmed.registrants.map((r) => r.name)).toEqual(['Родител 000', 'Родител 001', 'Родител 002'])
  })
})
