import { eq } from 'drizzle-orm'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { Outlet, type RouteObject } from 'react-router-dom'
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router-dom/server'
import { beforeAll, describe, expect, it } from 'vitest'

import { formatRegistrationCode } from '../../app/features/events/code'
import { LocaleProvider } from '../../app/features/i18n/useT'
import * as family from '../../app/routes/events.$slug.family'
import * as register from '../../app/routes/events.$slug.register'
import * as ticket from '../../app/routes/registrations.$token._index/route'
import * as cancel from '../../app/routes/registrations.$token.cancel'
import * as erase from '../../app/routes/registrations.$token.erase'
import { emailOutbox, eventRegistrations } from '../../db/schema'
import type { Locale } from '../../db/schema/identity'
import { makeEvent, uniqueEmail, uniquePhone } from '../../seed/builders/events'
import { makeInstitution, makeUser } from '../../seed/builders/identity'
import { db } from '../support/database'
import { BASE, context, flashOf, formRequest, getRequest, sessionCookieFor, settle, statusOf } from '../support/http'

const ctx = { ...context, clientIp: `198.51.100.7-ticket-${Date.now()}` }
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: ctx })

/**
 * /registrations/:token as the server renders it for a visitor: the real loader, the page or its error boundary inside
 * a layout that gives the page's language. Returns the HTTP status and the markup.
 */
async function openTicket(token: string, locale: Locale = 'bg') {
  const routes: RouteObject[] = [
    {
      id: 'root',
      path: '/',
      loader: () => ({ locale }),
      element: createElement(LocaleProvider, { value: locale }, createElement(Outlet)),
      children: [
        {
          id: 'ticket',
          path: 'registrations/:token',
          loader: ({ request, params }) => ticket.loader({ request, params, context: ctx }),
          Component: ticket.default,
          ErrorBoundary: ticket.ErrorBoundary,
        },
      ],
    },
  ]
  const handler = createStaticHandler(routes)
  const state = await handler.query(new Request(`${BASE}/registrations/${token}`))
  if (state instanceof Response) throw new Error(`unexpected redirect to ${state.headers.get('location')}`)
  const html = renderToStaticMarkup(
    createElement(StaticRouterProvider, {
      router: createStaticRouter(handler.dataRoutes, state),
      context: state,
      hydrate: false,
    }),
  )
  return { status: state.statusCode, html, text: html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ') }
}

function form(sessionId: string, overrides: Record<string, string> = {}) {
  return {
    sessionId,
    name: 'Ивана Чакаща',
    email: '',
    phone: uniquePhone(),
    seats: '1',
    consent: 'on',
    website: '',
    ...overrides,
  }
}

async function registerParent(slug: string, fields: Record<string, string>) {
  const response = await settle(() => register.action(args(formRequest(`/events/${slug}/register`, fields), { slug })))
  expect(statusOf(response)).toBe(303)
  return (response as Response).headers.get('location')!.split('/').pop()!
}

describe('the registration page of a family on the waiting list (/registrations/:token)', () => {
  let institutionId: string
  beforeAll(async () => {
    institutionId = (await makeInstitution(db, { kind: 'school' })).id
  })

  /** A date of one seat, taken by a first family; the next one lands on the waiting list. */
  async function fullDate() {
    const { event, sessions } = await makeEvent(db, {
      organiserInstitutionId: institutionId,
      sessions: [{ capacity: 1 }],
    })
    const seated = await registerParent(event.slug, form(sessions[0].id, { name: 'Първа Семейна' }))
    return { event, session: sessions[0], seated }
  }

  it('tells a family with only a phone that the organisers will call if a seat frees up, never that we will write; no entrance number or QR until then', async () => {
    const { event, session, seated } = await fullDate()
    const token = await registerParent(event.slug, form(session.id))
    const [row] = await db
      .select()
      .from(eventRegistrations)
      .where(eq(eventRegistrations.sessionId, session.id))
      .then((rows) => rows.filter((r) => r.status === 'waitlisted'))
    expect(row.email).toBeNull()

    const bg = await openTicket(token, 'bg')
    expect(bg.status).toBe(200)
    expect(bg.text).toContain('В списъка на чакащите')
    expect(bg.text).toContain('Вие сте №1 в списъка на чакащите')
    expect(bg.text).toContain('Това още не е входен билет')
    expect(bg.text).toContain('организаторите ще Ви се обадят по телефона')
    expect(bg.text).not.toMatch(/ще Ви пишем|Ви пишем на имейла/)
    // Not presented as admission: no "say it at the entrance", no QR code to show at the door, no printout.
    expect(bg.text).not.toContain('на входа')
    expect(bg.html).not.toContain('<img')
    expect(bg.html).not.toContain('?print')
    expect(bg.text).not.toContain('Това е Вашият билет')
    // What stays useful: the number to quote on the phone, the date, cancelling (which only leaves the list).
    expect(bg.text).toContain('Номер на регистрацията')
    expect(bg.text).toContain(formatRegistrationCode(row.code!))
    expect(bg.text).toContain('ако се обаждате на организаторите')
    expect(bg.html).toContain(`action="/registrations/${token}/cancel"`)
    expect(bg.text).toContain('Сваля Ви от списъка на чакащите')
    expect(bg.text).not.toContain('Освобождава местата Ви')

    const en = await openTicket(token, 'en')
    expect(en.text).toContain('You are number 1 on the waiting list')
    expect(en.text).toContain('the organisers will call you')
    expect(en.text).not.toMatch(/we will write|we e-mail you/)
    expect(en.text).not.toContain('entrance')
    expect(en.html).not.toContain('<img')

    // A seat frees up: the family is confirmed, and the page is its ticket again.
    await cancel.action(args(formRequest(`/registrations/${seated}/cancel`, {}), { token: seated }))
    const promoted = await openTicket(token, 'bg')
    expect(promoted.text).toContain('Местата Ви са запазени')
    expect(promoted.text).toContain('Кажете този номер на входа')
    expect(promoted.text).toContain(formatRegistrationCode(row.code!))
    expect(promoted.html).toContain('alt="QR код с връзка към тази регистрация"')
    expect(promoted.html).toContain(`href="/registrations/${token}?print"`)
    expect(promoted.text).not.toContain('списъка на чакащите —')
  })

  it('tells a family with an e-mail that we write to them when a seat frees up, and still shows no entrance QR', async () => {
    const { event, session } = await fullDate()
    const email = uniqueEmail()
    const token = await registerParent(event.slug, form(session.id, { email, phone: '' }))

    const page = await openTicket(token, 'bg')
    expect(page.text).toContain('Вие сте №1 в списъка на чакащите')
    expect(page.text).toContain('веднага Ви пишем на имейла')
    expect(page.text).not.toContain('ще Ви се обадят')
    expect(page.html).not.toContain('<img')
    expect(page.text).not.toContain('на входа')
    const data = await ticket.loader(args(getRequest(`/registrations/${token}?print`), { token }))
    expect(data).toMatchObject({ status: 'waitlisted', position: 1, qr: null, print: false })

    // The e-mail says the same: no ticket yet, and cancelling takes them off the list (there is no seat to hand on).
    const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email))
    expect(mail.kind).toBe('event.waitlisted')
    expect(mail.textBody).toContain('№1 в списъка на чакащите — това още не е входен билет')
    expect(mail.textBody).toContain('ще Ви свалим от списъка на чакащите')
    expect(mail.textBody).not.toContain('мястото ще получи следващият чакащ')
  })

  it('a staff member who registers a family onto the waiting list is not told it is the family’s ticket', async () => {
    const { event, session } = await fullDate()
    const office = await makeInstitution(db, { kind: 'ngo' })
    const cookie = await sessionCookieFor((await makeUser(db, { role: 'staff', institutionId: office.id })).id)
    const response = await settle(() =>
      family.action(
        args(formRequest(`/events/${event.slug}/family`, form(session.id), { cookie }), { slug: event.slug }),
      ),
    )
    expect(statusOf(response)).toBe(303)
    expect(await flashOf(response as Response)).toMatchObject({
      key: 'events.flash.familyWaitlisted',
      params: { position: 1 },
    })
  })

  it('thanks a family that leaves the waiting list for letting us know, and one that cancels a seat for releasing it', async () => {
    const { event, session, seated } = await fullDate()
    const waiting = await registerParent(event.slug, form(session.id))
    const cancelled = async (token: string) =>
      flashOf(await cancel.action(args(formRequest(`/registrations/${token}/cancel`, {}), { token })))
    expect(await cancelled(waiting)).toMatchObject({ key: 'events.flash.leftWaitlist' })
    expect(await cancelled(seated)).toMatchObject({ key: 'events.flash.cancelled' })
    expect(await cancelled(seated)).toMatchObject({ key: 'events.flash.alreadyCancelled', kind: 'info' })
  })
})

