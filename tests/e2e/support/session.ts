import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect } from 'vitest'

import { launchBrowser, newContext } from './browser'

type ContextOptions = Parameters<typeof newContext>[1]

/**
 * One Chromium for the `describe` it is called in: launched before its tests, closed with every context it opened
 * after them. Each page of those contexts reports its uncaught errors (a failed hydration among them: React then
 * re-renders and drops what was typed), and a test that caused any fails after it ran.
 */
export function browserSession() {
  let browser: Browser | undefined
  const contexts: BrowserContext[] = []
  const pageErrors: string[] = []

  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterEach(() => {
    expect(pageErrors.splice(0), 'uncaught errors in the pages').toEqual([])
  })
  afterAll(async () => {
    for (const context of contexts) await context.close()
    await browser?.close()
  })

  /** A new context (its own cookies); without JavaScript with `{ javaScript: false }`. */
  async function openContext(options?: ContextOptions): Promise<BrowserContext> {
    if (!browser) throw new Error('browserSession(): open pages inside tests or hooks, after the browser started')
    const context = await newContext(browser, options)
    contexts.push(context)
    context.on('page', (page) => page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`)))
    return context
  }

  /** A page in a new context of its own. */
  async function open(options?: ContextOptions): Promise<Page> {
    return (await openContext(options)).newPage()
  }

  return { open, openContext }
}
