import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { ownerChoicesFor, sofiaToday } from '../../app/features/actions/actions.server'
import * as home from '../../app/routes/_index'
import * as myActions from '../../app/routes/actions._index'
import * as casePage from '../../app/routes/cases.$code._index'
import { caseActions } from '../../db/schema'
import { makeCase } from '../../seed/builders/cases'
import { makeInstitution, makeUser } from '../../seed/builders/identity'
import { db } from '../support/database'
import { context, formRequest, getRequest, payloadOf, sessionCookieFor, settle, statusOf } from '../support/http'

const inDays = (n: number) => sofiaToday(new Date(Date.now() + n * 86400_000))
const path = (code: string) => `/cases/${encodeURIComponent(code)}`

async function scene() {
  const school = await makeInstitution(db, { kind: 'school' })
  const social = await makeInstitution(db, { kind: 'social_assistance' })
  const author = await makeUser(db, { institutionId: school.id })
  const worker = await makeUser(db, { institutionId: social.id })
  const stranger = await makeUser(db)
  const thread = await makeCase(db, {
    authorId: author.id,
    institutionId: school.id,
    involvedInstitutionIds: [social.id],
  })
  return {
    school,
    social,
    author,
    worker,
    stranger,
    thread,
    cookies: {
      author: await sessionCookieFor(author.id),
      worker: await sessionCookieFor(worker.id),
      stranger: await sessionCookieFor(stranger.id),
    },
  }
}

const post = (code: string, fields: Record<string, string>, cookie: string) =>
  settle(() => casePage.action({ request: formRequest(path(code), fields, { cookie }), params: { code }, context }))

describe('action plan on the case page and My actions (forms without JavaScript)', () => {
  it('adds an action from the case page, shows it on the plan, and the owner marks it done from /actions', async () => {
    const s = await scene()
    const added = await post(
      s.thread.code,
      {
        intent: 'action-add',
        form: 'action',
        text: 'Учебници от училището',
        owner: `user:${s.worker.id}`,
        dueDate: inDays(2),
      },
      s.cookies.author,
    )
    expect(statusOf(added)).toBe(302)
    const [row] = await db.select().from(caseActions).where(eq(caseActions.caseId, s.thread.id))
    expect((added as Response).headers.get('location')).toBe(`${path(s.thread.code)}#action-${row.id}`)

    const page = await casePage.loader({
      request: getRequest(path(s.thread.code), { cookie: s.cookies.worker }),
      params: { code: s.thread.code },
      context,
    })
    expect(page.plan.actions).toMatchObject([{ text: 'Учебници от училището', status: 'open', canUpdate: true }])
    // The add form's owners: the page reuses the institutions it read with the case; the same as read on their own.
    expect(page.plan.owners).toEqual(await ownerChoicesFor(db, s.thread.id))
    expect(page.plan.owners?.institutions.length).toBeGreaterThan(1)
    // Someone from an uninvolved institution sees the plan but may not plan or change it.
    const strangers = await casePage.loader({
      request: getRequest(path(s.thread.code), { cookie: s.cookies.stranger }),
      params: { code: s.thread.code },
      context,
    })
    expect(strangers.plan).toMatchObject({ canPlan: false, owners: null, actions: [{ canUpdate: false }] })

    const listed = await myActions.loader({
      request: getRequest('/actions', { cookie: s.cookies.worker }),
      params: {},
      context,
    })
    expect(listed.actions.map((a) => a.id)).toContain(row.id)

    const refused = await settle(() =>
      myActions.action({
        request: formRequest('/actions', { intent: 'action-done', actionId: row.id }, { cookie: s.cookies.stranger }),
        params: {},
        context,
      }),
    )
    expect(statusOf(refused)).toBe(403)

    const done = await settle(() =>
      myActions.action({
        request: formRequest(
          '/actions',
          { intent: 'action-done', actionId: row.id, returnTo: '/' },
          { cookie: s.cookies.worker },
        ),
        params: {},
        context,
      }),
    )
    expect(statusOf(done)).toBe(302)
    expect((done as Response).headers.get('location')).toBe('/')
    const after = await casePage.loader({
      request: getRequest(path(s.thread.code), { cookie: s.cookies.author }),
      params: { code: s.thread.code },
      context,
    })
    expect(after.plan.actions).toMatchObject([{ status: 'done' }])
  })

  it('refuses a bad action form with field errors and keeps what was typed', async () => {
    const s = await scene()
    const answer = await post(
      s.thread.code,
      { intent: 'action-add', form: 'action', text: 'Обадете се на 0888 123 456', owner: '', dueDate: 'утре' },
      s.cookies.author,
    )
    expect(statusOf(answer)).toBe(400)
    const body = payloadOf<{ fieldErrors: Record<string, string[]>; values: Record<string, string> }>(answer)
    expect(Object.keys(body.fieldErrors).sort()).toEqual(['dueDate', 'owner'])
    expect(body.values.text).toBe('Обадете се на 0888 123 456')

    const personal = await post(
      s.thread.code,
      {
        intent: 'action-add',
        form: 'action',
        text: 'Обадете се на 0888 123 456',
        owner: `user:${s.worker.id}`,
        dueDate: inDays(1),
      },
      s.cookies.author,
    )
    expect(statusOf(personal)).toBe(422)
    const redacted = await post(
      s.thread.code,
      {
        intent: 'redact',
        form: 'action',
        text: 'Обадете се на 0888 123 456',
        owner: `user:${s.worker.id}`,
        dueDate: inDays(1),
      },
      s.cookies.author,
    )
    expect(payloadOf<{ values: Record<string, string> }>(redacted).values.text).not.toContain('0888')
    expect(await db.select().from(caseActions).where(eq(caseActions.caseId, s.thread.id))).toEqual([])
  })

  it('shows my open actions on the home page, overdue first', async () => {
    const s = await scene()
    for (const [text, due] of [
      ['По-късна задача', inDays(5)],
      ['Просрочена задача', inDays(0)],
    ] as const)
      await post(
        s.thread.code,
        { intent: 'action-add', form: 'action', text, owner: `institution:${s.social.id}`, dueDate: due },
        s.cookies.author,
      )
    await db
      .update(caseActions)
      .set({ dueDate: inDays(-2) })
      .where(eq(caseActions.text, 'Просрочена задача'))
    const page = await home.loader({ request: getRequest('/', { cookie: s.cookies.worker }), params: {}, context })
    const mine = page.myActions!.actions.filter((a) => a.caseCode === s.thread.code)
    expect(mine.map((a) => [a.text, a.overdue])).toEqual([
      ['Просрочена задача', true],
      ['По-късна задача', false],
    ])
    const visitor = await home.loader({ request: getRequest('/'), params: {}, context })
    expect(visitor.myActions).toBeNull()
  })
})
