import { describe, expect, it } from 'vitest'

import { chromiumPath, expectNoAxeViolations, signIn, submit } from './support/browser'
import { browserSession } from './support/session'

describe.skipIf(!chromiumPath())('anonymising an account in Chromium', () => {
  const { openContext } = browserSession()

  for (const javaScript of [false, true]) {
    it(`an admin rejects a request, confirms on the erase page and the person is a former user (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const email = `e2e-erase-${javaScript ? 'js' : 'nojs'}-${Date.now()}@example.bg`
      const name = javaScript ? 'Светлозара Заличена' : 'Бойка Заличена'
      const applicant = await openContext({ javaScript })
      const page = await applicant.newPage()
      await page.goto('/signup')
      await page.fill('input[name=name]', name)
      await page.fill('input[name=email]', email)
      await page.fill('input[name=password]', 'a-long-password-1')
      await page.fill('input[name=passwordConfirm]', 'a-long-password-1')
      await page.selectOption('select[name=institutionId]', { index: 1 })
      await page.click('form.form button[type=submit]')
      await page.waitForURL('**/signup?sent=1')

      const admin = await (await openContext({ javaScript })).newPage()
      await signIn(admin, 'admin@demo.bg')
      await admin.goto('/admin/approvals')
      await admin.locator('li.card', { hasText: email }).locator('button[value=reject]').click()
      await admin.waitForSelector('.flash-success')

      await admin.goto(`/admin/users?q=${encodeURIComponent(email)}`)
      await Promise.all([
        admin.waitForURL('**/erase'),
        admin.getByRole('link', { name: `Анонимизирай… ${name}` }).click(),
      ])
      await expect.poll(() => admin.textContent('h1')).toContain('Анонимизиране на профил')
      expect(await admin.textContent('main')).toContain(email)
      await expectNoAxeViolations(admin)

      // Not ticked: nothing happens, the page says why next to the box.
      await submit(admin, 'Анонимизирай профила')
      await expect.poll(() => admin.locator('#f-confirm-error').textContent()).toContain('окончателно')
      expect(await admin.getAttribute('#f-confirm', 'aria-invalid')).toBe('true')
      await expectNoAxeViolations(admin)

      await admin.check('#f-confirm')
      await Promise.all([
        admin.waitForURL('**/admin/users'),
        admin.getByRole('button', { name: 'Анонимизирай профила' }).click(),
      ])
      await expect.poll(() => admin.locator('.flash-success').textContent()).toMatch(/Бивш потребител \d+/)
      await admin.goto(`/admin/users?q=${encodeURIComponent(email)}`)
      expect(await admin.locator('tbody tr').count()).toBe(0)
      await admin.goto(`/admin/users?q=${encodeURIComponent(name)}`)
      expect(await admin.locator('tbody tr').count()).toBe(0)

      // The old address and password open nothing.
      await page.goto('/login')
      await page.fill('input[name=email]', email)
      await page.fill('input[name=password]', 'a-long-password-1')
      await page.click('form.form button[type=submit]')
      await expect.poll(() => page.locator('[role=alert]').first().textContent()).toContain('Грешен имейл или парола')
    })
  }
})
