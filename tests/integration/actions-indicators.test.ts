import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { sofiaToday } from '../../app/features/actions/actions.server'
import { actionIndicators, type ActionIndicators } from '../../app/features/actions/indicators.server'
import { answerRetentionCheck } from '../../app/features/actions/retention.server'
import { changeCaseStatus } from '../../app/features/cases/cases.server'
import * as myActions from '../../app/routes/actions._index'
import { caseActions } from '../../db/schema'
import type { RetentionAnswer } from '../../db/schema/actions'
import { makeCase } from '../../seed/builders/cases'
import { makeInstitution, makeUser } from '../../seed/builders/identity'
import { db } from '../support/database'
import { context, getRequest, sessionCookieFor, settle, statusOf } from '../support/http'

const DAY = 86400_000
const day = (n: number) => sofiaToday(new Date(Date.now() + n * DAY))
/** An instant on a Sofia day at a wall-clock time (Sofia is UTC+2 in winter, +3 in summer: the test days are in December). */
const at = (isoDay: string, time: string) => new Date(`${isoDay}T${time}:00+02:00`)

const month = (i: ActionIndicators, months: number) =>
  i.retention.find((r) => r.months === months) ?? { months, returns: 0, inSchool: 0, left: 0 }

function delta(before: ActionIndicators, after: ActionIndicators, months: number) {
  const [b, a] = [month(before, months), month(after, months)]
  return { returns: a.returns - b.returns, inSchool: a.inSchool - b.inSchool, left: a.left - b.left }
}

describe('follow-through indicators (SQL aggregates on known data)', () => {
  it('counts actions done on time, overdue actions per institution, and children still in school per check month', async () => {
    const coordinator = await makeUser(db, { role: 'coordinator' })
    const before = await actionIndicators(coordinator)

    const schoolA = await makeInstitution(db, { kind: 'school' })
    const schoolB = await makeInstitution(db, { kind: 'school' })
    const teacherA = await makeUser(db, { institutionId: schoolA.id })
    const teacherB = await makeUser(db, { institutionId: schoolB.id })
    const thread = await makeCase(db, {
      authorId: teacherA.id,
      institutionId: schoolA.id,
      involvedInstitutionIds: [schoolB.id],
    })
    const task = (values: Partial<typeof caseActions.$inferInsert>) =>
      db
        .insert(caseActions)
        .values({ caseId: thread.id, text: 'Задача', dueDate: day(0), createdBy: teacherA.id, ...values })

    // Done: on time, on time at 23:30 of the due day (Sofia), early, and one a day late → 3 of 4.
    const due = day(-10)
    await task({ ownerUserId: teacherA.id, dueDate: due, status: 'done', completedAt: at(day(-12), '10:00') })
    await task({ ownerUserId: teacherA.id, dueDate: due, status: 'done', completedAt: at(due, '23:30') })
    await task({ ownerInstitutionId: schoolB.id, dueDate: due, status: 'done', completedAt: at(day(-11), '09:00') })
    await task({ ownerInstitutionId: schoolB.id, dueDate: due, status: 'done', completedAt: at(day(-9), '00:30') })
    // Overdue: two of school A's (one owned by its teacher), one of B's; not the dropped one, nor one due today.
    await task({ ownerInstitutionId: schoolA.id, dueDate: day(-3) })
    await task({ ownerUserId: teacherA.id, dueDate: day(-1) })
    await task({ ownerUserId: teacherB.id, dueDate: day(-2) })
    await task({ ownerInstitutionId: schoolB.id, dueDate: day(-5), status: 'dropped', dropReason: 'не е нужна' })
    await task({ ownerInstitutionId: schoolB.id, dueDate: day(0) })

    // Retention: four returns with checks at 1, 3 and 6 months.
    const returned = async (answers: (RetentionAnswer | 'dropped' | null)[]) => {
      const c = await makeCase(db, { authorId: teacherA.id, institutionId: schoolA.id, status: 'resolved' })
      await db.insert(caseActions).values(
        [1, 3, 6].map((months, i) => ({
          caseId: c.id,
          kind: 'retention_check' as const,
          ownerInstitutionId: schoolA.id,
          dueDate: day(-200 + months * 30),
          retentionMonths: months,
          returnedOn: day(-200),
          status: answers[i] === 'dropped' ? ('dropped' as const) : answers[i] ? ('done' as const) : ('open' as const),
          answer: answers[i] === 'dropped' ? null : answers[i],
        })),
      )
    }
    await returned(['attending', 'attending', 'irregular'])
    await returned(['attending', 'left_again', 'dropped'])
    await returned([null, null, null])
    // The fourth through the real flow: resolved as a return, "left again" at one month re-opens it.
    const live = await makeCase(db, {
      authorId: teacherA.id,
      institutionId: schoolA.id,
      status: 'in_progress',
    })
    await changeCaseStatus(teacherA, live.code, { status: 'resolved', outcome: 'returned_to_school' })
    const [first] = await db
      .select()
      .from(caseActions)
      .where(eq(caseActions.caseId, live.id))
      .orderBy(caseActions.retentionMonths)
    await answerRetentionCheck(teacherA, first.id, { answer: 'left_again', note: '' })

    const after = await actionIndicators(coordinator)
    expect(after.done - before.done).toBe(4)
    expect(after.doneOnTime - before.doneOnTime).toBe(3)
    const overdue = Object.fromEntries(after.overdueByInstitution.map((r) => [r.institutionId, r.overdue]))
    // School A: its two tasks, and the three unanswered checks of the third return (all past their dates).
    expect(overdue[schoolA.id]).toBe(5)
    expect(overdue[schoolB.id]).toBe(1)
    expect(delta(before, after, 1)).toEqual({ returns: 4, inSchool: 2, left: 1 })
    expect(delta(before, after, 3)).toEqual({ returns: 4, inSchool: 1, left: 2 })
    expect(delta(before, after, 6)).toEqual({ returns: 4, inSchool: 1, left: 2 })
  })

  it('shows the indicators on /actions to coordinators only', async () => {
    const coordinator = await makeUser(db, { role: 'coordinator' })
    const staff = await makeUser(db)
    const forCoordinator = await myActions.loader({
      request: getRequest('/actions', { cookie: await sessionCookieFor(coordinator.id) }),
      params: {},
      context,
    })
    expect(forCoordinator.indicators).not.toBeNull()
    const forStaff = await myActions.loader({
      request: getRequest('/actions', { cookie: await sessionCookieFor(staff.id) }),
      params: {},
      context,
    })
    expect(forStaff.indicators).toBeNull()
    expect(statusOf(await settle(() => actionIndicators(staff)))).toBe(403)
  })
})
