import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import { chromiumPath, expectNoAxeViolations, focused, signIn, submit } from './support/browser'
import { browserSession } from './support/session'

const FOUR_FINDINGS = 'Детето Иван Петров, ЕГН 0641051235, живее на ул. „Опълченска“ 12, тел. 0888 123 456'

async function checked(page: Page, path?: string) {
  if (path) {
    const response = await page.goto(path)
    expect(response?.status(), path).toBeLessThan(400)
  }
  await expectNoAxeViolations(page)
}

describe.skipIf(!chromiumPath())('cases, as a new user would try them', () => {
  const { open, openContext } = browserSession()
  let casePath = ''
  const title = `Момче, 12 г., не посещава училище ${Date.now().toString(36)}`

  it('keeps signed-out visitors out', async () => {
    const page = await open()
    await page.goto('/cases')
    expect(new URL(page.url()).pathname).toBe('/login')
    await page.goto('/cases/%D0%A1-2026-0001')
    expect(new URL(page.url()).pathname).toBe('/login')
  })

  it('staff opens a case without JavaScript; the privacy guard refuses, redacts, then saves', async () => {
    const context = await openContext({ javaScript: false })
    const page = await context.newPage()
    await signIn(page, 'staff@demo.bg')
    await page.goto('/cases/new')
    await page.fill('#f-title', title)
    await page.fill('#f-description', FOUR_FINDINGS)
    await page.selectOption('#f-districtCode', 'lyulin')
    await page.selectOption('#f-ageBand', '11-14')
    await page.selectOption('#f-educationStage', 'lower_secondary')
    await page.check('#f-tags-long_absence')
    await submit(page, 'Отвори случая')
    expect(await page.locator('.privacy-refused li').count()).toBe(4)
    expect(await page.inputValue('#f-description')).toBe(FOUR_FINDINGS)
    await submit(page, 'Замени с обозначения')
    expect(await page.inputValue('#f-description')).toBe('Детето [ИМЕ], ЕГН [ЕГН], живее на [АДРЕС], тел. [ТЕЛЕФОН]')
    expect(await page.isChecked('#f-tags-long_absence')).toBe(true)
    await submit(page, 'Отвори случая')
    expect(page.url()).toMatch(/\/cases\/%D0%A1-\d{4}-\d{4}$/)
    casePath = new URL(page.url()).pathname
    expect(await page.locator('h1').textContent()).toContain(title)
    await context.close()
  })

  // axe-core needs JavaScript in the page, so the accessibility pass runs with it on.
  it('the case pages and the refused form pass axe-core (WCAG 2.1 AA)', async () => {
    const context = await openContext({ javaScript: true })
    const page = await context.newPage()
    await signIn(page, 'staff@demo.bg')
    await checked(page, '/cases')
    await checked(page, '/cases?status=open&sort=newest')
    await checked(page, '/cases/new')
    await page.fill('#f-title', 'Проверка на достъпността')
    await page.locator('.case-form-page [contenteditable=true]').click()
    await page.keyboard.type(FOUR_FINDINGS)
    await page.locator('.privacy-live', { hasText: '0641051235' }).waitFor()
    await page.selectOption('#f-districtCode', 'lyulin')
    await page.selectOption('#f-ageBand', '7-10')
    await page.selectOption('#f-educationStage', 'primary')
    await page.getByRole('button', { name: 'Отвори случая' }).click()
    await page.locator('.privacy-refused').waitFor()
    await checked(page)
    await checked(page, casePath)
    await context.close()
  })

  /** A colleague on the case page with JavaScript, the reply editor focused. */
  async function replyEditor() {
    const context = await openContext({ javaScript: true })
    const page = await context.newPage()
    await signIn(page, 'social.worker@demo.bg')
    await page.goto(casePath)
    await page.waitForLoadState('networkidle')
    const editor = page.locator('#reply-form [contenteditable=true]')
    await editor.click()
    return { context, page, editor }
  }

  it('a colleague replies with JavaScript: live findings, @mention autocomplete, notification', async () => {
    const { context, page } = await replyEditor()
    await page.keyboard.type('Обадете се на тел. 0888 123 456')
    await page.locator('.privacy-live', { hasText: '0888 123 456' }).waitFor()
    await page.keyboard.press('Control+A')
    await page.keyboard.press('Backspace')
    await page.keyboard.type('Посещение в сряда. @Елена Петкова, ще дойдете ли?')
    await page.locator('.privacy-live', { hasText: 'Не са открити' }).waitFor()
    const combo = page.getByRole('combobox', { name: /Споменете колеги/ })
    await combo.fill('Радо')
    await page.getByRole('option', { name: /Радослав Христов/ }).waitFor()
    await combo.press('ArrowDown')
    await combo.press('Enter')
    await page.locator('.mention-chips', { hasText: 'Радослав Христов' }).waitFor()
    await checked(page)
    await submit(page, 'Публикувай отговора')
    expect(await page.locator('#reply-1').textContent()).toContain('Посещение в сряда')
    await context.close()
  })

  it('removing a mention with the keyboard moves focus to the next one, the one before, then the field', async () => {
    const context = await openContext({ javaScript: true })
    const page = await context.newPage()
    await signIn(page, 'social.worker@demo.bg')
    await page.goto('/cases/%D0%A1-2026-0001')
    const combo = page.getByRole('combobox', { name: /Споменете колеги/ })
    const suggestions = page.getByRole('listbox', { name: /Споменете колеги/ })
    for (const [query, name] of [
      ['Ива', 'Весела Иванова'],
      ['Радо', 'Радослав Христов'],
      ['Мирела', 'Мирела Стоянова'],
    ]) {
      await combo.fill(query)
      await suggestions.getByRole('option', { name: new RegExp(name) }).waitFor()
      await combo.press('Enter')
      await page.locator('.mention-chips', { hasText: name }).waitFor()
    }
    await page.getByRole('button', { name: 'Премахни Радослав Христов' }).focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => focused(page)).toBe('button Премахни Мирела Стоянова')
    await page.keyboard.press('Enter')
    await expect.poll(() => focused(page)).toBe('button Премахни Весела Иванова')
    await page.keyboard.press('Enter')
    await expect.poll(() => focused(page)).toMatch(/^input #.+-input$/)
    expect(await page.locator('.mention-chips').count()).toBe(0)
    await context.close()
  })

  it("a reply's links are followed inside the page: quoting keeps the page, the scroll and the reply form", async () => {
    const { context, page } = await replyEditor()
    // A marker that a full page load would lose: the reply list is markup the server kept, followed by a handler.
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true))
    await page
      .locator('#reply-1')
      .getByRole('link', { name: /^Цитирай/ })
      .click()
    await page.waitForURL(/[?&]quote=1#reply-form$/)
    await page.locator('#reply-form', { hasText: 'Цитирате отговор №1' }).waitFor()
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true)
    await page.locator('#reply-form [contenteditable=true]').click()
    await page.keyboard.type('Съгласна съм, ще се включа в посещението.')
    await checked(page)
    await submit(page, 'Публикувай отговора')
    await page.locator('#reply-2 blockquote.reply-quote', { hasText: 'Посещение в сряда' }).waitFor()
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true)
    // A reply's own link that is not this site's page stays the browser's: the number is an anchor.
    expect(await page.locator('#reply-2 a.reply-number').getAttribute('href')).toBe('#reply-2')
    await context.close()
  })

  it('a link to a personal profile made with the editor link button is refused; the redaction removes it', async () => {
    const { context, page, editor } = await replyEditor()
    await page.keyboard.type('Майката писа от профила си.')
    await page.keyboard.press('Control+A')
    page.once('dialog', (dialog) => void dialog.accept('https://www.facebook.com/ivan.petrov.1987'))
    await page.locator('#reply-form').getByRole('button', { name: 'Връзка' }).click()
    await editor.locator('a').waitFor()
    // The live check sees what the server will: the link's address, not only its text.
    await page.locator('.privacy-live', { hasText: 'facebook.com/ivan.petrov.1987' }).waitFor()
    await submit(page, 'Публикувай отговора')
    expect(await page.locator('#reply-form .privacy-refused').textContent()).toContain('facebook.com/ivan.petrov.1987')
    const replies = await page.locator('.reply').count()
    await submit(page, 'Замени с обозначения')
    // The editor opens again with the redacted document: the text stays, the link is gone.
    await editor.locator('a').waitFor({ state: 'detached' })
    expect(await editor.textContent()).toContain('Майката писа от профила си.')
    await submit(page, 'Публикувай отговора')
    await page.locator('.reply').nth(replies).waitFor()
    expect(await page.locator('main a[href*="facebook.com"]').count()).toBe(0)
    await context.close()
  })

  it('the mentioned author sees the notification and resolves the case with an outcome', async () => {
    const context = await openContext({ javaScript: true })
    const page = await context.newPage()
    await signIn(page, 'staff@demo.bg')
    await checked(page, '/notifications')
    expect(await page.locator('main').textContent()).toContain('ви спомена')
    await page.goto(casePath)
    await page.selectOption('#f-status', 'resolved')
    await page.selectOption('#f-outcome', 'returned_to_school')
    await submit(page, 'Промени статуса')
    expect(await page.locator('.case-meta').textContent()).toContain('Върнато в училище')
    await checked(page)
    await context.close()
  })

  it('a case that does not exist says so inside the app, in the page language, with a way back', async () => {
    const context = await openContext({ javaScript: true })
    const page = await context.newPage()
    await signIn(page, 'staff@demo.bg')
    const response = await page.goto('/cases/%D0%A1-2099-9999')
    expect(response?.status()).toBe(404)
    expect(await page.locator('main').textContent()).toContain('Няма такъв случай')
    expect(await page.getByRole('link', { name: 'Към всички случаи' }).count()).toBe(1)
    expect(await page.getByRole('navigation').count()).toBeGreaterThan(0)
    await checked(page)
    await page.goto('/events/no-such-event')
    expect(await page.locator('main').textContent()).toContain('Няма такова събитие')
    await checked(page)
    await context.close()
  })

  it('coordinators see the who-viewed log and the moderation queue', async () => {
    const context = await openContext({ javaScript: true })
    const page = await context.newPage()
    await signIn(page, 'coordinator@demo.bg')
    await checked(page, `${casePath}/viewers`)
    expect(await page.locator('h1').textContent()).toContain('Кой е разглеждал')
    expect(await page.locator('tbody tr').count()).toBeGreaterThan(0)
    await checked(page, '/cases/moderation')
    await context.close()
  })

  it("a coordinator erases a post's edit history from the queue and the history page, without JavaScript too", async () => {
    const earlier = `Описание преди поправката ${Date.now().toString(36)}`
    const coordinator = await openContext({ javaScript: false })
    const noScript = await coordinator.newPage()
    await signIn(noScript, 'coordinator@demo.bg')
    for (const text of [earlier, 'Описание след поправката.']) {
      await noScript.goto(`${casePath}/edit`)
      await noScript.fill('#f-description', text)
      await submit(noScript, 'Запази промените')
    }
    const staff = await openContext({ javaScript: false })
    const flagger = await staff.newPage()
    await signIn(flagger, 'staff@demo.bg')
    await flagger.goto(`${casePath}/flag`)
    await flagger.selectOption('#f-reason', 'personal_data')
    await submit(flagger, 'Изпрати сигнала')
    await staff.close()

    const scripted = await openContext({ javaScript: true })
    const page = await scripted.newPage()
    await signIn(page, 'coordinator@demo.bg')
    await checked(page, '/cases/moderation')
    const item = page.locator('li.panel', { hasText: decodeURIComponent(casePath.split('/').pop()!) })
    expect(await item.textContent()).toContain('2 предишни версии')
    await item.getByRole('button', { name: 'Скрий публикацията и изтрий историята на редакциите ѝ' }).waitFor()
    await checked(page, `${casePath}/history`)
    const opening = page.locator('section.panel', { has: page.getByRole('heading', { name: 'Описание на случая' }) })
    expect(await opening.locator('li').count()).toBe(2)
    // With JavaScript the erasure asks first; declined, nothing is posted.
    let asked = ''
    page.once('dialog', (dialog) => {
      asked = dialog.message()
      void dialog.dismiss()
    })
    await opening.getByRole('button', { name: 'Изтрий историята на редакциите' }).click()
    expect(asked).toContain('предишните версии')
    expect(await opening.locator('li').count()).toBe(2)
    await scripted.close()

    await noScript.goto(`${casePath}/history`)
    expect(await noScript.locator('main').textContent()).toContain(earlier)
    await submit(noScript, 'Изтрий историята на редакциите')
    expect(new URL(noScript.url()).pathname).toBe(`${casePath}/history`)
    expect(await noScript.locator('.flash').textContent()).toContain(
      'Историята на редакциите на публикацията е изтрита.',
    )
    const main = await noScript.locator('main').textContent()
    expect(main).toContain('Няма редакции.')
    expect(main).not.toContain(earlier)
    await checked(noScript)
    await coordinator.close()
  })
})
