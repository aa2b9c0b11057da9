import { and, eq, inArray } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import {
  casePlan,
  createCaseAction,
  dropAction,
  listMyActions,
  markActionDone,
  sofiaToday,
} from '../../app/features/actions/actions.server'
import { addMonths } from '../../app/features/actions/retention.server'
import { Refusal } from '../../app/features/platform/refusal.server'
import { caseActions, notifications } from '../../db/schema'
import { makeCase } from '../../seed/builders/cases'
import { makeInstitution, makeUser } from '../../seed/builders/identity'
import { db } from '../support/database'

const inDays = (n: number) => sofiaToday(new Date(Date.now() + n * 86400_000))

/** A case of a school with a social-assistance office involved, and people around it. */
async function caseScene() {
  const school = await makeInstitution(db, { kind: 'school' })
  const social = await makeInstitution(db, { kind: 'social_assistance' })
  const outsider = await makeInstitution(db, { kind: 'police' })
  const author = await makeUser(db, { institutionId: school.id })
  const teacher = await makeUser(db, { institutionId: school.id })
  const socialWorker = await makeUser(db, { institutionId: social.id })
  const colleague = await makeUser(db, { institutionId: social.id })
  const stranger = await makeUser(db, { institutionId: outsider.id })
  const coordinator = await makeUser(db, { institutionId: outsider.id, role: 'coordinator' })
  const thread = await makeCase(db, {
    authorId: author.id,
    institutionId: school.id,
    involvedInstitutionIds: [social.id],
  })
  return { school, social, outsider, author, teacher, socialWorker, colleague, stranger, coordinator, thread }
}

async function refusalOf(promise: Promise<unknown>) {
  try {
    await promise
  } catch (error) {
    if (error instanceof Response) return { status: error.status, code: null, fieldErrors: {} }
    if (error instanceof Refusal) return { status: error.status, code: error.code, fieldErrors: error.fieldErrors }
    throw error
  }
  throw new Error('expected a refusal')
}

