import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import { chromiumPath, expectNoAxeViolations, signIn } from './support/browser'
import { browserSession } from './support/session'

const ROOM_TITLE = 'Казусна конференция — връщане в училище'

async function openDemoRoom(page: Page): Promise<string> {
  await page.goto('/chat')
  await Promise.all([
    page.waitForURL(/\/chat\/[0-9a-f-]{36}$/),
    page.getByRole('link', { name: ROOM_TITLE }).first().click(),
  ])
  return new URL(page.url()).pathname
}

describe.skipIf(!chromiumPath())('case-conference chat in the browser', () => {
  const { open } = browserSession()
  let roomPath = ''

  async function member(email: string, javaScript = true) {
    const page = await open({ javaScript })
    page.setDefaultTimeout(20_000)
    await signIn(page, email)
    return page
  }

  it('two staff members see each other live: typing, messages; personal data is refused inline', async () => {
    const elena = await member('staff@demo.bg')
    const nikolay = await member('social.worker@demo.bg')
    roomPath = await openDemoRoom(elena)
    await nikolay.goto(roomPath)
    for (const page of [elena, nikolay]) await page.locator('.chat-connection', { hasText: 'На живо' }).waitFor()
    await expectNoAxeViolations(elena)

    await elena.locator('#chat-body').click()
    await elena.keyboard.type('Потвърждавам посещението в четвъртък')
    await nikolay.locator('.chat-typing', { hasText: 'Елена Петкова пише' }).waitFor()
    await elena.keyboard.press('Enter')
    await nikolay.locator('.chat-log .chat-message', { hasText: 'Потвърждавам посещението в четвъртък' }).waitFor()
    expect(await elena.inputValue('#chat-body')).toBe('')

    await nikolay.fill('#chat-body', 'Майката е на 0888 123 456 след 17 ч.')
    await nikolay.getByRole('button', { name: 'Изпрати', exact: true }).click()
    await nikolay.locator('.privacy-refused li', { hasText: '0888 123 456' }).waitFor()
    expect(await nikolay.inputValue('#chat-body')).toBe('Майката е на 0888 123 456 след 17 ч.')
    await expectNoAxeViolations(nikolay)
    await nikolay.getByRole('button', { name: 'Замени с обозначения' }).click()
    expect(await nikolay.inputValue('#chat-body')).toBe('Майката е на [ТЕЛЕФОН] след 17 ч.')
    await nikolay.keyboard.press('Enter')
    await nikolay.locator('#chat-body').focus()
    await nikolay.keyboard.press('Enter')
    await elena.locator('.chat-log .chat-message', { hasText: 'Майката е на [ТЕЛЕФОН] след 17 ч.' }).waitFor()
    expect(await elena.locator('.chat-log', { hasText: '0888' }).count()).toBe(0)
    for (const page of [elena, nikolay]) await page.context().close()
  })

  it('works without JavaScript: history and a plain form to post', async () => {
    const page = await member('mediator@demo.bg', false)
    await page.goto(roomPath || (await openDemoRoom(page)))
    expect(await page.locator('.chat-log .chat-message').count()).toBeGreaterThan(0)
    await page.fill('#chat-body', 'Ще взема учебниците от училището в сряда.')
    await Promise.all([page.waitForURL(/#m\d+$/), page.getByRole('button', { name: 'Изпрати', exact: true }).click()])
    await page.locator('.chat-log .chat-message', { hasText: 'Ще взема учебниците от училището в сряда.' }).waitFor()
  })

  it('a member posts the minutes to the case thread', async () => {
    const page = await member('coordinator@demo.bg', false)
    roomPath ||= await openDemoRoom(page)
    await page.goto(`${roomPath}/minutes`)
    await page.fill(
      '#f-summary',
      'Решения: посещение в четвъртък; училището осигурява учебници.\n\nКой какво прави: ' +
        'медиатор и социален работник — посещение; училището — занятия.',
    )
    await page.check('#minutes-all')
    await Promise.all([page.waitForURL(/\/cases\//), page.getByRole('button', { name: 'Публикувай в случая' }).click()])
    await page.locator('text=Протокол от казусна конференция').first().waitFor()
    expect(await page.locator('body').textContent()).toContain('училището осигурява учебници')
  })

  // axe runs its script in the page, so these checks use a context with JavaScript (same server markup).
  it('the room page and the minutes page pass axe-core', async () => {
    const page = await member('coordinator@demo.bg')
    roomPath ||= await openDemoRoom(page)
    await page.goto(roomPath)
    await page.locator('.chat-connection', { hasText: 'На живо' }).waitFor()
    await expectNoAxeViolations(page)
    await page.goto(`${roomPath}/minutes`)
    await expectNoAxeViolations(page)
    await page.goto('/chat')
    await expectNoAxeViolations(page)
  })

  it('a signed-out visitor is sent to sign in', async () => {
    const page = await open()
    await page.goto(roomPath)
    expect(new URL(page.url()).pathname).toBe('/login')
  })
})
