import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { createCalendarFeed } from '../../app/features/actions/calendar.server'
import { postCaseReply } from '../../app/features/cases/replies.server'
import { requestPasswordReset, requestSignup, reviewSignup } from '../../app/features/identity/accounts.server'
import { eraseExpiredSignupRequests } from '../../app/features/identity/erasure.server'
import { mentionNames } from '../../app/features/identity/mentions.server'
import { getSessionUser } from '../../app/features/identity/session.server'
import { plainTextToDoc, toRichText } from '../../app/features/richtext/document'
import * as adminUsers from '../../app/routes/admin.users'
import * as eraseRoute from '../../app/routes/admin.users_.$userId.erase'
import * as certificatePage from '../../app/routes/certificates.$code'
import * as certificatePdf from '../../app/routes/certificates.$code_.pdf'
import * as login from '../../app/routes/login'
import {
  actionCalendarTokens,
  auditLog,
  caseReplies,
  caseWatchers,
  certificates,
  emailOutbox,
  notifications,
  passwordResetTokens,
  sessions,
  users,
} from '../../db/schema'
import { makeCase } from '../../seed/builders/cases'
import { makeInstitution, makeUser, TEST_PASSWORD } from '../../seed/builders/identity'
import { makeCourse, makeEnrolment } from '../../seed/builders/training'
import { auditEntries, db, findInEveryTable } from '../support/database'
import {
  context,
  flashOf,
  formRequest,
  getRequest,
  payloadOf,
  sessionCookieFor,
  settle,
  statusOf,
} from '../support/http'

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context })

type UserRow = typeof users.$inferSelect
const actorOf = (u: UserRow) => ({
  id: u.id,
  role: u.role,
  institutionId: u.institutionId,
  teamId: u.teamId,
  name: u.name,
})

const erasePath = (userId: string) => `/admin/users/${userId}/erase`

/** The confirmation form posted as an admin (or anyone) would post it; `confirm` ticked unless said otherwise. */
async function postErase(as: UserRow, userId: string, fields: Record<string, string> = { confirm: 'on' }) {
  const cookie = await sessionCookieFor(as.id)
  return settle(() => eraseRoute.action(args(formRequest(erasePath(userId), fields, { cookie }), { userId })))
}

async function userRow(id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id))
  return row
}

/** A disabled colleague who wrote, was notified, mailed, mentioned and certified — everything erasure must reach. */
async function formerColleague() {
  const institution = await makeInstitution(db)
  const admin = await makeUser(db, { role: 'admin', institutionId: institution.id })
  const colleague = await makeUser(db, { institutionId: institution.id })
  const person = await makeUser(db, {
    institutionId: institution.id,
    positionKind: 'teacher',
    position: 'учител, начален етап',
  })
  await db.update(users).set({ signupNote: 'Класен ръководител на 3 б клас' }).where(eq(users.id, person.id))
  const personCookie = await sessionCookieFor(person.id)
  await requestPasswordReset(person.email)
  await createCalendarFeed(actorOf(person))
  const thread = await makeCase(db, { authorId: colleague.id, institutionId: institution.id })
  // The colleague watches the case: "<name> replied" reaches them in the bell and by e-mail.
  await postCaseReply(actorOf(person), thread.code, {
    body: toRichText(plainTextToDoc('Ще се свържа с класния ръководител утре.')),
  })
  // The person is mentioned (a token of their id) and notified.
  const mention = await postCaseReply(actorOf(colleague), thread.code, {
    body: toRichText(plainTextToDoc(`Благодаря, @${person.name}!`)),
    mentionIds: [person.id],
  })
  const { course, lessonIds } = await makeCourse(db, { ownerId: admin.id, publish: true })
  const { certificateCode } = await makeEnrolment(db, {
    courseId: course.id,
    userId: person.id,
    learnerName: person.name,
    completedLessonKeys: lessonIds,
  })
  const adminCookie = await sessionCookieFor(admin.id)
  await adminUsers.action(
    args(formRequest('/admin/users', { intent: 'disable', userId: person.id }, { cookie: adminCookie })),
  )
  return { admin, colleague, person, personCookie, thread, mention, certificateCode: certificateCode! }
}

