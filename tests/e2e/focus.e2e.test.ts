import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import { chromiumPath, focused, signIn, signUp } from './support/browser'
import { browserSession } from './support/session'

/** Whether the focused element matches a selector (a summary or a message is known by its class). */
const focusIsOn = (page: Page, selector: string) => page.evaluate((s) => !!document.activeElement?.matches(s), selector)

describe.skipIf(!chromiumPath())('where the focus goes, for keyboard and screen-reader users (JavaScript on)', () => {
  const { openContext } = browserSession()

  it('a refused form focuses its summary, which links to each field to mend', async () => {
    const context = await openContext({ javaScript: true })
    const page = await context.newPage()
    await signIn(page, 'staff@demo.bg')
    await page.goto('/cases/new')
    await page.fill('input[name=title]', 'Момче не посещава училище')
    await page.locator('form.form button[type=submit][value=save]').focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => focusIsOn(page, '.error-summary')).toBe(true)
    const links = page.locator('.error-summary a')
    await expect.poll(() => links.count()).toBeGreaterThanOrEqual(3)
    expect(await links.allTextContents()).toContain('Район')
    // Tab reaches the first link; following it puts the focus in that field.
    await page.keyboard.press('Tab')
    expect(await focused(page)).toMatch(/^a /)
    await page.locator('.error-summary a', { hasText: 'Район' }).press('Enter')
    expect(await focused(page)).toBe('select #f-districtCode')
    await context.close()
  })

  it('a page the client router opens puts the focus on its heading', async () => {
    const context = await openContext({ javaScript: true })
    const page = await context.newPage()
    await signIn(page, 'staff@demo.bg')
    await page.goto('/cases')
    await page.locator('nav.main-nav a[href="/practices"]').press('Enter')
    await page.waitForURL('**/practices')
    await expect.poll(() => focused(page)).toMatch(/^h1/)
    await context.close()
  })

  it('an answer on the same page keeps the focus and announces its message; when the pressed button is gone, the focus goes to the message', async () => {
    const context = await openContext({ javaScript: true })
    const page = await context.newPage()
    await signIn(page, 'staff@demo.bg')
    // Saving the profile (unchanged) comes back to /account: the button keeps the focus, the message is read out from
    // the live region that was already in the page.
    await page.goto('/account')
    const region = await page.locator('#flash-region[role=status]').elementHandle()
    expect(region).not.toBeNull()
    await page.locator('form[aria-labelledby="profile-title"] button[type=submit]').press('Enter')
    await expect.poll(() => region!.evaluate((el) => el.isConnected && !!el.querySelector('.flash'))).toBe(true)
    expect(await focused(page)).toMatch(/^button/)

    // A coordinator approves a sign-up: its card (and the button pressed) is gone, so the focus goes to the message.
    const email = `e2e-focus-${Date.now()}@example.bg`
    const applicant = await openContext({ javaScript: false })
    await signUp(await applicant.newPage(), 'Фокус Тестов', email)
    await applicant.close()
    const coordinatorContext = await openContext({ javaScript: true })
    const coordinator = await coordinatorContext.newPage()
    await signIn(coordinator, 'coordinator@demo.bg')
    await coordinator.goto('/admin/approvals')
    await coordinator.locator('li.card', { hasText: email }).locator('button[value=approve]').press('Enter')
    await expect.poll(() => coordinator.locator('li.card', { hasText: email }).count()).toBe(0)
    await expect.poll(() => focusIsOn(coordinator, '.flash')).toBe(true)
    await coordinatorContext.close()
    await context.close()
  })
})
