import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import { chromiumPath, expectNoAxeViolations, signIn, submit } from './support/browser'
import { browserSession } from './support/session'

const DESCRIPTION = 'Майката Мария Иванова, телефон 0888123456, живее на ул. Вапцаров 12.'
const REDACTED = 'Майката [ИМЕ], телефон [ТЕЛЕФОН], живее на [АДРЕС].'
const SECTIONS = ['problem', 'actions', 'results', 'resources']

/** What has the keyboard focus: a toolbar button (by its name) or another control (by its id). */
async function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement
    const editor = el?.closest('[role=toolbar]')?.closest('.field')?.querySelector('[contenteditable]')
    return editor ? `toolbar ${editor.id}: ${el?.getAttribute('aria-label')}` : `#${el?.id}`
  })
}

/** Waits until a toggle button says it is pressed, or not. */
const pressed = (button: Locator, value: boolean) =>
  button.and(button.page().locator(`[aria-pressed=${value}]`)).waitFor()

/** The live panel, once it has settled on the text after the redaction: nothing found, nothing to redact. */
async function expectNoLiveFindings(panel: Locator) {
  await panel.locator('.privacy-live', { hasText: 'Не са открити лични данни.' }).waitFor()
  expect(await panel.locator('.privacy-live').textContent()).not.toContain('Възможни лични данни')
  expect(await panel.locator('.privacy-live li').count()).toBe(0)
  expect(await panel.getByRole('button', { name: 'Замени с обозначения' }).count()).toBe(0)
}

