import { beforeAll, describe, expect, it } from 'vitest'

import { action as pageAction, loader as pageLoader } from '../../app/routes/practices.$slug._index'
import { action as newAction, loader as newLoader } from '../../app/routes/practices.new'
import { makeCase } from '../../seed/builders/cases'
import { makeUser } from '../../seed/builders/identity'
import { db } from '../support/database'
import { context, formRequest, getRequest, payloadOf, sessionCookieFor, settle, statusOf } from '../support/http'

describe('“Share as a good practice” from a case', () => {
  let staff: Awaited<ReturnType<typeof makeUser>>
  let cookie: string
  beforeAll(async () => {
    staff = await makeUser(db)
    cookie = await sessionCookieFor(staff.id)
  })

  it('prefills a draft from a resolved case’s anonymised text and links the case', async () => {
    const resolved = await makeCase(db, {
      authorId: staff.id,
      institutionId: staff.institutionId,
      title: 'Момиче, 9 г., се върна в училище след домашни посещения',
      description: 'Детето не посещаваше училище два месеца. Екипът посети семейството три пъти с медиатор.',
      status: 'resolved',
      tags: ['long_absence', 'poverty'],
      ageBand: '7-10',
      educationStage: 'primary',
      districtCode: 'nadezhda',
    })
    const page = payloadOf<{ defaults: Record<string, unknown>; fromCaseError: string | null }>(
      await newLoader({
        request: getRequest(`/practices/new?fromCase=${encodeURIComponent(resolved.code)}`, { cookie }),
        params: {},
        context,
      }),
    )
    expect(page.fromCaseError).toBeNull()
    expect(page.defaults).toMatchObject({
      title: resolved.title,
      situationTags: ['long_absence', 'poverty'],
      ageBands: ['7-10'],
      educationStages: ['primary'],
      districts: ['nadezhda'],
      sourceCaseCode: resolved.code,
    })
    expect(page.defaults.summary).toContain('Екипът посети семейството')

    const created = await settle(() =>
      newAction({
        request: formRequest(
          '/practices/new',
          {
            title: resolved.title,
            summary: String(page.defaults.summary),
            problem: resolved.descriptionText,
            actions: 'Три посещения с медиатор и план за наваксване.',
            sourceCaseCode: resolved.code,
            caseCodes: '',
          },
          { cookie },
        ),
        params: {},
        context,
      }),
    )
    expect(statusOf(created)).toBe(302)
    const slug = (created as Response).headers.get('location')!.replace('/practices/', '')
    const view = payloadOf<{ caseCodes: string[]; practice: { sourceCaseCode: string } }>(
      await pageLoader({ request: getRequest(`/practices/${slug}`, { cookie }), params: { slug }, context }),
    )
    expect(view.practice.sourceCaseCode).toBe(resolved.code)
    expect(view.caseCodes).toEqual([resolved.code])

    const coordinatorCookie = await sessionCookieFor((await makeUser(db, { role: 'coordinator' })).id)
    for (const intent of ['submit', 'publish']) {
      const res = await settle(() =>
        pageAction({
          request: formRequest(
            `/practices/${slug}`,
            { intent },
            { cookie: intent === 'submit' ? cookie : coordinatorCookie },
          ),
          params: { slug },
          context,
        }),
      )
      expect(statusOf(res)).toBe(302)
    }
    const published = payloadOf<{ caseCodes: string[]; practice: Record<string, unknown> }>(
      await pageLoader({ request: getRequest(`/practices/${slug}`), params: { slug }, context }),
    )
    expect(published.practice.title).toBe(resolved.title)
    expect(published.caseCodes).toEqual([])
    expect(JSON.stringify(published)).not.toContain(resolved.code)
  })

  it('refuses an open case with a clear message, and an unknown code with 404', async () => {
    const open = await makeCase(db, { authorId: staff.id, institutionId: staff.institutionId })
    const page = payloadOf<{ defaults: Record<string, unknown>; fromCaseError: string | null }>(
      await newLoader({
        request: getRequest(`/practices/new?fromCase=${encodeURIComponent(open.code)}`, { cookie }),
        params: {},
        context,
      }),
    )
    expect(page.fromCaseError).toBe('practices.error.caseNotResolved')
    expect(page.defaults).toEqual({})
    expect(
      statusOf(
        await settle(() =>
          newLoader({
            request: getRequest('/practices/new?fromCase=%D0%A1-1999-9999', { cookie }),
            params: {},
            context,
          }),
        ),
      ),
    ).toBe(404)
  })

  it('keeps the public and the signed-out out of the editor', async () => {
    const res = await settle(() => newLoader({ request: getRequest('/practices/new'), params: {}, context }))
    expect(statusOf(res)).toBe(302)
    expect((res as Response).headers.get('location')).toMatch(/^\/login\?redirectTo=/)
  })
})
