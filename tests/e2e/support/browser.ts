import AxeBuilder from '@axe-core/playwright'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { expect, inject } from 'vitest'

export const baseUrl = () => inject('baseUrl')
export const chromiumPath = () => inject('chromium')

export const DEMO_PASSWORD = 'demo-password-2026'
/** One page step (a click, a wait, a navigation); generous, because the CI machine is shared. */
const ACTION_TIMEOUT_MS = 60_000

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

type Viewport = { width: number; height: number }

const contextOptions = (viewport: Viewport | undefined) => ({
  baseURL: baseUrl(),
  ...(viewport ? { viewport, isMobile: true, hasTouch: true } : {}),
  locale: 'bg-BG',
  timezoneId: 'Europe/Sofia',
})

/** Contexts opened without JavaScript, with their viewport: axe cannot run inside them (see below). */
const withoutJavaScript = new WeakMap<BrowserContext, Viewport | undefined>()

export async function newContext(
  browser: Browser,
  options: { javaScript?: boolean; viewport?: Viewport } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    ...contextOptions(options.viewport),
    javaScriptEnabled: options.javaScript ?? true,
  })
  if (options.javaScript === false) withoutJavaScript.set(context, options.viewport)
  // A step that waits for something that never comes fails with its own locator, not the test's time limit.
  context.setDefaultTimeout(ACTION_TIMEOUT_MS)
  context.setDefaultNavigationTimeout(ACTION_TIMEOUT_MS)
  return context
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

/** Sends the sign-up form as a new colleague would (the first institution in the list); waits for "request sent". */
export async function signUp(page: Page, name: string, email: string, password = 'a-long-password-1') {
  await page.goto('/signup')
  await page.fill('input[name=name]', name)
  await page.fill('input[name=email]', email)
  await page.fill('input[name=password]', password)
  await page.fill('input[name=passwordConfirm]', password)
  await page.selectOption('select[name=institutionId]', { index: 1 })
  await page.click('form.form button[type=submit]')
  await page.waitForURL('**/signup?sent=1')
}

/**
 * What has keyboard focus, as a person would tell it apart: the tag and its aria-label, else its id, else its text
 * ('body' when focus was lost). Poll it: focus moves in an effect after the render.
 */
export async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement
    if (!el || el === document.body) return 'body'
    const name = el.getAttribute('aria-label') ?? (el.id ? `#${el.id}` : (el.textContent ?? '').trim().slice(0, 80))
    return `${el.tagName.toLowerCase()} ${name}`
  })
}

/** Clicks the (first) button of that name and waits until the page it leads to has loaded and gone quiet. */
export async function submit(page: Page, buttonName: string | RegExp) {
  await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: buttonName }).first().click()])
  await page.waitForLoadState('networkidle')
}

/**
 * WCAG 2.1 A/AA rules of axe-core, plus 2.5.3 "label in name" (experimental in axe, so enabled by name), run on
 * the page as the person meets it: with JavaScript, after hydration and the client-only parts (the editor) have
 * loaded. A failing page lists each violation with its nodes.
 */
export async function expectNoAxeViolations(page: Page) {
  if (withoutJavaScript.has(page.context())) {
    return expectNoAxeViolationsWithoutJavaScript(page, withoutJavaScript.get(page.context()))
  }
  // Without JavaScript the Remix context script never ran: there is nothing to hydrate.
  const scripted = await page.evaluate(() => '__remixContext' in window).catch(() => false)
  if (scripted) {
    await page.waitForSelector('html[data-hydrated]', { timeout: 15_000 })
    await page.waitForLoadState('networkidle')
  }
  await expectAxeClean(page)
}

/**
 * axe-core never finishes in a page whose context has JavaScript switched off (its asynchronous steps never run), so
 * the page as that visitor got it — its current HTML, the same cookies and viewport — is checked in a twin context
 * with JavaScript on, where the app's own scripts are blocked so nothing hydrates or changes the page.
 */
async function expectNoAxeViolationsWithoutJavaScript(page: Page, viewport: Viewport | undefined) {
  const browser = page.context().browser()!
  const twin = await browser.newContext({
    ...contextOptions(viewport),
    storageState: await page.context().storageState(),
  })
  try {
    const url = page.url()
    const html = await page.content()
    await twin.route(
      (target) => target.href === url,
      (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
    )
    await twin.route('**/build/**/*.js', (route) => route.abort())
    const copy = await twin.newPage()
    await copy.goto(url)
    await copy.waitForLoadState('load')
    await expectAxeClean(copy, url)
  } finally {
    await twin.close()
  }
}

async function expectAxeClean(page: Page, url = page.url()) {
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
  expect(summary, `axe violations on ${url}`).toEqual([])
}
