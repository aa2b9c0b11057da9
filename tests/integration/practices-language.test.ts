import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'

import type { HomeBlockData } from '../../app/features/home/types'
import { listMyWork } from '../../app/features/practices/practices.server'
import { SEARCH_SOURCES } from '../../app/features/search/sources.server'
import * as home from '../../app/routes/_index'
import { loader as practicesApi } from '../../app/routes/api.v1.practices'
import { loader as practiceApi } from '../../app/routes/api.v1.practices.$slug'
import { loader as libraryLoader } from '../../app/routes/practices._index'
import { action as pageAction, loader as pageLoader } from '../../app/routes/practices.$slug._index'
import { action as editAction } from '../../app/routes/practices.$slug.edit'
import { action as newAction } from '../../app/routes/practices.new'
import { loader as searchLoader } from '../../app/routes/search'
import { practices } from '../../db/schema'
import { drainSearchOutbox } from '../../search/worker'
import { makeUser } from '../../seed/builders/identity'
import { makePractice } from '../../seed/builders/practices'
import { db } from '../support/database'
import { context, formRequest, getRequest, payloadOf, sessionCookieFor, settle, statusOf } from '../support/http'

/** A made-up English word no other test uses. */
const word = () =>
  `zq${Array.from({ length: 12 }, () => 'bcdfghjklmnpqrstvwxz'[Math.floor(Math.random() * 20)]).join('')}`

const englishForm = (title: string, extra: Record<string, string | string[]> = {}) => ({
  title,
  summary: 'Volunteer students tutor children who returned after a long absence, twice a week.',
  language: 'en',
  problem: 'Children who come back after months away fall behind quickly.',
  actions: 'An NGO trains student volunteers who meet one or two children twice a week.',
  results: '',
  resources: '',
  districts: ['mladost'],
  caseCodes: '',
  ...extra,
})

const languageOf = async (slug: string) =>
  (await db.select({ language: practices.language }).from(practices).where(eq(practices.slug, slug)))[0]?.language