describe('case actions', () => {
  it('lets staff of an involved institution give an action to a person, who is notified', async () => {
    const s = await caseScene()
    const created = await createCaseAction(s.socialWorker, s.thread.code, {
      text: 'Домашно посещение от социалния работник',
      owner: { type: 'user', id: s.teacher.id },
      dueDate: inDays(3),
    })
    const [row] = await db.select().from(caseActions).where(eq(caseActions.id, created.id))
    expect(row).toMatchObject({ status: 'open', ownerUserId: s.teacher.id, dueDate: inDays(3), kind: 'task' })
    const bell = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, s.teacher.id), eq(notifications.kind, 'action.assigned')))
    expect(bell).toHaveLength(1)
    expect(bell[0].url).toBe(`/cases/${encodeURIComponent(s.thread.code)}#action-${created.id}`)
  })

  it('tells every approved member of an owning institution', async () => {
    const s = await caseScene()
    await createCaseAction(s.author, s.thread.code, {
      text: 'Оценка на потребностите',
      owner: { type: 'institution', id: s.social.id },
      dueDate: inDays(7),
    })
    const told = await db
      .select({ userId: notifications.userId })
      .from(notifications)
      .where(
        and(
          eq(notifications.kind, 'action.assigned'),
          inArray(notifications.userId, [s.socialWorker.id, s.colleague.id, s.teacher.id]),
        ),
      )
    expect(told.map((t) => t.userId).sort()).toEqual([s.socialWorker.id, s.colleague.id].sort())
  })

  it('refuses someone from an uninvolved institution, an owner outside the case, a past date and personal data', async () => {
    const s = await caseScene()
    const base = {
      text: 'Учебници от училището',
      owner: { type: 'user' as const, id: s.teacher.id },
      dueDate: inDays(2),
    }
    expect((await refusalOf(createCaseAction(s.stranger, s.thread.code, base))).status).toBe(403)
    const outsideOwner = await refusalOf(
      createCaseAction(s.author, s.thread.code, { ...base, owner: { type: 'user', id: s.stranger.id } }),
    )
    expect(outsideOwner.fieldErrors).toEqual({ owner: ['actions.error.owner'] })
    const outsideInstitution = await refusalOf(
      createCaseAction(s.author, s.thread.code, { ...base, owner: { type: 'institution', id: s.outsider.id } }),
    )
    expect(outsideInstitution.fieldErrors).toEqual({ owner: ['actions.error.owner'] })
    const past = await refusalOf(createCaseAction(s.author, s.thread.code, { ...base, dueDate: inDays(-1) }))
    expect(past.fieldErrors).toEqual({ dueDate: ['actions.error.dueInPast'] })
    const personal = await refusalOf(
      createCaseAction(s.author, s.thread.code, { ...base, text: 'Да се обадим на майката на 0888 123 456' }),
    )
    expect(personal).toMatchObject({ status: 422, code: 'privacy.blocked' })
    expect(await db.select().from(caseActions).where(eq(caseActions.caseId, s.thread.id))).toEqual([])
    // A coordinator from elsewhere plans actions on any case.
    await createCaseAction(s.coordinator, s.thread.code, base)
    expect(await db.select().from(caseActions).where(eq(caseActions.caseId, s.thread.id))).toHaveLength(1)
  })

  it('lets the owner, their institution and the creator mark an action done — once — and nobody else', async () => {
    const s = await caseScene()
    const give = (owner: { type: 'user' | 'institution'; id: string }) =>
      createCaseAction(s.author, s.thread.code, { text: 'Посещение у дома', owner, dueDate: inDays(1) })
    const mine = await give({ type: 'user', id: s.socialWorker.id })
    expect((await refusalOf(markActionDone(s.colleague, mine.id))).status).toBe(403)
    expect((await refusalOf(markActionDone(s.stranger, mine.id))).status).toBe(403)
    await markActionDone(s.socialWorker, mine.id)
    expect(await refusalOf(markActionDone(s.socialWorker, mine.id))).toMatchObject({
      status: 409,
      code: 'actions.error.notOpen',
    })

    const ours = await give({ type: 'institution', id: s.social.id })
    await markActionDone(s.colleague, ours.id)
    const byCreator = await give({ type: 'user', id: s.socialWorker.id })
    await markActionDone(s.author, byCreator.id)

    const plan = await casePlan(s.teacher, s.thread.id)
    expect(plan.map((a) => a.status)).toEqual(['done', 'done', 'done'])
    expect(plan.every((a) => !a.canUpdate)).toBe(true)
  })

  it('drops an action only with a clean reason', async () => {
    const s = await caseScene()
    const action = await createCaseAction(s.author, s.thread.code, {
      text: 'Среща с родителите',
      owner: { type: 'institution', id: s.school.id },
      dueDate: inDays(5),
    })
    expect(await refusalOf(dropAction(s.teacher, action.id, 'Майката Мария Иванова отказа'))).toMatchObject({
      status: 422,
    })
    await dropAction(s.teacher, action.id, 'Семейството се премести в друг град')
    const [row] = await db.select().from(caseActions).where(eq(caseActions.id, action.id))
    expect(row).toMatchObject({ status: 'dropped', dropReason: 'Семейството се премести в друг град' })
  })

  it('lists my open actions and my institution’s, overdue first', async () => {
    const s = await caseScene()
    const give = (text: string, owner: { type: 'user' | 'institution'; id: string }, dueDate: string) =>
      createCaseAction(s.coordinator, s.thread.code, { text, owner, dueDate })
    await give('Втора задача', { type: 'user', id: s.socialWorker.id }, inDays(4))
    await give('Първа задача', { type: 'institution', id: s.social.id }, inDays(2))
    await give('Чужда задача', { type: 'user', id: s.teacher.id }, inDays(1))
    const finished = await give('Изпълнена задача', { type: 'user', id: s.socialWorker.id }, inDays(1))
    await markActionDone(s.socialWorker, finished.id)
    const late = await give('Закъсняла задача', { type: 'user', id: s.socialWorker.id }, inDays(0))
    // Overdue: due yesterday (written straight, as the form refuses past dates).
    await db
      .update(caseActions)
      .set({ dueDate: inDays(-1) })
      .where(eq(caseActions.id, late.id))

    const mine = await listMyActions(s.socialWorker)
    const texts = mine.filter((a) => a.caseCode === s.thread.code).map((a) => a.text)
    expect(texts).toEqual(['Закъсняла задача', 'Първа задача', 'Втора задача'])
    expect(mine[0].overdue).toBe(true)
    expect(mine.find((a) => a.text === 'Първа задача')).toMatchObject({ ownerIsInstitution: true, canUpdate: true })
  })
})

describe('calendar arithmetic', () => {
  it('adds months to a day, keeping the end of a month inside it', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28')
    expect(addMonths('2026-08-15', 6)).toBe('2027-02-15')
    expect(addMonths('2026-12-05', 3)).toBe('2027-03-05')
  })
})
