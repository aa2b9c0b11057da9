import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import { chromiumPath, expectNoAxeViolations, signIn } from './support/browser'
import { browserSession } from './support/session'

const stamp = Date.now().toString(36)

describe.skipIf(!chromiumPath())('home pages, foreign schools and reports, as people would try them', () => {
  const { open } = browserSession()

  it('signed out: the home page lists the next open days with free seats and links to the parents page', async () => {
    const page = await open()
    await page.goto('/')
    const openDays = page.locator('[data-block="open-days"]')
    await openDays.getByRole('heading', { name: 'Следващите дни на отворените врати' }).waitFor()
    const first = openDays.locator('.home-items li').first()
    expect(await first.innerText()).toMatch(/свободни места: \d+/)
    const link = first.getByRole('link')
    const href = await link.getAttribute('href')
    expect(href).toMatch(/^\/events\//)
    await expectNoAxeViolations(page)
    await link.click()
    await page.waitForURL((url) => url.pathname === href)

    await page.goto('/')
    await page.getByRole('link', { name: /За родители/ }).click()
    await page.getByRole('heading', { level: 1, name: 'За родители: училището е важно' }).waitFor()
    await expectNoAxeViolations(page)
  })

  it("signed in: a coordinator's home lists what needs them, each item linking to it; staff get 403 on /reports", async () => {
    const page = await open({ javaScript: false })
    await signIn(page, 'coordinator@demo.bg')
    await page.goto('/')
    const queue = page.locator('[data-block="coordinator-queue"]')
    await queue.getByRole('heading', { name: 'Чака вашето решение' }).waitFor()
    for (const id of ['mentions', 'watched-cases', 'conferences', 'training-due'])
      expect(await page.locator(`[data-block="${id}"] h2`).count(), id).toBe(1)
    await expectNoAxeViolations(page)
    const request = queue.getByRole('link', { name: /Заявка за профил/ }).first()
    await request.click()
    await page.waitForURL((url) => url.pathname === '/admin/approvals')

    const staff = await open({ javaScript: false })
    await signIn(staff, 'staff@demo.bg')
    await staff.goto('/')
    expect(await staff.locator('[data-block="coordinator-queue"]').count()).toBe(0)
    await staff.locator('[data-block="watched-cases"] h2').waitFor()
    const response = await staff.goto('/reports')
    expect(response?.status()).toBe(403)
  })

  it('the coordinator sees /reports with every chart and table and downloads the PDF and XLSX', async () => {
    const page = await open()
    await signIn(page, 'coordinator@demo.bg')
    await page.goto('/reports')
    await page.getByRole('heading', { level: 1, name: 'Отчет по индикаторите' }).waitFor()
    expect(await page.locator('svg[role="img"]').count()).toBeGreaterThanOrEqual(7)
    // Seven, and the follow-through's three (#14; the demo data have an overdue action, so its table is there).
    expect(await page.locator('table.report-table').count()).toBe(10)
    await expectNoAxeViolations(page)
    const pdf = await page.request.get('/reports/indicators.pdf')
    expect(pdf.headers()['content-type']).toBe('application/pdf')
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-')
    const xlsx = await page.request.get('/reports/indicators.xlsx')
    expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK')
  })

  it('a foreign school fills its round through its link without an account; a second answer updates; the coordinator sees totals and exports CSV', async () => {
    const coordinator: Page = await open({ javaScript: false })
    await signIn(coordinator, 'coordinator@demo.bg')
    await coordinator.goto('/foreign-schools')
    await coordinator.getByLabel('Заглавие').fill(`Чуждестранни училища ${stamp}`)
    await coordinator.getByLabel('Период от').fill('2026-09-15')
    await coordinator.getByLabel('Период до').fill('2027-06-30')
    await coordinator.getByRole('button', { name: 'Създай кампанията' }).click()
    await coordinator.getByRole('heading', { level: 1, name: `Чуждестранни училища ${stamp}` }).waitFor()
    const roundPath = new URL(coordinator.url()).pathname
    const school = `Lycée Victor Hugo ${stamp}`
    await coordinator.getByLabel('Име на училището').fill(school)
    await coordinator.getByLabel('Имейл за контакт').fill(`office-${stamp}@lycee.example`)
    await coordinator.getByRole('button', { name: 'Добави училище' }).click()
    const link = (await coordinator.locator('code.secret-link').innerText()).trim()
    expect(link).toMatch(/\/foreign-schools\/reply\/[\w-]{20,}$/)
    await expectNoAxeViolations(coordinator)

    // The school: no account, no JavaScript.
    const visitor = await open({ javaScript: false })
    await visitor.goto(new URL(link).pathname)
    await visitor.getByRole('heading', { level: 1, name: `Обобщени данни за ${school}` }).waitFor()
    await expectNoAxeViolations(visitor)
    const counts: Record<string, string> = {
      'Ученици с българско гражданство, 0–6 г.': '4',
      'Ученици с българско гражданство, 7–10 г.': '11',
      'Ученици с българско гражданство, 11–14 г.': '6',
      'Ученици с българско гражданство, 15–18 г.': '3',
      'Новозаписани през периода': '5',
      'Напуснали през периода': '2',
    }
    for (const [label, value] of Object.entries(counts)) await visitor.getByLabel(label).fill(value)
    await visitor.getByRole('button', { name: 'Изпрати' }).click()
    await visitor.getByText('Благодарим! Отговорът е записан.').waitFor()
    // A second submission through the same link updates.
    await visitor.goto(new URL(link).pathname)
    expect(await visitor.getByLabel('Ученици с българско гражданство, 7–10 г.').inputValue()).toBe('11')
    await visitor.getByLabel('Ученици с българско гражданство, 7–10 г.').fill('12')
    await visitor.getByRole('button', { name: 'Обнови отговора' }).click()
    await visitor.getByText('Благодарим! Отговорът е обновен.').waitFor()

    await coordinator.goto(roundPath)
    const totals = await coordinator.locator('table[aria-describedby="totals-caption"]').innerText()
    expect(totals).toContain('12')
    expect(await coordinator.locator(`tr[data-school="${school}"]`).innerText()).toContain('отговорило')
    const csv = await coordinator.request.get(`${roundPath}/export.csv`)
    const text = await csv.text()
    expect(text).toContain(`${school};office-${stamp}@lycee.example;Да;4;12;6;3;5;2;`)
    expect(text).toContain('Общо;;;')
  })
})
