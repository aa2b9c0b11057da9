import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import { chromiumPath, expectNoAxeViolations, signIn } from './support/browser'
import { browserSession } from './support/session'

const ROOM_TITLE = 'Казусна конференция — връщане в училище'
/** Demo staff by name (seed/demo/identity.ts): whoever the owner picker offers, we can sign in as them. */
const DEMO_STAFF: Record<string, string> = {
  'Елена Петкова': 'staff@demo.bg',
  'Николай Димитров': 'social.worker@demo.bg',
  'Сашка Асенова': 'mediator@demo.bg',
  'Георги Колев': 'inspector@demo.bg',
  'Весела Иванова': 'teacher@demo.bg',
  'Anna Kirova': 'ruo.expert@demo.bg',
}
const TEXTS = [
  'Домашно посещение заедно с медиатора (е2е)',
  'Училището осигурява учебници и занимания (е2е)',
  'Здравните медиатори уговарят преглед (е2е)',
]

/** A Sofia calendar day n days from now, as a date input takes it. */
const inDays = (n: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Sofia' }).format(new Date(Date.now() + n * 86400_000))

describe.skipIf(!chromiumPath())('case actions in the browser: minutes → actions → done', () => {
  const { open } = browserSession()
  let casePath = ''
  /** The owner of the first action (a person), who also belongs to the institution owning the third. */
  let owner = { email: '', name: '', institution: '' }

  async function person(email: string, javaScript = false): Promise<Page> {
    const page = await open({ javaScript })
    page.setDefaultTimeout(20_000)
    await signIn(page, email)
    return page
  }

  it('turns three lines of the minutes into three actions with owners and dates (without JavaScript)', async () => {
    const page = await person('coordinator@demo.bg')
    await page.goto('/chat')
    await Promise.all([
      page.waitForURL(/\/chat\/[0-9a-f-]{36}$/),
      page.getByRole('link', { name: ROOM_TITLE }).first().click(),
    ])
    await page.goto(`${new URL(page.url()).pathname}/minutes`)
    await page.fill('#f-summary', 'Решения от срещата: посещение, учебници, преглед.')
    // The demo conference's case decides who may own actions: pick a demo colleague, their institution, and
    // someone from another institution.
    const options = await page.$$eval('#f-action-1-owner option', (list) =>
      list.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent ?? '' })),
    )
    const people = options
      .filter((o) => o.value.startsWith('user:'))
      .map((o) => ({ ...o, name: o.label.replace(/ \(.*$/, ''), institution: /\((.*)\)$/.exec(o.label)?.[1] ?? '' }))
      .filter((p) => DEMO_STAFF[p.name])
    const first = people.find((p) =>
      options.some((o) => o.value.startsWith('institution:') && o.label === p.institution),
    )!
    expect(first, `a demo colleague among ${JSON.stringify(options)}`).toBeTruthy()
    owner = { email: DEMO_STAFF[first.name], name: first.name, institution: first.institution }
    const elsewhere =
      options.find((o) => o.value.startsWith('institution:') && o.label !== first.institution) ??
      people.find((p) => p.institution !== first.institution)!
    const owners = [
      { value: first.value },
      { value: elsewhere.value },
      { value: options.find((o) => o.value.startsWith('institution:') && o.label === first.institution)!.value },
    ]
    for (const [i, text] of TEXTS.entries()) {
      const row = i + 1
      await page.fill(`#f-action-${row}-text`, text)
      await page.selectOption(`#f-action-${row}-owner`, owners[i])
      await page.fill(`#f-action-${row}-due`, inDays(row + 1))
    }
    // Enter in a field posts the minutes, as the main button does (not "One more row", which comes first in the form).
    await Promise.all([page.waitForURL(/\/cases\//), page.press('#f-action-3-text', 'Enter')])
    casePath = new URL(page.url()).pathname
    const plan = page.locator('#action-plan')
    for (const text of TEXTS) await plan.locator('tr', { hasText: text }).waitFor()
    expect(await plan.locator('tr', { hasText: TEXTS[0] }).textContent()).toContain(owner.name)
    expect(await plan.locator('tr', { hasText: TEXTS[0] }).textContent()).toContain('от протокола на среща')
  })

  it('the owner is notified, sees the actions on the home page, and marks one done with one click', async () => {
    expect(casePath).not.toBe('')
    const page = await person(owner.email)
    await page.goto('/notifications')
    // In the owner's language (one demo colleague reads English).
    expect(await page.locator('body').textContent()).toMatch(/Радослав Христов (ви възложи задача|gave you an action)/)
    await page.goto('/')
    const block = page.locator('.home-actions')
    // Theirs, and their institution's; not the one given elsewhere.
    await block.locator('li', { hasText: TEXTS[0] }).waitFor()
    await block.locator('li', { hasText: TEXTS[2] }).waitFor()
    expect(await block.locator('li', { hasText: TEXTS[1] }).count()).toBe(0)
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/'),
      block
        .locator('li', { hasText: TEXTS[0] })
        .getByRole('button', { name: /Готово|Done/ })
        .click(),
    ])
    await page
      .locator('.flash', { hasText: /Задачата е отбелязана като изпълнена\.|The action is marked as done\./ })
      .waitFor()
    expect(await page.locator('.home-actions li', { hasText: TEXTS[0] }).count()).toBe(0)

    await page.goto(casePath)
    const done = page.locator('#action-plan tr', { hasText: TEXTS[0] })
    expect(await done.textContent()).toMatch(/Изпълнена|Done/)
    expect(await page.locator('#action-plan tr', { hasText: TEXTS[2] }).textContent()).toMatch(/Отворена|Open/)
  })

  /** The demo conference's minutes form, as its page opens from the chat. */
  async function openMinutes(page: Page) {
    await page.goto('/chat')
    await Promise.all([
      page.waitForURL(/\/chat\/[0-9a-f-]{36}$/),
      page.getByRole('link', { name: ROOM_TITLE }).first().click(),
    ])
    await page.goto(`${new URL(page.url()).pathname}/minutes`)
    await page.locator('#f-action-1-owner').waitFor()
  }

  it('"one more row" adds a sixth action row without JavaScript, keeps what was typed and focuses the new row', async () => {
    const page = await person('coordinator@demo.bg')
    await openMinutes(page)
    expect(await page.locator('.minutes-action-row').count()).toBe(5)
    await page.fill('#f-summary', 'Решения (е2е): още един ред.')
    await page.fill('#f-action-1-text', 'Първа задача, която не бива да се губи (е2е)')
    const owner = await page.$eval('#f-action-1-owner option:nth-child(2)', (o) => (o as HTMLOptionElement).value)
    await page.selectOption('#f-action-1-owner', owner)
    await page.check('#minutes-all')
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Още един ред' }).click(),
    ])
    await page.locator('#f-action-6-text').waitFor()
    expect(await page.locator('.minutes-action-row').count()).toBe(6)
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-action-6-text')
    expect(await page.inputValue('#f-summary')).toBe('Решения (е2е): още един ред.')
    expect(await page.inputValue('#f-action-1-text')).toBe('Първа задача, която не бива да се губи (е2е)')
    expect(await page.inputValue('#f-action-1-owner')).toBe(owner)
    expect(await page.isChecked('#minutes-all')).toBe(true)
    expect(await page.locator('.error-summary').count()).toBe(0)
  })

  it('the redact button also replaces personal data in the agreed actions, in the fields themselves (JavaScript on)', async () => {
    const page = await person('coordinator@demo.bg', true)
    await openMinutes(page)
    await page.fill('#f-summary', 'Решения от срещата (е2е).')
    await page.fill('#f-action-1-text', 'Обадете се на майката на 0888 123 456 (е2е)')
    const owner = await page.$eval('#f-action-1-owner option:nth-child(2)', (o) => (o as HTMLOptionElement).value)
    await page.selectOption('#f-action-1-owner', owner)
    await page.fill('#f-action-1-due', inDays(7))
    await page.getByRole('button', { name: 'Публикувай в случая' }).click()
    const redact = page.getByRole('button', { name: 'Замени с обозначения' })
    await redact.waitFor()
    await redact.click()
    await expect.poll(() => page.inputValue('#f-action-1-text')).toContain('[ТЕЛЕФОН]')
    expect(await page.inputValue('#f-action-1-text')).not.toContain('123 456')
    expect(await page.inputValue('#f-action-1-owner')).toBe(owner)
  })

  // axe runs its script in the page: a context with JavaScript (same server markup).
  it('the case plan, My actions, the home page, the minutes and the account page pass axe-core', async () => {
    const page = await person('coordinator@demo.bg', true)
    await page.goto(casePath || '/cases')
    await expectNoAxeViolations(page)
    await page.goto('/actions')
    await page.locator('h1', { hasText: 'Моите задачи' }).waitFor()
    await expectNoAxeViolations(page)
    await page.goto('/')
    await expectNoAxeViolations(page)
    await page.goto('/account')
    await expectNoAxeViolations(page)
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Създай адрес' }).click(),
    ])
    await page.locator('#calendar-feed-url').waitFor()
    await expectNoAxeViolations(page)
    const feed = await page.inputValue('#calendar-feed-url')
    const response = await page.request.get(new URL(feed).pathname + new URL(feed).search)
    expect(response.status()).toBe(200)
    expect(await response.text()).toContain('BEGIN:VCALENDAR')
    const owning = await person(owner.email || 'mediator@demo.bg', true)
    await owning.goto('/actions')
    await expectNoAxeViolations(owning)
    // The minutes form with its action rows, as a member who may plan actions.
    await openMinutes(page)
    await expectNoAxeViolations(page)
    // With JavaScript, "one more row" adds the row in the page (no request) and moves the focus into it.
    let posted = false
    page.on('request', (r) => (posted ||= r.method() === 'POST'))
    await page.getByRole('button', { name: 'Още един ред' }).click()
    await page.locator('#f-action-6-text').waitFor()
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-action-6-text')
    expect(posted).toBe(false)
    await expectNoAxeViolations(page)
  })

  it('/reports shows the follow-through indicators as charts with their tables (demo data), axe-clean', async () => {
    const page = await person('coordinator@demo.bg', true)
    await page.goto('/reports')
    const section = page.locator('section[aria-labelledby="h-follow-through"]')
    await section.waitFor()
    expect(await section.locator('h2').textContent()).toBe('Изпълнение на решенията и задържане в училище')
    for (const id of ['chart-actions-on-time', 'chart-overdue-actions', 'chart-retention'])
      expect(await section.locator(`#${id}-title`).count()).toBe(1)
    // The demo return's first check was answered "still attending"; the demo's overdue task is the mediator's.
    const retention = await section.locator('#table-retention').textContent()
    expect(retention).toContain('След 1 мес.')
    expect(await section.locator('#table-overdueActions').textContent()).toContain('Здравни медиатори')
    expect(
      Number(await section.locator('#table-actionsOnTime tbody tr:nth-child(2) td').textContent()),
    ).toBeGreaterThan(0)
    await expectNoAxeViolations(page)
  })
})