describe('anonymising an account (/admin/users/:id/erase)', () => {
  it('leaves neither the name nor the e-mail address in any column, and the account can never sign in again', async () => {
    const { admin, colleague, person, personCookie, thread, mention, certificateCode } = await formerColleague()
    expect((await userRow(person.id)).status).toBe('disabled')
    // The copies exist before: the colleague's notification and e-mail name the person, the person has mail.
    expect(await findInEveryTable([person.name])).toEqual(
      expect.arrayContaining(['notifications: ' + person.name + ' ', 'email_outbox: ' + person.name + ' ']),
    )

    const page = await eraseRoute.loader(
      args(getRequest(erasePath(person.id), { cookie: await sessionCookieFor(admin.id) }), { userId: person.id }),
    )
    expect(page.person).toMatchObject({ name: person.name, email: person.email, refusal: null })

    // Without the box ticked nothing happens, and the form says why.
    const unconfirmed = await postErase(admin, person.id, {})
    expect(statusOf(unconfirmed)).toBe(400)
    expect(payloadOf<{ fieldErrors: Record<string, string[]> }>(unconfirmed).fieldErrors.confirm).toEqual([
      'admin.erase.confirmRequired',
    ])
    expect((await userRow(person.id)).name).toBe(person.name)

    const done = (await postErase(admin, person.id)) as Response
    expect(done.status).toBe(302)
    expect(done.headers.get('location')).toBe('/admin/users')
    const after = await userRow(person.id)
    expect(after.name).toMatch(/^Бивш потребител \d+$/)
    expect(await flashOf(done)).toMatchObject({ key: 'admin.erase.done', params: { label: after.name } })
    expect(after).toMatchObject({
      status: 'anonymised',
      email: `${person.id}@erased.invalid`,
      passwordHash: '',
      positionKind: 'other',
      position: '',
      signupNote: '',
    })

    expect(await findInEveryTable([person.name, person.email, 'учител, начален етап', '3 б клас'])).toEqual([])

    // Every secret and everything addressed to the person is gone.
    for (const [table, column] of [
      [sessions, sessions.userId],
      [passwordResetTokens, passwordResetTokens.userId],
      [actionCalendarTokens, actionCalendarTokens.userId],
      [notifications, notifications.userId],
      [caseWatchers, caseWatchers.userId],
    ] as const)
      expect(await db.select().from(table).where(eq(column, person.id))).toEqual([])
    expect(await getSessionUser(getRequest('/', { cookie: personCookie }))).toBeNull()

    // What the person wrote stays, under the label; a mention of them shows it; other people's copies name it.
    const replies = await db.select().from(caseReplies).where(eq(caseReplies.caseId, thread.id))
    expect(replies.filter((r) => r.authorId === person.id)).toHaveLength(1)
    expect((await mentionNames(db, [person.id])).get(person.id)).toBe(after.name)
    expect(replies.find((r) => r.id === mention.id)?.bodyText).toContain(`@{${person.id}}`)
    const told = await db.select().from(notifications).where(eq(notifications.userId, colleague.id))
    expect(told.map((n) => n.params.actor)).toContain(after.name)
    const mailed = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, colleague.email))
    expect(mailed.some((m) => m.textBody.includes(after.name))).toBe(true)

    // The certificate can still be checked by its code, without the name; it is no longer printed.
    const [certificate] = await db.select().from(certificates).where(eq(certificates.userId, person.id))
    expect(certificate.learnerName).toBe('')
    const check = await certificatePage.loader(
      args(getRequest(`/certificates/${certificateCode}`), { code: certificateCode }),
    )
    expect(statusOf(check)).toBe(200)
    const pdf = await settle(() =>
      certificatePdf.loader(args(getRequest(`/certificates/${certificateCode}/pdf`), { code: certificateCode })),
    )
    expect(statusOf(pdf)).toBe(404)

    // Ids only in the audit trail.
    const [entry] = await auditEntries('user.anonymised', person.id)
    expect(entry).toMatchObject({ actorId: admin.id, targetType: 'user', details: { from: 'disabled' } })

    // Nobody signs in with the old address and password, and no admin can enable the account again.
    const signIn = await login.action(args(formRequest('/login', { email: person.email, password: TEST_PASSWORD })))
    expect(payloadOf<{ formError: string }>(signIn).formError).toBe('auth.error.invalid')
    const adminCookie = await sessionCookieFor(admin.id)
    const enable = await settle(() =>
      adminUsers.action(
        args(formRequest('/admin/users', { intent: 'enable', userId: person.id }, { cookie: adminCookie })),
      ),
    )
    expect(statusOf(enable)).toBe(404)
    expect((await userRow(person.id)).status).toBe('anonymised')
    const again = await postErase(admin, person.id)
    expect(statusOf(again)).toBe(409)
    expect(payloadOf<{ formError: string }>(again).formError).toBe('admin.erase.already')
  })

  it('gives a coordinator and a staff member 403 and changes nothing', async () => {
    const institution = await makeInstitution(db)
    const person = await makeUser(db, { institutionId: institution.id, status: 'disabled', position: 'медиатор' })
    for (const role of ['coordinator', 'staff'] as const) {
      const someone = await makeUser(db, { role, institutionId: institution.id })
      expect(statusOf(await postErase(someone, person.id))).toBe(403)
      const cookie = await sessionCookieFor(someone.id)
      const page = await settle(() =>
        eraseRoute.loader(args(getRequest(erasePath(person.id), { cookie }), { userId: person.id })),
      )
      expect(statusOf(page)).toBe(403)
    }
    expect(await userRow(person.id)).toEqual(person)
    expect(await db.select().from(auditLog).where(eq(auditLog.targetId, person.id))).toEqual([])
  })

  it('refuses an admin their own account, and an account still in use', async () => {
    const admin = await makeUser(db, { role: 'admin' })
    const self = await postErase(admin, admin.id)
    expect(statusOf(self)).toBe(409)
    expect(payloadOf<{ formError: string }>(self).formError).toBe('admin.erase.self')

    for (const status of ['approved', 'pending'] as const) {
      const person = await makeUser(db, { status })
      const refused = await postErase(admin, person.id)
      expect(statusOf(refused)).toBe(409)
      expect(payloadOf<{ formError: string }>(refused).formError).toBe('admin.erase.notErasable')
      expect(await userRow(person.id)).toEqual(person)
    }
    expect((await userRow(admin.id)).status).toBe('approved')
  })
})

