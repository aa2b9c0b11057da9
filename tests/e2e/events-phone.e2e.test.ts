import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import { chromiumPath, expectNoAxeViolations, signIn } from './support/browser'
import { browserSession } from './support/session'

const stamp = Date.now().toString(36)
const DAY = 24 * 3600_000
const PHONE = { width: 390, height: 844 }

/** A seeded open day with one session (seed/demo/events.ts). */
const OPEN_DAY = { slug: 'den-na-otvorenite-vrati-141-ou', title: 'Ден на отворените врати в 141 ОУ „Урвич“' }

/** A Bulgarian mobile number of this run, typed the way people type it. */
const phoneNumber = (n: number) => {
  const digits = String((Date.now() + n) % 1_000_000).padStart(6, '0')
  return `089${n % 10} ${digits.slice(0, 3)} ${digits.slice(3)}`
}

const sofiaDate = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Sofia' }).format(new Date(Date.now() + days * DAY))

/**
 * Nothing sticks out sideways on a small phone (the page is no wider than its screen), and axe-core finds nothing.
 * Checked in a scripted tab with the same cookies: a page without JavaScript cannot be measured from inside.
 */
async function expectGoodOnAPhone(page: Page) {
  const probe = await page
    .context()
    .browser()!
    .newContext({ viewport: PHONE, storageState: await page.context().storageState() })
  try {
    const tab = await probe.newPage()
    await tab.goto(page.url())
    const widths = await tab.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      screen: document.documentElement.clientWidth,
    }))
    expect(widths.page, `${page.url()} is wider than the screen`).toBeLessThanOrEqual(widths.screen)
    await expectNoAxeViolations(tab)
  } finally {
    await probe.close()
  }
}

/** After a form is sent: the page with this heading, or the form's error summary in the failure message. */
async function expectHeading(page: Page, name: string) {
  const heading = page.getByRole('heading', { level: 1, name })
  const error = page.locator('.error-summary, .field-error').first()
  await heading.or(error).first().waitFor()
  if (!(await heading.isVisible())) throw new Error(`${page.url()}: ${await page.locator('main').innerText()}`)
}

