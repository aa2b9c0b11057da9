import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import { baseUrl, chromiumPath, expectNoAxeViolations, signIn } from './support/browser'
import { browserSession } from './support/session'

const SKIP = /^\/(logout|build\/|notifications\/[^/]+$)|\.(ics|csv|pdf|svg|png|json)(\?|$)|\/api\/|\/download|\/export/

/** `/events/den-na-vratite-mx9v3` and `/cases/С-2026-0042/history` as `/events/:id` and `/cases/:id/history`. */
const pageShape = (path: string) =>
  path
    .replace(/\?.*$/, '')
    .split('/')
    .map((segment, i) => (i > 1 && /[\d-]/.test(segment) ? ':id' : segment))
    .join('/')

/**
 * Walks every page reachable by links from the start pages (same origin, GET), as a visitor and as
 * each demo role, and runs axe-core on each. Pages that exist are found, not listed by hand.
 */
async function crawl(page: Page, starts: string[], limit: number): Promise<string[]> {
  const seen = new Set<string>()
  const queue = [...starts]
  const visited: string[] = []
  const patterns = new Map<string, number>()
  while (queue.length && visited.length < limit) {
    const path = queue.shift()!
    if (seen.has(path)) continue
    seen.add(path)
    // Many pages of one shape (every case, every event): one of each is checked for each visitor, which keeps the
    // five crawls (a quarter of CI's time) short; the other browser tests check the busiest pages again.
    const shape = pageShape(path)
    const count = patterns.get(shape) ?? 0
    if (count >= 1) continue
    patterns.set(shape, count + 1)
    // A link to a file (a certificate, a report's spreadsheet) starts a download instead of opening a page.
    const response = await page.goto(path).catch((error: Error) => {
      if (error.message.includes('Download is starting')) return null
      throw error
    })
    if (!response || response.status() >= 400 || !(response.headers()['content-type'] ?? '').includes('text/html'))
      continue
    visited.push(path)
    await expectNoAxeViolations(page)
    const hrefs = await page.$$eval('a[href]', (links) => links.map((a) => (a as HTMLAnchorElement).href))
    for (const href of hrefs) {
      const url = new URL(href)
      if (url.origin !== new URL(baseUrl()).origin) continue
      const next = url.pathname + url.search
      if (!SKIP.test(next) && !seen.has(next)) queue.push(next)
    }
  }
  return visited
}

describe.skipIf(!chromiumPath())('every page passes axe-core (WCAG 2.1 AA)', () => {
  const { openContext } = browserSession()

  const publicStarts = [
    '/',
    '/login',
    '/signup',
    '/forgot-password',
    '/reset-password/not-a-token',
    '/events',
    '/practices',
    '/search?q=медиатор',
    '/no-such-page',
  ]

  it.concurrent(
    'as a signed-out visitor, in Bulgarian and in English',
    async () => {
      const context = await openContext()
      const page = await context.newPage()
      const visited = await crawl(page, publicStarts, 40)
      expect(visited.length).toBeGreaterThan(4)
      await page.goto('/')
      await page.click('button[aria-label="Switch to English"]')
      await page.waitForFunction(() => document.documentElement.lang === 'en')
      await crawl(page, ['/', '/login', '/signup', '/events', '/practices'], 15)
      await context.close()
    },
    900_000,
  )

  for (const email of ['staff@demo.bg', 'trainer@demo.bg', 'coordinator@demo.bg', 'admin@demo.bg']) {
    it.concurrent(
      `signed in as ${email}`,
      async () => {
        const context = await openContext()
        const page = await context.newPage()
        await signIn(page, email)
        const admin = email === 'admin@demo.bg'
        const visited = await crawl(
          page,
          [
            '/',
            '/account',
            '/notifications',
            '/cases',
            '/practices',
            '/training',
            '/events',
            '/chat',
            '/admin',
            ...(admin ? ['/admin/backups'] : []),
          ],
          40,
        )
        expect(visited.length).toBeGreaterThan(5)
        if (admin) {
          expect(visited).toContain('/admin/backups')
          await page.goto('/admin/backups')
          expect(await page.getByRole('status').filter({ hasText: 'резервно копие' }).count()).toBe(1)
        }
        await context.close()
      },
      900_000,
    )
  }
})
