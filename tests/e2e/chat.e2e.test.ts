import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import { chromiumPath, expectNoAxeViolations, focused, signIn } from './support/browser'
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

/**
 * Records what a screen reader is handed to announce: every node added inside a live region (an aria-live other
 * than off, or a role log, status or alert) whose aria-relevant includes additions, as its text.
 */
async function recordAnnouncements(page: Page) {
  await page.evaluate(() => {
    const announced: string[] = []
    ;(window as unknown as { announced: string[] }).announced = announced
    const implicit: Record<string, string> = { log: 'polite', status: 'polite', alert: 'assertive' }
    const regionOf = (node: Node) => {
      for (let el = node instanceof Element ? node : node.parentElement; el; el = el.parentElement) {
        const live = el.getAttribute('aria-live') ?? implicit[el.getAttribute('role') ?? '']
        if (live) return { live, relevant: el.getAttribute('aria-relevant') ?? 'additions text' }
      }
      return null
    }
    new MutationObserver((records) => {
      for (const record of records) {
        const region = regionOf(record.target)
        if (!region || region.live === 'off' || !/additions|all/.test(region.relevant)) continue
        for (const node of record.addedNodes) announced.push(node.textContent ?? '')
      }
    }).observe(document.body, { childList: true, subtree: true })
  })
}

const announcedWith = (page: Page, text: string) =>
  page.evaluate(
    (text) => (window as unknown as { announced: string[] }).announced.filter((a) => a.includes(text)),
    text,
  )

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

  it('a new message is announced once, to its author and to the others, without its buttons', async () => {
    const elena = await member('staff@demo.bg')
    const nikolay = await member('social.worker@demo.bg')
    roomPath ||= await openDemoRoom(elena)
    for (const page of [elena, nikolay]) {
      await page.goto(roomPath)
      await page.locator('.chat-connection', { hasText: 'На живо' }).waitFor()
      await recordAnnouncements(page)
    }
    const text = `Ще се обадя на класната утре (${Date.now().toString(36)})`
    await elena.locator('#chat-body').focus()
    await elena.keyboard.type(text)
    await elena.keyboard.press('Enter')
    const edit = elena
      .locator('.chat-log .chat-message:not(.chat-pending)', { hasText: text })
      .getByRole('button', { name: /^Редактирай съобщение \d+$/ })
    await edit.waitFor()
    // The author hears it once (not "sending…", then again with "Edit Delete"), and so does everyone else.
    await expect.poll(() => announcedWith(elena, text)).toEqual([`Вие: ${text}`])
    await expect.poll(() => announcedWith(nikolay, text)).toEqual([`Елена Петкова: ${text}`])
    await elena.waitForTimeout(500)
    expect(await announcedWith(elena, text)).toHaveLength(1)
    expect(await announcedWith(nikolay, text)).toHaveLength(1)
    for (const page of [elena, nikolay]) await page.context().close()
  })

  it('editing and deleting a message with the keyboard keep focus on it', async () => {
    const elena = await member('staff@demo.bg')
    roomPath ||= await openDemoRoom(elena)
    await elena.goto(roomPath)
    await elena.locator('.chat-connection', { hasText: 'На живо' }).waitFor()
    const text = `Ще донеса документите в петък (${Date.now().toString(36)})`
    await elena.locator('#chat-body').focus()
    await elena.keyboard.type(text)
    await elena.keyboard.press('Enter')
    const edit = elena
      .locator('.chat-log .chat-message:not(.chat-pending)', { hasText: text })
      .getByRole('button', { name: /^Редактирай съобщение \d+$/ })
    const seq = (await edit.getAttribute('aria-label'))!.replace(/\D+/g, '')
    const message = elena.locator(`#m${seq}`)
    const editButton = `button Редактирай съобщение ${seq}`
    await edit.focus()
    await elena.keyboard.press('Enter')
    await expect.poll(() => focused(elena)).toBe(`textarea #edit-${seq}`)
    expect(await elena.locator(`#edit-${seq}`).evaluate((box: HTMLTextAreaElement) => box.selectionStart)).toBe(
      text.length,
    )
    await elena.keyboard.type(' — след 10 ч.')
    await elena.keyboard.press('Tab')
    expect(await focused(elena)).toBe('button Запази')
    await elena.keyboard.press('Enter')
    await message.locator('.chat-body', { hasText: `${text} — след 10 ч.` }).waitFor()
    await expect.poll(() => focused(elena)).toBe(editButton)

    // Escape cancels the edit, as the Cancel button does; focus comes back to Edit either way.
    await elena.keyboard.press('Enter')
    await expect.poll(() => focused(elena)).toBe(`textarea #edit-${seq}`)
    await elena.keyboard.type(' (чернова)')
    await elena.keyboard.press('Escape')
    await expect.poll(() => focused(elena)).toBe(editButton)
    expect(await message.locator('.chat-body').textContent()).toBe(`${text} — след 10 ч.`)
    await elena.keyboard.press('Enter')
    await expect.poll(() => focused(elena)).toBe(`textarea #edit-${seq}`)
    await elena.keyboard.press('Tab')
    await elena.keyboard.press('Tab')
    expect(await focused(elena)).toBe('button Отказ')
    await elena.keyboard.press('Enter')
    await expect.poll(() => focused(elena)).toBe(editButton)

    // Deleted, the message keeps focus and says so.
    elena.once('dialog', (dialog) => void dialog.accept())
    await elena.keyboard.press('Tab')
    expect(await focused(elena)).toBe(`button Изтрий съобщение ${seq}`)
    await elena.keyboard.press('Enter')
    await expect.poll(() => focused(elena)).toBe(`li #m${seq}`)
    expect(await message.textContent()).toContain('Съобщението е изтрито.')
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

  it('removing a member with the keyboard moves focus to the next member', async () => {
    const page = await member('coordinator@demo.bg')
    roomPath ||= await openDemoRoom(page)
    await page.goto(roomPath)
    await page.locator('.chat-connection', { hasText: 'На живо' }).waitFor()
    await page.getByRole('button', { name: 'Премахни Елена Петкова от стаята' }).focus()
    await page.keyboard.press('Enter')
    await page.locator('.chat-members li', { hasText: 'Елена Петкова' }).waitFor({ state: 'detached' })
    await expect.poll(() => focused(page)).toBe('button Премахни Николай Димитров от стаята')
    // Invited back, as the demo room was.
    const elena = await page.locator('#f-userIds option', { hasText: 'Елена Петкова' }).getAttribute('value')
    await page.selectOption('#f-userIds', elena!)
    await page.getByRole('button', { name: 'Покани избраните' }).click()
    await page.locator('.chat-members li', { hasText: 'Елена Петкова' }).waitFor()
  })

  it('a signed-out visitor is sent to sign in', async () => {
    const page = await open()
    await page.goto(roomPath)
    expect(new URL(page.url()).pathname).toBe('/login')
  })
})