describe('the language a practice is written in', () => {
  let author: Awaited<ReturnType<typeof makeUser>>
  let authorCookie: string
  let coordinatorCookie: string

  beforeAll(async () => {
    author = await makeUser(db)
    authorCookie = await sessionCookieFor(author.id)
    coordinatorCookie = await sessionCookieFor((await makeUser(db, { role: 'coordinator' })).id)
  })

  it('a practice saved as English is stored so, and the practice page, the library and /search carry it', async () => {
    const marker = word()
    const title = `Catch-up mentoring ${marker}`
    const created = await settle(() =>
      newAction({
        request: formRequest('/practices/new', englishForm(title), { cookie: authorCookie }),
        params: {},
        context,
      }),
    )
    expect(statusOf(created)).toBe(302)
    const slug = (created as Response).headers.get('location')!.replace('/practices/', '')
    expect(await languageOf(slug)).toBe('en')

    const move = (intent: 'submit' | 'publish', cookie: string) =>
      settle(() =>
        pageAction({ request: formRequest(`/practices/${slug}`, { intent }, { cookie }), params: { slug }, context }),
      )
    // The author's own list ("my work") and, once submitted, the coordinators' review list carry it.
    expect((await listMyWork(author)).mine.find((p) => p.slug === slug)?.language).toBe('en')
    expect(statusOf(await move('submit', authorCookie))).toBe(302)
    const review = payloadOf<{ myWork: { awaitingReview: { slug: string; language: string }[] } }>(
      await libraryLoader({ request: getRequest('/practices', { cookie: coordinatorCookie }), params: {}, context }),
    )
    expect(review.myWork.awaitingReview.find((p) => p.slug === slug)?.language).toBe('en')
    expect(statusOf(await move('publish', coordinatorCookie))).toBe(302)

    const page = payloadOf<{ practice: { title: string; language: string } }>(
      await pageLoader({ request: getRequest(`/practices/${slug}`), params: { slug }, context }),
    )
    expect(page.practice).toMatchObject({ title, language: 'en' })

    await drainSearchOutbox(SEARCH_SOURCES)
    const library = payloadOf<{ result: { hits: { id: string; url: string }[] }; languages: Record<string, string> }>(
      await libraryLoader({ request: getRequest(`/practices?q=${marker}`), params: {}, context }),
    )
    const hit = library.result.hits.find((h) => h.url === `/practices/${slug}`)!
    expect(hit).toBeDefined()
    expect(library.languages[hit.id]).toBe('en')

    const search = payloadOf<{ result: { hits: { id: string; url: string }[] }; languages: Record<string, string> }>(
      await searchLoader({ request: getRequest(`/search?q=${marker}`), params: {}, context }),
    )
    const found = search.result.hits.find((h) => h.url === `/practices/${slug}`)!
    expect(search.languages[found.id]).toBe('en')
  })

  it('the form keeps the chosen language after a refusal, refuses an unknown one, and an edit without it keeps it', async () => {
    const refused = await settle(() =>
      newAction({
        request: formRequest('/practices/new', englishForm('Shrt'), { cookie: authorCookie }),
        params: {},
        context,
      }),
    )
    expect(statusOf(refused)).toBe(400)
    expect(payloadOf<{ values: Record<string, unknown> }>(refused).values.language).toBe('en')

    const unknown = await settle(() =>
      newAction({
        request: formRequest('/practices/new', englishForm(`Mentoring ${word()}`, { language: 'fr' }), {
          cookie: authorCookie,
        }),
        params: {},
        context,
      }),
    )
    expect(statusOf(unknown)).toBe(400)
    expect(payloadOf<{ fieldErrors: Record<string, string[]> }>(unknown).fieldErrors.language).toEqual([
      'errors.choice',
    ])

    const draft = await makePractice(db, {
      authorId: author.id,
      institutionId: author.institutionId,
      status: 'draft',
      language: 'en',
    })
    const edit = (fields: Record<string, string | string[]>) =>
      settle(() =>
        editAction({
          request: formRequest(`/practices/${draft.slug}/edit`, fields, { cookie: authorCookie }),
          params: { slug: draft.slug },
          context,
        }),
      )
    const { language: _language, ...withoutLanguage } = englishForm(draft.title)
    expect(statusOf(await edit(withoutLanguage))).toBe(302)
    expect(await languageOf(draft.slug)).toBe('en')
    expect(statusOf(await edit(englishForm(draft.title, { language: 'bg' })))).toBe(302)
    expect(await languageOf(draft.slug)).toBe('bg')
  })

  it("the home page's recent practices carry it; the public JSON API does not gain a field", async () => {
    const english = await makePractice(db, {
      authorId: author.id,
      institutionId: author.institutionId,
      title: `Mentoring ${word()}`,
      language: 'en',
      publishedAt: new Date(Date.now() + 86_400_000),
    })
    const data = (await home.loader({ request: getRequest('/'), params: {}, context })) as { blocks: HomeBlockData[] }
    const recent = data.blocks.find((b) => b.id === 'recent-practices')!
    expect(recent.items.find((i) => i.href === `/practices/${english.slug}`)?.lang).toBe('en')

    const list = (await (
      (await practicesApi({ request: getRequest('/api/v1/practices?perPage=50'), params: {}, context })) as Response
    ).json()) as { items: Record<string, unknown>[] }
    const item = list.items.find((i) => i.slug === english.slug)!
    expect(Object.keys(item).sort()).toEqual(
      [
        'slug',
        'title',
        'summary',
        'situationTags',
        'ageBands',
        'educationStages',
        'institutionKinds',
        'districts',
        'usefulCount',
        'publishedAt',
        'institutionName',
        'url',
      ].sort(),
    )
    const one = (await (
      (await practiceApi({
        request: getRequest(`/api/v1/practices/${english.slug}`),
        params: { slug: english.slug },
        context,
      })) as Response
    ).json()) as Record<string, unknown>
    expect(one).not.toHaveProperty('language')
  })
})
