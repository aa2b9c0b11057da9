import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'

import { changePracticeStatus, setUseful } from '../../app/features/practices/practices.server'
import { SEARCH_SOURCES } from '../../app/features/search/sources.server'
import { loader as searchApi } from '../../app/routes/api.v1.search'
import { loader as libraryLoader } from '../../app/routes/practices._index'
import { action as pageAction, loader as pageLoader } from '../../app/routes/practices.$slug._index'
import { action as editAction } from '../../app/routes/practices.$slug.edit'
import { action as newAction } from '../../app/routes/practices.new'
import { practices, searchOutbox } from '../../db/schema'
import { notifications } from '../../db/schema/notifications'
import { searchEngine } from '../../search/engines'
import { drainSearchOutbox } from '../../search/worker'
import { makeInstitution, makeUser } from '../../seed/builders/identity'
import { makePractice } from '../../seed/builders/practices'
import { db } from '../support/database'
import { context, formRequest, getRequest, payloadOf, sessionCookieFor, settle, statusOf } from '../support/http'

/** A made-up word no other test uses (random letters, so typo tolerance cannot confuse two of them). */
const word = () => Array.from({ length: 14 }, () => 'бвгдзклмнпрстф'[Math.floor(Math.random() * 14)]).join('')

const practiceForm = (title: string, extra: Record<string, string | string[]> = {}) => ({
  title,
  summary: 'Екип от училище и здравен медиатор посещава семействата всяка седмица.',
  problem: 'Децата от квартала пропускат училище през зимата.',
  actions: 'Посещения по домовете, разговори с родителите, общ график с училището.',
  results: '',
  resources: '',
  situationTags: ['long_absence', 'poverty'],
  ageBands: '7-10',
  districts: ['lyulin'],
  institutionKinds: ['school', 'municipality'],
  caseCodes: '',
  ...extra,
})