describe.skipIf(!chromiumPath())('the rich-text editor with JavaScript', () => {
  const { open } = browserSession()
  let casePath = ''

  it('a case redacted with the button leaves no live findings behind', async () => {
    const page = await open()
    await signIn(page, 'staff@demo.bg')
    await page.goto('/cases/new')
    await page.fill('#f-title', `Редакция на описанието ${Date.now().toString(36)}`)
    const editor = page.locator('#f-description[contenteditable=true]')
    await editor.click()
    await page.keyboard.type(DESCRIPTION)
    await page.locator('.privacy-live', { hasText: '0888123456' }).waitFor()
    await page.selectOption('#f-districtCode', 'lyulin')
    await page.selectOption('#f-ageBand', '7-10')
    await page.selectOption('#f-educationStage', 'primary')
    await submit(page, 'Отвори случая')
    await page.locator('.privacy-refused').waitFor()
    await submit(page, 'Замени с обозначения')
    await page.locator('#f-description[contenteditable=true]', { hasText: '[ИМЕ]' }).waitFor()
    expect(await editor.textContent()).toBe(REDACTED)
    await expectNoLiveFindings(page.locator('.case-form-page'))
    await submit(page, 'Отвори случая')
    await page.waitForURL(/\/cases\/%D0%A1-\d{4}-\d{4}$/)
    casePath = new URL(page.url()).pathname
  })

  it('a reply redacted from the live panel leaves no live findings behind', async () => {
    const page = await open()
    await signIn(page, 'social.worker@demo.bg')
    await page.goto(casePath)
    const editor = page.locator('#reply-form [contenteditable=true]')
    await editor.click()
    await page.keyboard.type('Обадете се на майката на 0888123456 утре.')
    const form = page.locator('#reply-form')
    await form.locator('.privacy-live', { hasText: '0888123456' }).waitFor()
    await submit(page, 'Замени с обозначения')
    await page.locator('#reply-form [contenteditable=true]', { hasText: '[ТЕЛЕФОН]' }).waitFor()
    await expectNoLiveFindings(form)
  })

  it('a practice redacted from the live panel shows the redacted text in its fields, and no live findings', async () => {
    const page = await open()
    await signIn(page, 'staff@demo.bg')
    await page.goto('/practices/new')
    await page.locator('#f-problem[contenteditable=true]').click()
    await page.keyboard.type('Майката се обажда от 0888123456.')
    await page.fill('#f-title', 'Разговор с Мария Иванова')
    await page.locator('.privacy-live', { hasText: '0888123456' }).waitFor()
    await submit(page, 'Замени с обозначения')
    await page.locator('#f-problem[contenteditable=true]', { hasText: '[ТЕЛЕФОН]' }).waitFor()
    expect(await page.locator('#f-problem').textContent()).toBe('Майката се обажда от [ТЕЛЕФОН].')
    expect(await page.inputValue('#f-title')).toBe('Разговор с [ИМЕ]')
    await expectNoLiveFindings(page.locator('.practice-form'))
  })

  it('each toolbar is one Tab stop, its buttons are reached with the arrow keys, and show their state', async () => {
    const page = await open()
    await signIn(page, 'staff@demo.bg')
    await page.goto('/cases/new')
    const toolbar = page.getByRole('toolbar', { name: 'Форматиране' })
    const bold = toolbar.getByRole('button', { name: 'Удебелен' })
    await bold.waitFor()
    await page.focus('#f-title')
    await page.keyboard.press('Tab')
    expect(await focused(page)).toBe('toolbar f-description: Удебелен')
    await page.keyboard.press('ArrowRight')
    expect(await focused(page)).toBe('toolbar f-description: Курсив')
    await page.keyboard.press('End')
    expect(await focused(page)).toBe('toolbar f-description: Върни')
    await page.keyboard.press('ArrowRight')
    expect(await focused(page)).toBe('toolbar f-description: Удебелен')
    await page.keyboard.press('ArrowLeft')
    expect(await focused(page)).toBe('toolbar f-description: Върни')
    await page.keyboard.press('Home')
    await page.keyboard.press('ArrowRight')
    expect(await focused(page)).toBe('toolbar f-description: Курсив')
    expect(await toolbar.locator('button[tabindex="0"]').count()).toBe(1)
    await page.keyboard.press('Tab')
    expect(await focused(page)).toBe('#f-description')

    // The editor's own shortcut: the toolbar shows the selection's format.
    await pressed(bold, false)
    await page.keyboard.type('Среща в училище')
    await page.keyboard.press('Control+A')
    await page.keyboard.press('Control+B')
    await page.locator('#f-description strong, #f-description .editor-bold').first().waitFor()
    await pressed(bold, true)
    const italic = toolbar.getByRole('button', { name: 'Курсив' })
    await pressed(italic, false)
    // Back into the toolbar on the button last used there; Bold pressed again takes the format off.
    await page.keyboard.press('Shift+Tab')
    expect(await focused(page)).toBe('toolbar f-description: Курсив')
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('Space')
    await pressed(bold, false)
    expect(await focused(page)).toBe('toolbar f-description: Удебелен')
    await page.keyboard.press('Enter')
    await pressed(bold, true)
    expect(await focused(page)).toBe('toolbar f-description: Удебелен')
    // Back in the text, the selection is where it was: typing replaces it, in bold.
    await page.keyboard.press('Tab')
    expect(await focused(page)).toBe('#f-description')
    await page.keyboard.type('Посещение')
    expect(await page.locator('#f-description .editor-bold').allTextContents()).toEqual(['Посещение'])
    expect(await page.locator('#f-description').textContent()).toBe('Посещение')
    const list = toolbar.getByRole('button', { name: 'Списък с точки' })
    await pressed(list, false)
    await list.click()
    await pressed(list, true)
    await page.locator('#f-description ul').waitFor()
    await list.click()
    await pressed(list, false)
    await page.locator('#f-description ul').waitFor({ state: 'detached' })
    await expectNoAxeViolations(page)
  })

  it('the practice form: a Tab into each of its four editors passes its toolbar once', async () => {
    const page = await open()
    await signIn(page, 'staff@demo.bg')
    await page.goto('/practices/new')
    await page.locator('#f-resources[contenteditable=true]').waitFor()
    await page.focus('#f-language')
    const stops: string[] = []
    for (let i = 0; i < SECTIONS.length * 2; i++) {
      await page.keyboard.press('Tab')
      stops.push(await focused(page))
    }
    expect(stops).toEqual(SECTIONS.flatMap((s) => [`toolbar f-${s}: Удебелен`, `#f-${s}`]))
  })
})
