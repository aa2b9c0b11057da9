import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import { chromiumPath, expectNoAxeViolations, signIn, submit } from './support/browser'
import { browserSession } from './support/session'

/** Opens a page (or stays on the one an action led to) and checks it with axe-core. */
async function checked(page: Page, path?: string, status = 200) {
  if (path) {
    const response = await page.goto(path)
    expect(response?.status(), path).toBe(status)
  }
  await expectNoAxeViolations(page)
}

const textOf = (locator: Locator) => locator.first().innerText()

const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='

/** With JavaScript, Remix submits with fetch and revalidates: wait for what the user waits for. */
async function submitUntil(page: Page, buttonName: string, text: string) {
  await page.getByRole('button', { name: buttonName }).first().click()
  await page.waitForFunction((expected) => document.body.innerText.includes(expected), text)
}

describe.skipIf(!chromiumPath())('training, as a new user would try it', () => {
  const { openContext } = browserSession()
  const title = `Първа среща със семейството ${Date.now().toString(36)}`
  let courseUrl = ''
  let certificateCode = ''

  it('a trainer builds and publishes a course without JavaScript', async () => {
    const context = await openContext({ javaScript: false })
    const page = await context.newPage()
    await signIn(page, 'trainer@demo.bg')
    // axe-core runs as a script, so each page the no-JS trainer reaches is checked in a second, scripted tab.
    const scripted = await openContext()
    const inspector = await scripted.newPage()
    await signIn(inspector, 'trainer@demo.bg')
    const checkedToo = (path = new URL(page.url()).pathname + new URL(page.url()).search) => checked(inspector, path)
    await checkedToo('/training/manage')
    await page.goto('/training/manage/new')
    await checkedToo()
    await page.fill('#f-title', title)
    await page.fill('#f-summary', 'Как започваме разговора с родителите.')
    await page.check('input[name=audienceRoles][value=staff]')
    await submit(page, 'Създай курса')
    expect(page.url()).toMatch(/\/training\/manage\/[0-9a-f-]{36}$/)
    const editorUrl = new URL(page.url()).pathname
    await checkedToo()

    await page.fill('#new-module', 'Подготовка')
    await submit(page, 'Добави модул')
    await page.fill('input[id^="new-lesson-"]', 'Преди посещението')
    await submit(page, 'Добави урок')
    expect(page.url()).toContain('/lessons/')
    const lessonUrl = new URL(page.url()).pathname
    await checkedToo()

    await page.fill('#f-body', 'Проверете адреса и се обадете предварително.\n\nВземете служебни карти.')
    await page.check('input[name=quizEnabled]')
    await page.fill('#f-quizPassPercent', '100')
    await submit(page, 'Запази урока')
    await page.fill('#f-prompt', 'Кога се обаждате на семейството?')
    await page.fill('#option0', 'Предварително')
    await page.fill('#option1', 'Никога')
    await page.check('input[name=correct][value="0"]')
    await page.fill('#f-explanation', 'Уговорката показва уважение.')
    await submit(page, 'Запази въпроса')
    expect(await textOf(page.locator('.question-list'))).toContain('Кога се обаждате на семейството?')
    await checkedToo()

    // An image uploaded without JavaScript opens in the rich-text editor when JavaScript is on.
    await page.setInputFiles('#f-image', {
      name: 'karta.png',
      mimeType: 'image/png',
      buffer: Buffer.from(PNG_1X1, 'base64'),
    })
    await page.fill('input[name=altText]', 'Карта на квартала')
    await submit(page, 'Качи и добави в края на урока')
    await inspector.goto(lessonUrl)
    await inspector.waitForSelector('[contenteditable=true] img[alt="Карта на квартала"]')

    await page.goto(editorUrl)
    await submit(page, 'Публикувай версия 1')
    expect(await textOf(page.locator('.flash'))).toContain('Публикувана е версия 1')
    courseUrl = editorUrl.replace('/training/manage/', '/training/courses/')
    await checkedToo(editorUrl)
    await context.close()
    await scripted.close()
  })

  it('a staff member enrols, fails then passes the quiz that completes the lesson, and gets a certificate', async () => {
    const context = await openContext()
    const page = await context.newPage()
    await signIn(page, 'staff@demo.bg')
    await checked(page, '/training')
    await page.getByRole('link', { name: title }).click()
    await page.waitForURL((url) => url.pathname === courseUrl)
    await checked(page)
    await submitUntil(page, 'Запиши се', 'Започни')
    await page.getByRole('link', { name: 'Започни' }).click()
    await page.waitForURL((url) => url.pathname.includes('/lessons/'))
    await checked(page)
    // A lesson with a quiz has no "mark complete" button: passing the quiz completes it.
    expect(await page.getByRole('button', { name: 'Отбележи урока като завършен' }).count()).toBe(0)
    expect(await textOf(page.locator('main'))).toContain(
      'Урокът се отбелязва като завършен, когато издържите теста към него.',
    )

    await page.getByLabel('Никога').check()
    await submitUntil(page, 'Предай отговорите', 'Резултат: 0%')
    expect(await textOf(page.locator('.quiz-review'))).toContain('Резултат: 0%')
    await checked(page)

    await page.getByLabel('Предварително').check()
    await submitUntil(page, 'Предай отговорите', 'Издържахте теста')
    expect(await textOf(page.locator('.quiz-review'))).toContain('Издържахте теста с 100%')
    expect(await textOf(page.locator('.flash'))).toContain('Завършихте курса!')
    expect(await textOf(page.locator('main'))).toContain('Урокът е завършен.')

    await page.goto(courseUrl)
    await page.getByRole('link', { name: 'Виж сертификата' }).click()
    await page.waitForURL((url) => url.pathname.startsWith('/certificates/'))
    certificateCode = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!)
    expect(await textOf(page.locator('.certificate-facts'))).toContain('Елена Петкова')
    await checked(page)
    const pdf = await page.request.get(`/certificates/${certificateCode}/pdf`)
    expect(pdf.status()).toBe(200)
    expect(pdf.headers()['content-type']).toBe('application/pdf')
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-')
    await checked(page, '/training/my')
    await context.close()
  })

  it('anyone can verify the certificate; the trainer sees the learner in analytics, with a chart', async () => {
    const visitor = await openContext()
    const page = await visitor.newPage()
    await checked(page, `/certificates/${certificateCode}`)
    expect(await page.locator('.certificate-valid').isVisible()).toBe(true)
    expect(await textOf(page.locator('body'))).not.toContain('staff@demo.bg')
    await checked(page, '/certificates')
    await checked(page, '/certificates/NOPE-NOPE-NOPE', 404)
    expect(await textOf(page.locator('main'))).toContain('Няма сертификат с код')
    const lesson = await page.goto(`${courseUrl}`)
    expect(new URL(page.url()).pathname).toBe('/login')
    void lesson
    await visitor.close()

    const context = await openContext()
    const trainer = await context.newPage()
    await signIn(trainer, 'trainer@demo.bg')
    const analytics = courseUrl.replace('/training/courses/', '/training/manage/') + '/analytics'
    await checked(trainer, analytics)
    expect(await textOf(trainer.locator('section[aria-labelledby="learners-heading"]'))).toContain('Елена Петкова')
    expect(await trainer.locator('svg.chart-svg').count()).toBeGreaterThan(0)
    const csv = await trainer.request.get(`${analytics}/csv`)
    expect(csv.status()).toBe(200)
    expect(await csv.text()).toContain('Елена Петкова')
    await context.close()
  })
})
