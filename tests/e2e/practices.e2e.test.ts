import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'

import { baseUrl, chromiumPath, expectNoAxeViolations, signIn, submit } from './support/browser'
import { browserSession } from './support/session'

const HEALTH_MEDIATORS = 'Здравни медиатори на посещения по домовете заедно с училището'
const MENTORING = 'Catch-up mentoring with volunteer university students'

async function checked(page: Page, path: string) {
  const response = await page.goto(path)
  expect(response?.status(), path).toBeLessThan(400)
  await expectNoAxeViolations(page)
}

/** The published index is filled by the outbox worker a moment after start or publication. */
async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const started = Date.now()
  for (;;) {
    const value = await probe()
    if (ok(value) || Date.now() - started > timeoutMs) return value
    await new Promise((r) => setTimeout(r, 300))
  }
}

const apiSearch = async (q: string) =>
  (await (await fetch(`${baseUrl()}/api/v1/search?q=${encodeURIComponent(q)}`)).json()) as {
    total: number
    hits: { title: string; url: string }[]
  }

describe.skipIf(!chromiumPath())('good practices and search, as a new user would try them', () => {
  const { open } = browserSession()
  let practicePath = ''

  beforeAll(async () => {
    await eventually(
      () => apiSearch('медиатор'),
      (r) => r.total > 0,
      60_000,
    )
  })

  it('signed out, the library lists published practices and finds the health mediators however they are typed', async () => {
    const withJs = await open()
    await checked(withJs, '/practices')
    await checked(withJs, '/practices?q=%D0%BC%D0%B5%D0%B4%D0%B8%D0%B0%D1%82%D0%BE%D1%80&district=lyulin')
    // Without JavaScript, as plain HTML forms.
    const page = await open({ javaScript: false })
    await page.goto('/practices')
    expect(await page.locator('.search-hit').count()).toBeGreaterThanOrEqual(20)
    for (const q of ['медиатор', 'mediator', 'медиатр', 'zdravni mediatori']) {
      await page.fill('#practice-q', q)
      await submit(page, 'Приложи филтрите')
      expect(await page.locator('.search-hit-title').allTextContents(), q).toContain(HEALTH_MEDIATORS)
    }
    await Promise.all([page.waitForLoadState('load'), page.getByRole('link', { name: HEALTH_MEDIATORS }).click()])
    expect(await page.locator('h1').textContent()).toBe(HEALTH_MEDIATORS)
    await checked(withJs, new URL(page.url()).pathname)
    expect(await page.getByText('Свързани случаи').count()).toBe(0)
    expect(await page.getByRole('button', { name: 'Полезна е' }).count()).toBe(0)
  })

  it('the English demo practice is marked as English on the Bulgarian pages that show it', async () => {
    const page = await open()
    await checked(page, '/practices/catch-up-mentoring-with-volunteer-university-students')
    expect(await page.locator('h1').textContent()).toBe(MENTORING)
    expect(await page.locator('h1').getAttribute('lang')).toBe('en')
    expect(await page.locator('.lead').getAttribute('lang')).toBe('en')
    expect(await page.locator('.practice-head .practice-language').textContent()).toBe('ENАнглийски')
    await checked(page, '/practices?q=mentoring')
    expect(await page.locator('.search-hit-title[lang="en"]').allTextContents()).toContain(MENTORING)
    expect(await page.locator('.search-hit-title[lang="bg"]').allTextContents()).not.toContain(MENTORING)
  })

  it('the global search page has facets that narrow the results, and works by keyboard', async () => {
    const page = await open()
    await checked(page, '/search?q=%D0%94%D0%A1%D0%9F')
    const all = await page.locator('.search-hit').count()
    expect(all).toBeGreaterThan(0)
    await page.check('#facet-district-lyulin')
    await Promise.all([page.waitForURL(/district=lyulin/), page.locator('.search-filters button[type=submit]').click()])
    expect(new URL(page.url()).searchParams.getAll('district')).toEqual(['lyulin'])
    expect(await page.locator('.search-hit').count()).toBeLessThanOrEqual(all)
    await expectNoAxeViolations(page)
    // The header search box: focus it from the skip link onwards by keyboard and search.
    await page.goto('/')
    await page.focus('#site-search')
    await page.keyboard.type('obrazovatelen patrul')
    await Promise.all([page.waitForURL(/\/search\?q=/), page.keyboard.press('Enter')])
    expect(await page.locator('.search-hit-title').first().textContent()).toContain('Образователен патрул')
  })

  it('staff submit a practice without JavaScript, a coordinator publishes it, and the public finds it within seconds', async () => {
    const marker = `Кварталнаскамейка${Date.now().toString(36).replace(/\d/g, '')}`
    const withJs = await open()
    await signIn(withJs, 'staff@demo.bg')
    await checked(withJs, '/practices/new')
    await withJs.getByRole('button', { name: 'Създай черновата' }).click()
    await withJs.locator('.error-summary').waitFor()
    await expectNoAxeViolations(withJs)
    const author = await open({ javaScript: false })
    await signIn(author, 'staff@demo.bg')
    await author.goto('/practices/new')
    // The language offered is the interface's; a choice is kept when the form comes back.
    expect(await author.inputValue('#f-language')).toBe('bg')
    await author.selectOption('#f-language', 'en')
    await author.fill('#f-title', `Разговори на пейката пред блока ${marker}`)
    await author.fill(
      '#f-summary',
      'Учителите и медиаторът се срещат с родителите неформално пред блока веднъж седмично.',
    )
    await author.fill('#f-problem', 'Родителите не идват в училище.')
    await author.fill('#f-actions', '')
    await author.check('#f-districts-lyulin')
    await submit(author, 'Създай черновата')
    // A required section is missing: the error is shown and everything typed is kept.
    expect(await author.locator('#f-actions-error').textContent()).toBeTruthy()
    expect(await author.inputValue('#f-problem')).toBe('Родителите не идват в училище.')
    expect(await author.isChecked('#f-districts-lyulin')).toBe(true)
    expect(await author.inputValue('#f-language')).toBe('en')
    await author.selectOption('#f-language', 'bg')
    await author.fill('#f-actions', 'Всеки четвъртък в 17 ч. екипът сяда с родителите на пейката пред блока.')
    await submit(author, 'Създай черновата')
    const path = new URL(author.url()).pathname
    expect(path).toMatch(/^\/practices\/razgovori-na-peykata/)
    await checked(withJs, path)
    await submit(author, 'Изпрати за преглед')
    expect((await apiSearch(marker)).total).toBe(0)
    expect((await fetch(`${baseUrl()}${path}`)).status).toBe(404)

    const coordinator = await open()
    await signIn(coordinator, 'coordinator@demo.bg')
    await checked(coordinator, path)
    await submit(coordinator, 'Публикувай')
    const found = await eventually(
      () => apiSearch(marker),
      (r) => r.total > 0,
    )
    expect(found.hits.map((h) => h.url)).toEqual([path])
    expect((await fetch(`${baseUrl()}${path}`)).status).toBe(200)
    practicePath = path
  })

  it('a coordinator erases the earlier versions of a practice: asked first with JavaScript, and without JavaScript', async () => {
    const earlier = 'Учителите и медиаторът се срещат с родителите неформално пред блока веднъж седмично.'
    const noScript = await open({ javaScript: false })
    await signIn(noScript, 'coordinator@demo.bg')
    await noScript.goto(`${practicePath}/edit`)
    await noScript.fill('#f-summary', 'Учителите и медиаторът се срещат с родителите пред блока всеки четвъртък.')
    await submit(noScript, 'Запази промените')

    const page = await open()
    await signIn(page, 'coordinator@demo.bg')
    await checked(page, practicePath)
    const history = page.locator('section.panel', { has: page.getByRole('heading', { name: 'История на промените' }) })
    expect(await history.locator('li').count()).toBe(1)
    // With JavaScript the erasure asks first; declined, nothing is posted.
    let asked = ''
    page.once('dialog', (dialog) => {
      asked = dialog.message()
      void dialog.dismiss()
    })
    await history.getByRole('button', { name: 'Изтрий предишните версии' }).click()
    expect(asked).toContain('предишните версии')
    expect(await history.locator('li').count()).toBe(1)

    await noScript.goto(`${practicePath}/revisions/1`)
    expect(await noScript.locator('main').textContent()).toContain(earlier)
    await noScript.goto(practicePath)
    await submit(noScript, 'Изтрий предишните версии')
    expect(new URL(noScript.url()).pathname).toBe(practicePath)
    expect(await noScript.locator('.flash').textContent()).toContain('Предишните версии на практиката са изтрити.')
    expect(await noScript.getByRole('heading', { name: 'История на промените' }).count()).toBe(0)
    await expectNoAxeViolations(noScript)
    expect((await noScript.goto(`${practicePath}/revisions/1`))?.status()).toBe(404)
  })

  it('the JSON API answers bad parameters with 400 JSON and a symbols-only query with an empty result', async () => {
    for (const query of ['q=x&page=-1', 'q=x&page=abc']) {
      const res = await fetch(`${baseUrl()}/api/v1/search?${query}`)
      expect(res.status).toBe(400)
      expect(res.headers.get('content-type')).toContain('application/json')
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_parameters')
    }
    const symbols = await fetch(`${baseUrl()}/api/v1/search?q=${encodeURIComponent("%_*'\\")}`)
    expect(symbols.status).toBe(200)
    expect(await symbols.json()).toMatchObject({ total: 0, hits: [] })
  })
})