describe('a ticket link that opens nothing (/registrations/<unknown or erased token>)', () => {
  it('answers 404 inside the layout, in the page language: the link is not valid, perhaps erased, and where the events are', async () => {
    const { event, sessions } = await makeEvent(db, {
      organiserInstitutionId: (await makeInstitution(db, { kind: 'school' })).id,
    })
    const erased = await registerParent(event.slug, form(sessions[0].id))
    await erase.action(args(formRequest(`/registrations/${erased}/erase`, {}), { token: erased }))

    for (const token of [erased, 'x'.repeat(32)]) {
      const bg = await openTicket(token, 'bg')
      expect(bg.status).toBe(404)
      expect(bg.text).toContain('Тази връзка към регистрация не е валидна')
      expect(bg.text).toContain('изтрити автоматично след събитието')
      expect(bg.text).not.toContain('Страницата не е намерена')
      expect(bg.html).toMatch(/<a [^>]*href="\/events"[^>]*>Всички събития<\/a>/)
      expect(bg.html.match(/<h1/g)).toHaveLength(1)
    }

    const en = await openTicket('x'.repeat(32), 'en')
    expect(en.status).toBe(404)
    expect(en.text).toContain('This registration link is not valid')
    expect(en.text).toContain('erased automatically after the event')
    expect(en.html).toMatch(/<a [^>]*href="\/events"[^>]*>All events<\/a>/)
  })
})
