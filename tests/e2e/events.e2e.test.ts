import type { Locator, Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'

import { chromiumPath, expectNoAxeViolations, signIn } from './support/browser'
import { browserSession } from './support/session'

const stamp = Date.now().toString(36)
const DAY = 24 * 3600_000

/** A seeded open day with one session (seed/demo/events.ts). */
const OPEN_DAY = { slug: 'den-na-otvorenite-vrati-141-ou', title: 'Ден на отворените врати в 141 ОУ „Урвич“' }

interface Person {
  name: string
  email: string
  seats?: number
}

const person = (name: string, key: string): Person => ({
  name: `${name} ${stamp}`,
  email: `e2e-events-${key}-${stamp}@example.bg`,
})

/** The Sofia calendar date `days` from today, as a date input wants it (YYYY-MM-DD). */
const sofiaDate = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Sofia' }).format(new Date(Date.now() + days * DAY))

const registrationForm = (page: Page) => page.getByRole('form', { name: 'Регистрация' })

/** Free seats of the event page's first date: "Свободни места: 16 от 25", or 0 when it shows "full". */
async function freeSeats(page: Page): Promise<number> {
  const text = await page.locator('.session-list li').first().innerText()
  if (text.includes('Няма свободни места')) return 0
  const match = /Свободни места: (\d+) от \d+/.exec(text)
  if (!match) throw new Error(`no free-seat count in «${text}»`)
  return Number(match[1])
}

/** Fills the public registration form as a visitor would and sends it (works with and without JavaScript). */
async function fillAndSend(page: Page, who: Person, options: { consent?: boolean } = {}) {
  const form = registrationForm(page)
  await form.getByRole('radio').first().check()
  await form.getByLabel('Име и фамилия').fill(who.name)
  await form.getByRole('textbox', { name: 'Имейл', exact: true }).fill(who.email)
  await form.getByLabel('Брой места').fill(String(who.seats ?? 1))
  if (options.consent ?? true) await form.getByLabel(/Съгласен\/съгласна съм/).check()
  await form.getByRole('button', { name: 'Регистрирай ме' }).click()
}

/** Registers on the event page and waits for the registration page; returns its path. */
async function register(page: Page, who: Person): Promise<string> {
  await fillAndSend(page, who)
  await page.getByRole('heading', { name: 'Вашата регистрация' }).waitFor()
  const url = new URL(page.url())
  expect(url.pathname).toMatch(/^\/registrations\/[\w-]{20,}$/)
  expect(await page.locator('main').innerText()).toContain(who.name)
  return url.pathname
}

/** Waits for the registration page's status badge («Потвърдена», «В списъка на чакащите», «Отказана»). */
async function expectStatus(page: Page, label: string) {
  await page.getByText(label, { exact: true }).first().waitFor()
}

async function openEvent(page: Page, slug: string, title: string) {
  const response = await page.goto(`/events/${slug}`)
  expect(response?.status()).toBe(200)
  await page.getByRole('heading', { level: 1, name: title }).waitFor()
}

/** The dashboard's per-session counts (first date), keyed by column header. */
async function sessionCounts(page: Page): Promise<Record<string, string>> {
  const table = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Свободни' }) })
  const headers = await table.getByRole('columnheader').allInnerTexts()
  const cells = await table.getByRole('row').nth(1).locator('th, td').allInnerTexts()
  return Object.fromEntries(headers.map((h, i) => [h.trim(), cells[i].trim()]))
}

async function clickAndSee(page: Page, button: Locator, text: string | RegExp) {
  await button.click()
  await page.getByText(text).first().waitFor()
}

describe.skipIf(!chromiumPath())('events, as a parent and an organiser would try them', () => {
  const { open } = browserSession()
  /** A signed-out, scripted tab that runs axe-core on the pages a no-JavaScript visitor reaches. */
  let inspector: Page
  const axeAt = async (path: string) => {
    const response = await inspector.goto(path)
    expect(response?.status(), path).toBe(200)
    await expectNoAxeViolations(inspector)
  }

  beforeAll(async () => {
    inspector = await open()
  })

  it('signed out and without JavaScript, a parent finds an open day, registers, downloads the ICS and cancels; the seat is free again', async () => {
    const page = await open({ javaScript: false })
    const parent = { ...person('Десислава Родителска', 'parent'), seats: 2 }

    await page.goto('/events')
    await page.getByLabel('Вид събитие').selectOption({ label: 'Ден на отворените врати' })
    await page.getByRole('button', { name: 'Покажи' }).click()
    await page.waitForURL((url) => url.searchParams.get('kind') === 'open_day')
    const list = page.locator('main')
    expect(await list.innerText()).not.toContain('Институции без граници — среща на форума')
    await axeAt('/events?kind=open_day')

    await page.getByRole('link', { name: OPEN_DAY.title }).click()
    await page.waitForURL((url) => url.pathname === `/events/${OPEN_DAY.slug}`)
    await page.getByRole('heading', { level: 1, name: OPEN_DAY.title }).waitFor()
    const before = await freeSeats(page)
    expect(before).toBeGreaterThanOrEqual(2)
    await axeAt(`/events/${OPEN_DAY.slug}`)

    await registrationForm(page)
      .getByLabel(/Възрастова група на детето/)
      .selectOption({ label: 'Първи клас' })
    const registration = await register(page, parent)
    await expectStatus(page, 'Потвърдена')
    expect(await page.getByRole('status').filter({ hasText: 'Местата Ви са запазени' }).count()).toBe(1)
    expect(await page.locator('main').innerText()).toContain(OPEN_DAY.title)
    await axeAt(registration)

    const calendarLink = page.getByRole('link', { name: 'Добави в календара' })
    const ics = await page.request.get((await calendarLink.getAttribute('href'))!)
    expect(ics.status()).toBe(200)
    expect(ics.headers()['content-type']).toContain('text/calendar')
    const calendar = await ics.text()
    expect(calendar.startsWith('BEGIN:VCALENDAR')).toBe(true)
    expect(calendar).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Sofia')
    expect(calendar.match(/BEGIN:VEVENT/g)).toHaveLength(1)
    expect(calendar).toMatch(/DTSTART;TZID=Europe\/Sofia:\d{8}T093000/)
    expect(calendar.trimEnd().endsWith('END:VCALENDAR')).toBe(true)

    await openEvent(page, OPEN_DAY.slug, OPEN_DAY.title)
    expect(await freeSeats(page)).toBe(before - 2)

    await page.goto(registration)
    await clickAndSee(
      page,
      page.getByRole('button', { name: 'Откажи участие' }),
      'Регистрацията е отказана. Благодарим',
    )
    await expectStatus(page, 'Отказана')
    expect(await page.getByRole('button', { name: 'Откажи участие' }).count()).toBe(0)

    await page.getByRole('link', { name: OPEN_DAY.title }).click()
    await page.getByRole('heading', { level: 1, name: OPEN_DAY.title }).waitFor()
    expect(await freeSeats(page)).toBe(before)
  })

  it('a form without consent comes back in Bulgarian with the name kept, and registers nothing', async () => {
    const tried: Person[] = []
    for (const javaScript of [false, true]) {
      const page = await open({ javaScript })
      const who = person(`Калина Без Съгласие ${javaScript ? 'js' : 'nojs'}`, `noconsent-${javaScript ? 'js' : 'nojs'}`)
      tried.push(who)
      await openEvent(page, OPEN_DAY.slug, OPEN_DAY.title)
      const before = await freeSeats(page)
      await fillAndSend(page, who, { consent: false })
      await page.getByText('Необходимо е съгласие, за да Ви регистрираме.').waitFor()
      expect(new URL(page.url()).pathname).toBe(`/events/${OPEN_DAY.slug}/register`)
      expect(await page.locator('html').getAttribute('lang')).toBe('bg')
      expect(await page.getByRole('alert').count()).toBeGreaterThan(0)
      const form = registrationForm(page)
      expect(await form.getByLabel('Име и фамилия').inputValue()).toBe(who.name)
      expect(await form.getByRole('textbox', { name: 'Имейл', exact: true }).inputValue()).toBe(who.email)
      const consent = form.getByLabel(/Съгласен\/съгласна съм/)
      expect(await consent.isChecked()).toBe(false)
      expect(await consent.getAttribute('aria-invalid')).toBe('true')
      expect(await freeSeats(page)).toBe(before)
      if (javaScript) await expectNoAxeViolations(page)
    }

    const organiser = await open()
    await signIn(organiser, 'coordinator@demo.bg')
    for (const who of tried) {
      await organiser.goto(`/events/${OPEN_DAY.slug}/manage?q=${encodeURIComponent(who.email)}`)
      await organiser.getByText('Все още няма регистрации.').waitFor()
    }
  })

  describe('a small event that fills up', () => {
    const title = `Ден на отворените врати — проба ${stamp}`
    const first = person('Антония Първа', 'first')
    const waiting = person('Борислава Чакаща', 'waiting')
    const third = person('Цветан Трети', 'third')
    let slug = ''
    let organiser: Page
    const tokens: Record<string, string> = {}

    it('an organiser creates it, a full session waitlists in order, and a cancellation promotes the first in line', async () => {
      organiser = await open()
      await signIn(organiser, 'coordinator@demo.bg')
      await organiser.goto('/events')
      await organiser.getByRole('link', { name: 'Ново събитие' }).click()
      await organiser.getByRole('heading', { name: 'Ново събитие' }).waitFor()
      await organiser.getByLabel('Вид', { exact: true }).selectOption({ label: 'Ден на отворените врати' })
      await organiser.getByRole('textbox', { name: 'Заглавие', exact: true }).fill(title)
      await organiser.getByLabel('Адрес', { exact: true }).fill('ж.к. Люлин 5, ул. „Проба“ 1, София')
      await organiser.getByLabel('Дата', { exact: true }).fill(sofiaDate(20))
      await organiser.getByLabel('Начален час').fill('16:00')
      await organiser.getByLabel('Краен час').fill('17:30')
      await organiser.getByLabel('Капацитет (места)').fill('3')
      await organiser.getByLabel('Най-много места на регистрация').fill('2')
      await organiser.getByLabel('Публикувай веднага').check()
      await clickAndSee(
        organiser,
        organiser.getByRole('button', { name: 'Създай събитието' }),
        'Събитието е създадено.',
      )
      await organiser.getByRole('heading', { level: 1, name: `Управление: ${title}` }).waitFor()
      slug = new URL(organiser.url()).pathname.split('/')[2]
      expect(organiser.url()).toMatch(/\/events\/[a-z0-9-]+\/manage$/)

      // The first parent takes one seat; the organiser then lowers the capacity to that one seat.
      const a = await open()
      await openEvent(a, slug, title)
      expect(await freeSeats(a)).toBe(3)
      tokens.first = await register(a, first)
      await expectStatus(a, 'Потвърдена')

      await organiser.reload()
      await organiser.getByLabel(/^Нов капацитет за/).fill('1')
      await clickAndSee(
        organiser,
        organiser.getByRole('button', { name: 'Промени' }),
        'Капацитетът е променен. Потвърдени от списъка на чакащите: 0.',
      )
      expect(await sessionCounts(organiser)).toMatchObject({ 'Потвърдени места': '1', Свободни: '0', Чакащи: '0' })

      // The session is full: the next two go to the waiting list, in order.
      const b = await open()
      await openEvent(b, slug, title)
      expect(await freeSeats(b)).toBe(0)
      expect(await b.locator('.session-list').innerText()).toContain(
        'Няма свободни места — записване в списък на чакащите',
      )
      tokens.waiting = await register(b, waiting)
      await expectStatus(b, 'В списъка на чакащите')
      await b.getByText('Вие сте №1 в списъка на чакащите').waitFor()
      await expectNoAxeViolations(b)

      const c = await open({ javaScript: false })
      await openEvent(c, slug, title)
      tokens.third = await register(c, third)
      await expectStatus(c, 'В списъка на чакащите')
      await c.getByText('Вие сте №2 в списъка на чакащите').waitFor()
      await openEvent(c, slug, title)
      expect(await c.locator('.session-list').innerText()).toContain('2 чакащи')

      // The confirmed parent cancels: the first in line is confirmed, the second moves up.
      await clickAndSee(a, a.getByRole('button', { name: 'Откажи участие' }), 'Регистрацията е отказана. Благодарим')
      await expectStatus(a, 'Отказана')
      await b.reload()
      await expectStatus(b, 'Потвърдена')
      await b.getByText('Местата Ви са запазени. Очакваме Ви!').waitFor()
      await c.goto(tokens.third)
      await expectStatus(c, 'В списъка на чакащите')
      await c.getByText('Вие сте №1 в списъка на чакащите').waitFor()

      // … and the promoted parent's e-mail is queued.
      const admin = await open()
      await signIn(admin, 'admin@demo.bg')
      await admin.goto('/admin/outbox')
      await admin.getByRole('heading', { level: 1, name: 'Изходяща поща' }).waitFor()
      const mail = admin
        .getByRole('row')
        .filter({ hasText: waiting.email })
        .filter({ hasText: `Освободи се място — регистрацията Ви е потвърдена: ${title}` })
      expect(await mail.count()).toBe(1)
    })

    it('the organiser raises the capacity, exports the CSV and checks a registrant in by name', async () => {
      expect(slug, 'the previous test created the event').not.toBe('')
      await organiser.goto(`/events/${slug}/manage`)
      await organiser.getByRole('heading', { level: 1, name: `Управление: ${title}` }).waitFor()
      expect(await sessionCounts(organiser)).toMatchObject({
        'Потвърдени места': '1',
        Свободни: '0',
        Чакащи: '1',
        Отказани: '1',
        Присъствали: '0',
      })
      const registrants = organiser
        .getByRole('table')
        .filter({ has: organiser.getByRole('columnheader', { name: 'Контакт' }) })
      expect(await registrants.innerText()).toContain(waiting.name)
      await expectNoAxeViolations(organiser)

      // Raising the capacity promotes the one still waiting.
      await organiser.getByLabel(/^Нов капацитет за/).fill('2')
      await clickAndSee(
        organiser,
        organiser.getByRole('button', { name: 'Промени' }),
        'Капацитетът е променен. Потвърдени от списъка на чакащите: 1.',
      )
      expect(await sessionCounts(organiser)).toMatchObject({ 'Потвърдени места': '2', Свободни: '0', Чакащи: '0' })
      const thirdPage = await open()
      await thirdPage.goto(tokens.third)
      await expectStatus(thirdPage, 'Потвърдена')

      const csvLink = organiser.getByRole('link', { name: 'Изтегли CSV' })
      const csv = await organiser.request.get((await csvLink.getAttribute('href'))!)
      expect(csv.status()).toBe(200)
      expect(csv.headers()['content-type']).toContain('text/csv')
      const bytes = await csv.body()
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      const text = bytes.subarray(3).toString('utf8')
      expect(text.split(/\r?\n/)[0]).toContain('Име;Имейл')
      for (const who of [first, waiting, third]) expect(text).toContain(who.name)
      expect(text).toContain(waiting.email)

      await organiser.getByRole('link', { name: 'Отбелязване на присъствие' }).click()
      await organiser.getByRole('heading', { level: 1, name: `Присъствие: ${title}` }).waitFor()
      await organiser.getByText('Присъстващи: 0 от 2 потвърдени регистрации').waitFor()
      await expectNoAxeViolations(organiser)

      const search = organiser.getByRole('search', { name: 'Номер, телефон, име, имейл или QR код' })
      await search.getByLabel('Номер, телефон, име, имейл или QR код').fill(waiting.name)
      const markThird = organiser.getByRole('button', { name: `Присъства – ${third.name}` })
      await markThird.waitFor()
      await search.getByRole('button', { name: 'Търси' }).click()
      // Both are confirmed: the search by name leaves only the one searched for.
      await markThird.waitFor({ state: 'detached' })
      expect(new URL(organiser.url()).searchParams.get('q')).toBe(waiting.name)
      const mark = organiser.getByRole('button', { name: `Присъства – ${waiting.name}` })
      await mark.waitFor()
      await clickAndSee(organiser, mark, `${waiting.name} — присъствието е отбелязано.`)
      await organiser.getByText('Присъстващи: 1 от 2 потвърдени регистрации').waitFor()
      await organiser.getByRole('button', { name: `Отмени – ${waiting.name}` }).waitFor()
      await expectNoAxeViolations(organiser)

      await organiser.goto(`/events/${slug}/manage`)
      await organiser.getByRole('heading', { level: 1, name: `Управление: ${title}` }).waitFor()
      expect(await sessionCounts(organiser)).toMatchObject({ Присъствали: '1' })
      const b = await open()
      await b.goto(tokens.waiting)
      await b.getByText('Присъствието е отбелязано.').waitFor()
    })
  })
})