describe('good-practice workflow', () => {
  let author: Awaited<ReturnType<typeof makeUser>>
  let coordinator: Awaited<ReturnType<typeof makeUser>>
  let otherStaff: Awaited<ReturnType<typeof makeUser>>
  let authorCookie: string
  let coordinatorCookie: string

  beforeAll(async () => {
    const institution = await makeInstitution(db, { kind: 'school' })
    author = await makeUser(db, { institutionId: institution.id })
    coordinator = await makeUser(db, { role: 'coordinator' })
    otherStaff = await makeUser(db)
    authorCookie = await sessionCookieFor(author.id)
    coordinatorCookie = await sessionCookieFor(coordinator.id)
  })

  it('a staff draft → submitted → published is found by the public within one worker run; the draft never is', async () => {
    const marker = word()
    const created = await settle(() =>
      newAction({
        request: formRequest('/practices/new', practiceForm(`Седмични посещения ${marker}`), { cookie: authorCookie }),
        params: {},
        context,
      }),
    )
    expect(statusOf(created)).toBe(302)
    const slug = (created as Response).headers.get('location')!.replace('/practices/', '')

    const search = async (q: string, cookie?: string) => {
      const res = await searchApi({
        request: getRequest(`/api/v1/search?q=${encodeURIComponent(q)}`, { cookie }),
        params: {},
        context,
      })
      return (await (res as Response).json()) as { total: number; hits: { url: string }[] }
    }

    // A draft: invisible to the public page, to search, and to other staff.
    expect(
      statusOf(
        await settle(() => pageLoader({ request: getRequest(`/practices/${slug}`), params: { slug }, context })),
      ),
    ).toBe(404)
    const otherCookie = await sessionCookieFor(otherStaff.id)
    expect(
      statusOf(
        await settle(() =>
          pageLoader({ request: getRequest(`/practices/${slug}`, { cookie: otherCookie }), params: { slug }, context }),
        ),
      ),
    ).toBe(404)
    await drainSearchOutbox(SEARCH_SOURCES)
    expect((await search(marker)).total).toBe(0)

    // The author submits; a coordinator is notified and publishes.
    const submitted = await settle(() =>
      pageAction({
        request: formRequest(`/practices/${slug}`, { intent: 'submit' }, { cookie: authorCookie }),
        params: { slug },
        context,
      }),
    )
    expect(statusOf(submitted)).toBe(302)
    const bell = await db.select().from(notifications).where(eq(notifications.userId, coordinator.id))
    expect(bell.some((b) => b.kind === 'practice.submitted' && b.url === `/practices/${slug}`)).toBe(true)
    await drainSearchOutbox(SEARCH_SOURCES)
    expect((await search(marker)).total).toBe(0)

    // Staff cannot publish their own practice.
    expect(
      statusOf(
        await settle(() =>
          pageAction({
            request: formRequest(`/practices/${slug}`, { intent: 'publish' }, { cookie: authorCookie }),
            params: { slug },
            context,
          }),
        ),
      ),
    ).toBe(403)
    const published = await settle(() =>
      pageAction({
        request: formRequest(`/practices/${slug}`, { intent: 'publish' }, { cookie: coordinatorCookie }),
        params: { slug },
        context,
      }),
    )
    expect(statusOf(published)).toBe(302)

    await drainSearchOutbox(SEARCH_SOURCES)
    const found = await search(marker)
    expect(found.total).toBe(1)
    expect(found.hits[0].url).toBe(`/practices/${slug}`)
    const page = payloadOf<{ practice: { status: string } }>(
      await pageLoader({ request: getRequest(`/practices/${slug}`), params: { slug }, context }),
    )
    expect(page.practice.status).toBe('published')
  })

  it('a coordinator returns a submission with a note; the author sees it and the draft is editable again', async () => {
    const row = await makePractice(db, {
      authorId: author.id,
      institutionId: author.institutionId,
      status: 'submitted',
    })
    const tooShort = await pageAction({
      request: formRequest(`/practices/${row.slug}`, { intent: 'return', comment: 'x' }, { cookie: coordinatorCookie }),
      params: { slug: row.slug },
      context,
    })
    expect(statusOf(tooShort)).toBe(400)
    expect(payloadOf<{ values: Record<string, string> }>(tooShort).values.comment).toBe('x')
    await changePracticeStatus(coordinator, row.slug, 'return', 'Добавете резултати с числа.')
    const [after] = await db.select().from(practices).where(eq(practices.id, row.id))
    expect(after.status).toBe('draft')
    expect(after.reviewComment).toBe('Добавете резултати с числа.')
    const bell = await db.select().from(notifications).where(eq(notifications.userId, author.id))
    expect(bell.some((b) => b.kind === 'practice.return')).toBe(true)
  })

  it('editing a published practice keeps the earlier version and reindexes it', async () => {
    const row = await makePractice(db, {
      authorId: author.id,
      institutionId: author.institutionId,
      title: 'Първоначално заглавие на практиката',
    })
    await drainSearchOutbox(SEARCH_SOURCES)
    const marker = word()
    const saved = await settle(() =>
      editAction({
        request: formRequest(`/practices/${row.slug}/edit`, practiceForm(`Ново заглавие ${marker}`, { version: '1' }), {
          cookie: coordinatorCookie,
        }),
        params: { slug: row.slug },
        context,
      }),
    )
    expect(statusOf(saved)).toBe(302)
    const view = payloadOf<{ practice: { title: string; version: number }; revisions: { version: number }[] }>(
      await pageLoader({
        request: getRequest(`/practices/${row.slug}`, { cookie: coordinatorCookie }),
        params: { slug: row.slug },
        context,
      }),
    )
    expect(view.practice.version).toBe(2)
    expect(view.revisions.map((r) => r.version)).toEqual([1])
    // A second editor still holding version 1 is told, and keeps their text.
    const stale = await editAction({
      request: formRequest(
        `/practices/${row.slug}/edit`,
        practiceForm('Друго заглавие за проверка', { version: '1' }),
        { cookie: coordinatorCookie },
      ),
      params: { slug: row.slug },
      context,
    })
    expect(statusOf(stale)).toBe(409)
    expect(payloadOf<{ values: Record<string, string> }>(stale).values.title).toBe('Друго заглавие за проверка')
    await drainSearchOutbox(SEARCH_SOURCES)
    const found = await searchEngine().search({ q: marker, audience: 'public' })
    expect(found.hits.map((h) => h.url)).toEqual([`/practices/${row.slug}`])
  })

  it('authors edit only their drafts; other staff get 403', async () => {
    const draft = await makePractice(db, { authorId: author.id, institutionId: author.institutionId, status: 'draft' })
    const otherCookie = await sessionCookieFor(otherStaff.id)
    expect(
      statusOf(
        await settle(() =>
          editAction({
            request: formRequest(`/practices/${draft.slug}/edit`, practiceForm('Чужда редакция на практика'), {
              cookie: otherCookie,
            }),
            params: { slug: draft.slug },
            context,
          }),
        ),
      ),
    ).toBe(404)
    const published = await makePractice(db, { authorId: author.id, institutionId: author.institutionId })
    expect(
      statusOf(
        await settle(() =>
          editAction({
            request: formRequest(`/practices/${published.slug}/edit`, practiceForm('Чужда редакция на практика'), {
              cookie: otherCookie,
            }),
            params: { slug: published.slug },
            context,
          }),
        ),
      ),
    ).toBe(403)
    const own = await settle(() =>
      editAction({
        request: formRequest(`/practices/${draft.slug}/edit`, practiceForm('Собствена редакция на черновата'), {
          cookie: authorCookie,
        }),
        params: { slug: draft.slug },
        context,
      }),
    )
    expect(statusOf(own)).toBe(302)
  })

  it('bad input changes nothing and comes back filled, with every ticked checkbox', async () => {
    const before = await db.select({ id: practices.id }).from(practices)
    const result = await newAction({
      request: formRequest(
        '/practices/new',
        practiceForm('Кр', { summary: 'твърде кратко', problem: '', districts: ['lyulin', 'nadezhda'] }),
        { cookie: authorCookie },
      ),
      params: {},
      context,
    })
    expect(statusOf(result)).toBe(400)
    const payload = payloadOf<{ fieldErrors: Record<string, string[]>; values: Record<string, string | string[]> }>(
      result,
    )
    expect(payload.fieldErrors.title).toEqual(['errors.tooShort'])
    expect(payload.fieldErrors.summary).toEqual(['errors.tooShort'])
    expect(payload.fieldErrors.problem).toEqual(['errors.required'])
    expect(payload.values.districts).toEqual(['lyulin', 'nadezhda'])
    expect(payload.values.actions).toContain('Посещения по домовете')
    expect((await db.select({ id: practices.id }).from(practices)).length).toBe(before.length)
  })

  it('the privacy guard blocks personal data in a practice (it becomes public) and redacts it in one click', async () => {
    const fields = practiceForm('Посещения с медиатор в Люлин', {
      actions: 'Обадете се на майката на 0888 123 456 или пишете на maria.ivanova@example.com.',
    })
    const blocked = await newAction({
      request: formRequest('/practices/new', fields, { cookie: authorCookie }),
      params: {},
      context,
    })
    expect(statusOf(blocked)).toBe(422)
    const payload = payloadOf<{ privacy: { fields: Record<string, unknown[]> }; values: Record<string, string> }>(
      blocked,
    )
    expect(Object.keys(payload.privacy.fields)).toContain('actions')
    expect(payload.values.actions).toBe(fields.actions)
    const redacted = payloadOf<{ values: Record<string, string | string[]> }>(
      await newAction({
        request: formRequest('/practices/new', { ...fields, intent: 'redact' }, { cookie: authorCookie }),
        params: {},
        context,
      }),
    )
    expect(redacted.values.actions).not.toContain('0888 123 456')
    expect(redacted.values.actions).not.toContain('maria.ivanova@example.com')
    expect(redacted.values.situationTags).toEqual(['long_absence', 'poverty'])
  })

  it('one useful mark per person; the count and the search popularity follow under concurrent clicks', async () => {
    const row = await makePractice(db, { authorId: author.id, institutionId: author.institutionId })
    const people = await Promise.all(Array.from({ length: 4 }, () => makeUser(db)))
    await Promise.all([...people, people[0], people[1]].map((p) => setUseful(p, row.slug, true)))
    const [after] = await db.select().from(practices).where(eq(practices.id, row.id))
    expect(after.usefulCount).toBe(4)
    await setUseful(people[0], row.slug, false)
    await setUseful(people[0], row.slug, false)
    const [again] = await db.select().from(practices).where(eq(practices.id, row.id))
    expect(again.usefulCount).toBe(3)
    const anonymous = await settle(() =>
      pageAction({
        request: formRequest(`/practices/${row.slug}`, { intent: 'useful' }),
        params: { slug: row.slug },
        context,
      }),
    )
    expect(statusOf(anonymous)).toBe(302)
    expect((anonymous as Response).headers.get('location')).toMatch(/^\/login/)
  })

  it('linked cases are shown to staff only', async () => {
    const row = await makePractice(db, {
      authorId: author.id,
      institutionId: author.institutionId,
      caseCodes: ['С-2026-0042'],
    })
    const publicView = payloadOf<{ caseCodes: string[] }>(
      await pageLoader({ request: getRequest(`/practices/${row.slug}`), params: { slug: row.slug }, context }),
    )
    expect(publicView.caseCodes).toEqual([])
    const staffView = payloadOf<{ caseCodes: string[] }>(
      await pageLoader({
        request: getRequest(`/practices/${row.slug}`, { cookie: authorCookie }),
        params: { slug: row.slug },
        context,
      }),
    )
    expect(staffView.caseCodes).toEqual(['С-2026-0042'])
  })

  it('the library lists published practices for a signed-out visitor, with facets', async () => {
    const marker = word()
    await makePractice(db, {
      authorId: author.id,
      institutionId: author.institutionId,
      title: `Библиотечна практика ${marker}`,
      districts: ['slatina'],
    })
    await makePractice(db, {
      authorId: author.id,
      institutionId: author.institutionId,
      title: `Черновата ${marker}`,
      status: 'draft',
    })
    await drainSearchOutbox(SEARCH_SOURCES)
    const page = payloadOf<{
      result: { total: number; hits: { title: string }[]; facets: { districts: Record<string, number> } }
    }>(await libraryLoader({ request: getRequest(`/practices?q=${encodeURIComponent(marker)}`), params: {}, context }))
    expect(page.result.hits.map((h) => h.title)).toEqual([`Библиотечна практика ${marker}`])
    expect(page.result.facets.districts).toEqual({ slatina: 1 })
    expect(
      statusOf(await settle(() => libraryLoader({ request: getRequest('/practices?page=abc'), params: {}, context }))),
    ).toBe(400)
  })

  it('an archived practice leaves the index and the public page', async () => {
    const marker = word()
    const row = await makePractice(db, {
      authorId: author.id,
      institutionId: author.institutionId,
      title: `Архивна ${marker}`,
    })
    await drainSearchOutbox(SEARCH_SOURCES)
    expect((await searchEngine().search({ q: marker, audience: 'public' })).total).toBe(1)
    await changePracticeStatus(coordinator, row.slug, 'archive')
    await drainSearchOutbox(SEARCH_SOURCES)
    expect((await searchEngine().search({ q: marker, audience: 'public' })).total).toBe(0)
    expect(
      statusOf(
        await settle(() =>
          pageLoader({ request: getRequest(`/practices/${row.slug}`), params: { slug: row.slug }, context }),
        ),
      ),
    ).toBe(404)
    const pending = await db.select().from(searchOutbox)
    expect(pending.filter((r) => r.docId === row.id)).toEqual([])
  })
})