describe.skipIf(!chromiumPath())('open days for families without an e-mail address', () => {
  const { open } = browserSession()

  it('a parent with only a phone registers without JavaScript on a 390-px screen, gets a ticket with a number and a QR code, and is checked in by that number', async () => {
    const parent = await open({ javaScript: false, viewport: PHONE })
    const name = `Севдие Телефонова ${stamp}`
    await parent.goto(`/events/${OPEN_DAY.slug}`)
    await parent.getByRole('heading', { level: 1, name: OPEN_DAY.title }).waitFor()
    await expectGoodOnAPhone(parent)

    const form = parent.getByRole('form', { name: 'Регистрация' })
    await form.getByRole('radio').first().check()
    await form.getByLabel('Име и фамилия').fill(name)
    await form.getByLabel('Телефон').fill(phoneNumber(1))
    await form.getByLabel('Брой места').fill('2')
    await form.getByLabel(/Съгласен\/съгласна съм/).check()
    await form.getByRole('button', { name: 'Регистрирай ме' }).click()

    await expectHeading(parent, 'Вашата регистрация')
    const ticketPath = new URL(parent.url()).pathname
    expect(ticketPath).toMatch(/^\/registrations\/[\w-]{20,}$/)
    await parent.getByText('Местата Ви са запазени. Очакваме Ви!').waitFor()
    const number = (await parent.locator('.ticket-number-value').innerText()).trim()
    expect(number).toMatch(/^[1-9]\d{2} \d{3}$/)
    const main = await parent.locator('main').innerText()
    for (const text of ['Вашият номер', 'Кога', 'Къде', name, 'Нямаме Ваш имейл']) expect(main).toContain(text)
    expect(await parent.getByRole('img', { name: 'QR код с връзка към тази регистрация' }).count()).toBe(1)
    const calendar = parent.getByRole('link', { name: 'Добави в календара' })
    const ics = await parent.request.get((await calendar.getAttribute('href'))!)
    expect(ics.headers()['content-type']).toContain('text/calendar')
    await expectGoodOnAPhone(parent)

    // Without JavaScript "Print" opens the print layout, which says how to print; printed, only the ticket shows.
    await parent.getByRole('link', { name: 'Принтирай' }).click()
    await parent.getByText('Изберете „Печат“ от менюто на браузъра').waitFor()
    await parent.emulateMedia({ media: 'print' })
    expect(await parent.locator('.site-header').isVisible()).toBe(false)
    expect(await parent.getByRole('button', { name: 'Откажи участие' }).isVisible()).toBe(false)
    expect(await parent.locator('.ticket-number-value').isVisible()).toBe(true)
    await parent.emulateMedia({ media: 'screen' })

    // At the door the organiser types the number the parent says.
    const organiser = await open({ viewport: PHONE })
    await signIn(organiser, 'coordinator@demo.bg')
    await organiser.goto(`/events/${OPEN_DAY.slug}/checkin`)
    const search = organiser.getByRole('search', { name: 'Номер, телефон, име, имейл или QR код' })
    await search.getByLabel('Номер, телефон, име, имейл или QR код').fill(number)
    await search.getByRole('button', { name: 'Търси' }).click()
    // The unfiltered list already holds this family's button: wait for the search's own page, not the button.
    await organiser.waitForURL((url) => url.searchParams.get('q') === number)
    const mark = organiser.getByRole('button', { name: `Присъства – ${name}` })
    await mark.waitFor()
    await expect.poll(() => organiser.locator('.checkin-list li').count()).toBe(1)
    await expectGoodOnAPhone(organiser)
    await mark.click()
    await organiser.getByText(`${name} — присъствието е отбелязано.`).waitFor()
    await expectNoAxeViolations(organiser)

    await parent.goto(ticketPath)
    await parent.getByText('Присъствието е отбелязано.').waitFor()
  }, 300_000)

  it('a mediator registers a family on its behalf; the organiser sees who registered it and, the day before, finds it on the call list', async () => {
    const title = `Ден на отворените врати — по телефона ${stamp}`
    const family = `Нериман Мехмедова ${stamp}`
    const organiser = await open()
    await signIn(organiser, 'coordinator@demo.bg')
    await organiser.goto('/events/new')
    await organiser.getByRole('heading', { name: 'Ново събитие' }).waitFor()
    await organiser.getByLabel('Вид', { exact: true }).selectOption({ label: 'Ден на отворените врати' })
    await organiser.getByRole('textbox', { name: 'Заглавие', exact: true }).fill(title)
    await organiser.getByLabel('Адрес', { exact: true }).fill('ул. „Проба“ 2, София')
    await organiser.getByLabel('Дата', { exact: true }).fill(sofiaDate(1))
    await organiser.getByLabel('Начален час').fill('17:00')
    await organiser.getByLabel('Краен час').fill('18:30')
    await organiser.getByLabel('Капацитет (места)').fill('20')
    await organiser.getByLabel('Публикувай веднага').check()
    await organiser.getByRole('button', { name: 'Създай събитието' }).click()
    await organiser.getByRole('heading', { level: 1, name: `Управление: ${title}` }).waitFor()
    const slug = new URL(organiser.url()).pathname.split('/')[2]

    // The mediator, with the mother beside her, on her phone.
    const mediator = await open({ viewport: PHONE })
    await signIn(mediator, 'mediator@demo.bg')
    await mediator.goto(`/events/${slug}`)
    await mediator.getByRole('link', { name: 'Регистрирайте семейство' }).click()
    await mediator.getByRole('heading', { level: 1, name: `Регистрация на семейство: ${title}` }).waitFor()
    await expectGoodOnAPhone(mediator)
    await expectNoAxeViolations(mediator)
    const form = mediator.getByRole('form', { name: 'Регистрация на семейство' })
    await form.getByLabel('Име на родителя').fill(family)
    await form.getByLabel('Телефон').fill(phoneNumber(2))
    await form.getByLabel('Брой места').fill('3')
    await form.getByLabel('Семейството е съгласно').check()
    await form.getByRole('button', { name: 'Регистрирай семейството' }).click()
    await mediator.getByText('Семейството е регистрирано. Това е билетът му').waitFor()
    await expectHeading(mediator, 'Вашата регистрация')
    const ticket = await mediator.locator('main').innerText()
    expect(ticket).toContain('Здравни медиатори – Столична община')
    expect(ticket).toContain(family)
    const number = (await mediator.locator('.ticket-number-value').innerText()).trim()
    await expectGoodOnAPhone(mediator)
    await expectNoAxeViolations(mediator)

    // The organiser's list shows who registered the family.
    await organiser.goto(`/events/${slug}/manage`)
    const row = organiser.getByRole('row').filter({ hasText: family })
    const rowText = await row.innerText()
    expect(rowText).toContain('Регистриран от служител')
    expect(rowText).toContain('Здравни медиатори – Столична община')
    expect(rowText).toContain(`№ ${number}`)

    // The date is tomorrow: the family, with no e-mail, is on today's call list; the organiser ticks it off.
    await organiser.getByRole('link', { name: 'Списък за обаждане' }).click()
    await organiser.getByRole('heading', { level: 1, name: `Обаждания: ${title}` }).waitFor()
    await organiser.getByText('Обадени: 0 от 1').waitFor()
    const item = organiser.locator('.checkin-list li').filter({ hasText: family })
    expect(await item.innerText()).toContain('Места: 3')
    expect(await item.getByRole('link').getAttribute('href')).toMatch(/^tel:\+359\d{9}$/)
    await expectNoAxeViolations(organiser)
    await organiser.getByRole('button', { name: `Обадих се – ${family}` }).click()
    await organiser.getByText(`${family} — отбелязано като обадено.`).waitFor()
    await organiser.getByText('Обадени: 1 от 1').waitFor()
  }, 300_000)
})