describe('retention of rejected sign-up requests', () => {
  const DAY = 24 * 3600 * 1000

  async function rejectedRequest(institutionId: string, reviewer: UserRow, daysAgo: number) {
    const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`
    const email = `applicant-${suffix}@example.bg`
    // A display name is letters only: the suffix without its digits, after a Cyrillic word.
    const name = `Кандидат Ж${suffix.replace(/\d/g, '')}`
    await requestSignup({
      name,
      email,
      password: 'a-long-password',
      institutionId,
      positionKind: 'teacher',
      position: `длъжност ${suffix}`,
      note: `Бележка ${suffix}`,
      locale: 'bg',
    })
    const [row] = await db.select().from(users).where(eq(users.email, email))
    await reviewSignup(reviewer, row.id, 'reject', 'Не работите в институция от механизма.')
    await db
      .update(users)
      .set({ reviewedAt: new Date(Date.now() - daysAgo * DAY) })
      .where(eq(users.id, row.id))
    return { id: row.id, name, email, suffix }
  }

  it('anonymises a request rejected 31 days ago and leaves one rejected 29 days ago', async () => {
    const institution = await makeInstitution(db)
    const coordinator = await makeUser(db, { role: 'coordinator', institutionId: institution.id })
    const old = await rejectedRequest(institution.id, coordinator, 31)
    const recent = await rejectedRequest(institution.id, coordinator, 29)
    // A rejected account something refers to (here: a case written in its name) keeps its anonymised row.
    const referenced = await rejectedRequest(institution.id, coordinator, 40)
    await makeCase(db, { authorId: referenced.id, institutionId: institution.id })

    const result = await eraseExpiredSignupRequests()
    expect(result.anonymised).toBeGreaterThanOrEqual(2)

    expect(await findInEveryTable([old.name, old.email, old.suffix])).toEqual([])
    expect(await userRow(old.id)).toBeUndefined()
    expect(await findInEveryTable([referenced.name, referenced.email, referenced.suffix])).toEqual([])
    expect(await userRow(referenced.id)).toMatchObject({ status: 'anonymised', passwordHash: '' })

    expect(await userRow(recent.id)).toMatchObject({ name: recent.name, email: recent.email, status: 'rejected' })
    expect(await findInEveryTable([recent.email])).not.toEqual([])

    const entries = await db.select().from(auditLog).where(eq(auditLog.action, 'user.retention.anonymised'))
    expect(entries.map((e) => e.targetId)).toEqual(expect.arrayContaining([old.id, referenced.id]))
    expect(entries.map((e) => e.targetId)).not.toContain(recent.id)
    expect(entries.every((e) => e.actorId === null)).toBe(true)

    // A second run finds nothing new of these.
    await eraseExpiredSignupRequests()
    expect(await userRow(recent.id)).toMatchObject({ status: 'rejected' })
  })
})
