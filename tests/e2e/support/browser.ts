import AxeBuilder from '@axe-core/playwright'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { expect, inject } from 'vitest'

export const baseUrl = () => inject('baseUrl')
export const chromiumPath = () => inject('chromium')

export const DEMO_PASSWORD = 'demo-password-2026'

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath()!,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

export async function newContext(
  browser: Browser,
  options: { javaScript?: boolean; viewport?: { width: number; height: number } } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: baseUrl(),
    javaScriptEnabled: options.javaScript ?? true,
    ...(options.viewport ? { viewport: options.viewport, isMobile: true, hasTouch: true } : {}),
    locale: 'bg-BG',
    timezoneId: 'Europe/Sofia',
  })
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/login')
  await page.fill('input[name=email]', email)
  await page.fill('input[name=password]', password)
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/login')),
    page.click('form.form button[type=submit]'),
  ])
  // With JavaScript the URL changes before React commits the new page (startTransition): wait for the signed-in header.
  await page.waitForSelector('header form[action="/logout"]')
}

/**
 * WCAG 2.1 A/AA rules of axe-core, plus 2.5.3 "label in name" (experimental in axe, so enabled by name), run on
 * the page as the person meets it: with JavaScript, after hydration and the client-only parts (the editor) have
 * loaded. A failing page lists each violation with its nodes.
 */
export async function expectNoAxeViolations(page: Page) {
  // Without JavaScript the Remix context script never ran: there is nothing to hydrate.
  const scripted = await page.evaluate(() => '__remixContext' in window).catch(() => false)
  if (scripted) {
    await page.waitForSelector('html[data-hydrated]', { timeout: 15_000 })
    await page.waitForLoadState('networkidle')
  }
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .analyze()
  const summary = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 5)
        .join('\n    ')}`,
  )
  expect(summary, `axe violations on ${page.url()}`).toEqual([])
}
