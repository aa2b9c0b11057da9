import { and, eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'

import { sofiaToday } from '../../app/features/actions/actions.server'
import { addMonths, answerRetentionCheck } from '../../app/features/actions/retention.server'
import { changeCaseStatus } from '../../app/features/cases/cases.server'
import { Refusal } from '../../app/features/platform/refusal.server'
import * as casePage from '../../app/routes/cases.$code._index'
import { auditLog, caseActions, caseThreads, caseWatchers, notifications } from '../../db/schema'
import { makeCase } from '../../seed/builders/cases'
import { makeInstitution, makeUser } from '../../seed/builders/identity'
import { db } from '../support/database'
import { context, formRequest, sessionCookieFor, settle, statusOf } from '../support/http'

afterEach(() => {
  delete process.env.RETENTION_CHECK_MONTHS
})

async function returnedCase(outcome: 'returned_to_school' | 'enrolled_first_time' = 'returned_to_school') {
  const social = await makeInstitution(db, { kind: 'social_assistance' })
  const school = await makeInstitution(db, { kind: 'school' })
  const author = await makeUser(db, { institutionId: social.id })
  const teacher = await makeUser(db, { institutionId: school.id })
  const watcher = await makeUser(db, { institutionId: social.id })
  const coordinator = await makeUser(db, { role: 'coordinator' })
  const thread = await makeCase(db, {
    authorId: author.id,
    institutionId: social.id,
    involvedInstitutionIds: [school.id],
    status: 'in_progress',
  })
  await db.insert(caseWatchers).values({ caseId: thread.id, userId: watcher.id })
  await changeCaseStatus(author, thread.code, { status: 'resolved', outcome })
  const checks = await db
    .select()
    .from(caseActions)
    .where(eq(caseActions.caseId, thread.id))
    .orderBy(caseActions.retentionMonths)
  return { social, school, author, teacher, watcher, coordinator, thread, checks }
}

async function refusalOf(promise: Promise<unknown>) {
  try {
    await promise
  } catch (error) {
    if (error instanceof Response) return { status: error.status, code: null as string | null }
    if (error instanceof Refusal) return { status: error.status, code: error.code }
    throw error
  }
  throw new Error('expected a refusal')
}

const statusOfCase = async (id: string) =>
  (await db.select({ status: caseThreads.status }).from(caseThreads).where(eq(caseThreads.id, id)))[0].status

describe('retention checks', () => {
  it('schedules checks at 1, 3 and 6 months for the school when a case is resolved as a return', async () => {
    const s = await returnedCase()
    const today = sofiaToday()
    expect(s.checks.map((c) => [c.kind, c.retentionMonths, c.dueDate, c.ownerInstitutionId, c.returnedOn])).toEqual([
      ['retention_check', 1, addMonths(today, 1), s.school.id, today],
      ['retention_check', 3, addMonths(today, 3), s.school.id, today],
      ['retention_check', 6, addMonths(today, 6), s.school.id, today],
    ])
    const told = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, s.teacher.id), eq(notifications.kind, 'action.checksScheduled')))
    expect(told).toHaveLength(1)
  })

  it('follows the RETENTION_CHECK_MONTHS setting, and schedules nothing for other outcomes', async () => {
    process.env.RETENTION_CHECK_MONTHS = '2, 4'
    const s = await returnedCase('enrolled_first_time')
    expect(s.checks.map((c) => c.retentionMonths)).toEqual([2, 4])
    const other = await makeCase(db, { authorId: s.author.id, institutionId: s.social.id, status: 'in_progress' })
    await changeCaseStatus(s.author, other.code, { status: 'resolved', outcome: 'moved_abroad' })
    expect(await db.select().from(caseActions).where(eq(caseActions.caseId, other.id))).toEqual([])
  })

  it('lets only the school answer; "left again" at one month re-opens the case and tells its watchers', async () => {
    const s = await returnedCase()
    const [oneMonth] = s.checks
    expect(
      (await refusalOf(answerRetentionCheck(s.author, oneMonth.id, { answer: 'attending', note: '' }))).status,
    ).toBe(403)
    expect(
      await refusalOf(
        answerRetentionCheck(s.teacher, oneMonth.id, { answer: 'left_again', note: 'Иван Петров не идва' }),
      ),
    ).toMatchObject({ status: 422 })
    expect(await statusOfCase(s.thread.id)).toBe('resolved')

    const answered = await answerRetentionCheck(s.teacher, oneMonth.id, {
      answer: 'left_again',
      note: 'Не посещава от две седмици',
    })
    expect(answered.reopened).toBe(true)
    expect(await statusOfCase(s.thread.id)).toBe('in_progress')
    const after = await db.select().from(caseActions).where(eq(caseActions.caseId, s.thread.id))
    expect(after.find((c) => c.id === oneMonth.id)).toMatchObject({
      status: 'done',
      answer: 'left_again',
      answerNote: 'Не посещава от две седмици',
    })
    expect(after.filter((c) => c.id !== oneMonth.id).map((c) => c.status)).toEqual(['dropped', 'dropped'])
    for (const userId of [s.watcher.id, s.author.id]) {
      const told = await db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, userId), eq(notifications.messageKey, 'actions.notify.leftAgain')))
      expect(told).toHaveLength(1)
    }
    expect(
      await refusalOf(answerRetentionCheck(s.teacher, oneMonth.id, { answer: 'attending', note: '' })),
    ).toMatchObject({ status: 409, code: 'actions.error.notOpen' })
  })

  it('closes a case only when its checks are answered, unless a coordinator overrides with a reason (audited)', async () => {
    const s = await returnedCase()
    expect(
      await refusalOf(changeCaseStatus(s.author, s.thread.code, { status: 'closed', outcome: null })),
    ).toMatchObject({
      status: 409,
      code: 'actions.error.checksPending',
    })
    expect(
      await refusalOf(changeCaseStatus(s.coordinator, s.thread.code, { status: 'closed', outcome: null })),
    ).toMatchObject({ status: 409, code: 'actions.error.checksPendingOverride' })
    expect(await statusOfCase(s.thread.id)).toBe('resolved')

    await changeCaseStatus(s.coordinator, s.thread.code, {
      status: 'closed',
      outcome: null,
      overrideReason: 'Семейството се премести извън София, училището потвърди',
    })
    expect(await statusOfCase(s.thread.id)).toBe('closed')
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'case.close_override'), eq(auditLog.targetId, s.thread.id)))
    expect(entry).toMatchObject({ actorId: s.coordinator.id, details: { openChecks: 3 } })
    expect(
      (await db.select().from(caseActions).where(eq(caseActions.caseId, s.thread.id))).map((c) => c.status),
    ).toEqual(['dropped', 'dropped', 'dropped'])

    // Once every check is answered, the author closes it without help.
    const t = await returnedCase()
    for (const check of t.checks) await answerRetentionCheck(t.teacher, check.id, { answer: 'attending', note: '' })
    await changeCaseStatus(t.author, t.thread.code, { status: 'closed', outcome: null })
    expect(await statusOfCase(t.thread.id)).toBe('closed')
  })

  it('answers through the case page form, without JavaScript', async () => {
    const s = await returnedCase()
    const cookie = await sessionCookieFor(s.teacher.id)
    const code = s.thread.code
    const result = await settle(() =>
      casePage.action({
        request: formRequest(
          `/cases/${encodeURIComponent(code)}`,
          { intent: 'check-answer', actionId: s.checks[0].id, answer: 'irregular', note: '' },
          { cookie },
        ),
        params: { code },
        context,
      }),
    )
    expect(statusOf(result)).toBe(302)
    const [check] = await db.select().from(caseActions).where(eq(caseActions.id, s.checks[0].id))
    expect(check).toMatchObject({ status: 'done', answer: 'irregular', answerNote: null })
    expect(await statusOfCase(s.thread.id)).toBe('resolved')
  })
})
