import { describe, expect, it } from 'vitest'

import { chromiumPath, DEMO_PASSWORD, expectNoAxeViolations, signIn, signUp } from './support/browser'
import { browserSession } from './support/session'

describe.skipIf(!chromiumPath())('foundation in Chromium', () => {
  const { openContext } = browserSession()

  for (const javaScript of [false, true]) {
    it(`sign up → coordinator approves → sign in → switch language → sign out (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const email = `e2e-${javaScript ? 'js' : 'nojs'}-${Date.now()}@example.bg`
      const applicant = await openContext({ javaScript })
      const page = await applicant.newPage()
      await signUp(page, 'Мариела Тестова', email)
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('bg')
      // With JavaScript the URL changes before React commits the new page (a transition): wait for the heading.
      await expect.poll(() => page.textContent('h1')).toContain('Заявката е изпратена')

      const coordinator = await openContext({ javaScript })
      const coordPage = await coordinator.newPage()
      await signIn(coordPage, 'coordinator@demo.bg')
      await coordPage.goto('/admin/approvals')
      const card = coordPage.locator('li.card', { hasText: email })
      await card.locator('button[value=approve]').click()
      await coordPage.waitForSelector('.flash-success')
      expect(await coordPage.locator('li.card', { hasText: email }).count()).toBe(0)
      await coordinator.close()

      await signIn(page, email, 'a-long-password-1')
      expect(await page.textContent('h1')).toContain('Мариела Тестова')

      await page.click('button[aria-label="Switch to English"]')
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en')
      expect(await page.textContent('nav[aria-label="Main navigation"]')).toContain('Cases')

      // The choice is remembered on the account: a new sign-in keeps English.
      await page.click('header form[action="/logout"] button')
      await page.waitForSelector('header a[href="/login"]')
      expect(new URL(page.url()).pathname).toBe('/')
      await signIn(page, email, 'a-long-password-1')
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en')
      await applicant.close()
    })
  }

  for (const javaScript of [false, true]) {
    it(`shows the wrong-password error in the page language and keeps the e-mail typed (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const context = await openContext({ javaScript })
      const page = await context.newPage()
      await page.goto('/login')
      await page.fill('input[name=email]', 'trainer@demo.bg')
      await page.fill('input[name=password]', 'wrong')
      await page.click('form.form button[type=submit]')
      expect(await page.textContent('[role=alert]')).toContain('Грешен имейл или парола')
      expect(await page.inputValue('input[name=email]')).toBe('trainer@demo.bg')
      // axe runs its own script in the page, so it checks the (identical) markup with JavaScript on.
      if (javaScript) await expectNoAxeViolations(page)
      await context.close()
    })
  }

  it('keeps staff out of /admin and signed-out visitors out of staff pages', async () => {
    const context = await openContext()
    const page = await context.newPage()
    const signedOut = await page.goto('/cases')
    expect(new URL(page.url()).pathname).toBe('/login')
    expect(signedOut?.status()).toBe(200)
    await signIn(page, 'staff@demo.bg', DEMO_PASSWORD)
    const response = await page.goto('/admin/users')
    expect(response?.status()).toBe(403)
    expect(await page.textContent('main')).toContain('Нямате права')
    await expectNoAxeViolations(page)
    await context.close()
  })

  it('says on every page that this is demo data while demo accounts have the published password', async () => {
    const context = await openContext({ javaScript: false })
    const page = await context.newPage()
    for (const path of ['/', '/login', '/events', '/no-such-page']) {
      await page.goto(path)
      const banner = page.getByRole('complementary', { name: 'Демонстрационни данни' })
      expect(await banner.textContent(), path).toContain('Не въвеждайте истински данни')
    }
    await context.close()
  })

  it('answers an unknown address with a 404 page in the page language that passes axe-core', async () => {
    const context = await openContext()
    const page = await context.newPage()
    const response = await page.goto('/no-such-page')
    expect(response?.status()).toBe(404)
    expect(await page.textContent('main')).toContain('Страницата не е намерена')
    await expectNoAxeViolations(page)
    await context.close()
  })
})
