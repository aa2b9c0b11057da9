import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import { chromiumPath, expectNoAxeViolations, signIn } from './support/browser'
import { browserSession } from './support/session'

const PATROL = '/teams/obrazovatelen-patrul-nadezhda'
const PHONE = { width: 390, height: 844 }

/** The team page's "children reached" figure, as a number. */
async function childrenReached(page: Page) {
  await page.goto(PATROL)
  const text = await page
    .locator('.stat', { has: page.locator('dt', { hasText: 'Достигнати деца' }) })
    .locator('dd')
    .innerText()
  return Number(text.replace(/\D/g, ''))
}

/** The project's children reached on the coordinator's /reports (the default twelve months up to today). */
async function projectChildrenReached(page: Page) {
  await page.goto('/reports')
  const row = page.locator('#table-summary tbody tr', { has: page.locator('th', { hasText: /^Обхванати деца$/ }) })
  return Number((await row.locator('td').first().innerText()).replace(/\D/g, ''))
}

/** The first figure of "my team" on the home page: children reached in the last twelve months. */
async function homeTeamReached(page: Page) {
  await page.goto('/')
  const first = page.locator('[data-block="my-team"] .home-counts li').first()
  expect(await first.innerText()).toContain('обхванати деца')
  return Number((await first.locator('strong').innerText()).replace(/\D/g, ''))
}

describe.skipIf(!chromiumPath())('outreach teams and field rounds, as a team member would use them', () => {
  const { openContext } = browserSession()

  it('a mobile-team member records a field round on a 390-px phone without JavaScript; the team page moves', async () => {
    const context = await openContext({ javaScript: false, viewport: PHONE })
    const page = await context.newPage()
    await signIn(page, 'edu.mediator@demo.bg')
    const before = await childrenReached(page)
    const homeBefore = await homeTeamReached(page)
    const lead = await (await openContext({ javaScript: false })).newPage()
    await signIn(lead, 'coordinator@demo.bg')
    const projectBefore = await projectChildrenReached(lead)
    expect(projectBefore).toBeGreaterThan(0)

    await page.goto('/rounds/new')
    await expectNoAxeViolations(page)
    // Nothing on the form is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
    // The member's team and its districts are chosen already; the counts take the numeric keypad.
    expect(await page.locator('select[name=teamId] option:checked').innerText()).toContain('Образователен патрул')
    expect(await page.locator('input[name=districtCodes]:checked').count()).toBeGreaterThan(0)
    expect(await page.getAttribute('input[name=childrenMet]', 'inputmode')).toBe('numeric')

    await page.fill('input[name=householdsVisited]', '5')
    await page.fill('input[name=childrenMet]', '7')
    await page.fill('input[name=childrenOutOfSchool]', '2')
    await page.fill('input[name=referred]', '1')
    // A slip first: more children out of school than met is refused, with the message beside the field.
    await page.fill('input[name=childrenOutOfSchool]', '9')
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Запиши обход' }).click()])
    expect(await page.locator('[role=alert]').count()).toBeGreaterThan(0)
    expect(await page.locator('#f-childrenOutOfSchool-error').innerText()).toContain('срещнатите')
    await expectNoAxeViolations(page)
    expect(await page.inputValue('input[name=childrenMet]')).toBe('7')

    await page.fill('input[name=childrenOutOfSchool]', '2')
    await Promise.all([page.waitForURL(`**${PATROL}`), page.getByRole('button', { name: 'Запиши обход' }).click()])
    expect(await page.getByText('Обходът е записан.').count()).toBe(1)
    await expectNoAxeViolations(page)
    expect(await childrenReached(page)).toBe(before + 7)
    // The same 7 move the member's home page (their team's figures) and the project's progress to 580.
    expect(await homeTeamReached(page)).toBe(homeBefore + 7)
    expect(await projectChildrenReached(lead)).toBe(projectBefore + 7)

    // The round is listed on /rounds for its team, with a link to correct it.
    await page.goto('/rounds')
    await expectNoAxeViolations(page)
    expect(await page.getByRole('link', { name: /Редактирай/ }).count()).toBeGreaterThan(0)
    await context.close()
  }, 300_000)

  it('the team pages and a case page with its teams pass axe after hydration, with JavaScript', async () => {
    const context = await openContext()
    const page = await context.newPage()
    await signIn(page, 'coordinator@demo.bg')
    for (const path of ['/teams', PATROL, `${PATROL}/edit`, '/teams/new', '/rounds/new', '/cases/new']) {
      const response = await page.goto(path)
      expect(response?.status(), path).toBeLessThan(400)
      await expectNoAxeViolations(page)
    }
    // The bell is drawn, not typed: no emoji a machine may lack the font for.
    expect(await page.locator('header a[href="/notifications"] svg').count()).toBe(1)
    expect(await page.locator('header a[href="/notifications"]').innerText()).not.toMatch(/\p{Extended_Pictographic}/u)
    // The editor's toolbar is there (client-only) and its "1." and "URL" buttons say what they show.
    await page.waitForSelector('.editor-toolbar')
    expect(await page.getByRole('button', { name: /^1\. / }).count()).toBeGreaterThan(0)
    expect(await page.getByRole('button', { name: /^URL / }).count()).toBeGreaterThan(0)
    await context.close()
  }, 300_000)
})
