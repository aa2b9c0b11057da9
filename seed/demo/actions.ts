import { and, eq } from 'drizzle-orm'

import { sofiaToday } from '../../app/features/actions/actions.server'
import { scheduleRetentionChecks } from '../../app/features/actions/retention.server'
import type { Tx } from '../../db/client.server'
import { caseActions, caseReplies, caseThreads, chatRooms } from '../../db/schema'
import { answerCheck, makeAction } from '../builders/actions'
import { makeReplies } from '../builders/cases'
import { CASE_SEEDS } from './cases'
import type { SeededIdentity } from './identity'

const DAY = 24 * 3600 * 1000
const day = (n: number) => sofiaToday(new Date(Date.now() + n * DAY))
/** Noon on a Sofia day n days from now (a finished action's moment). */
const noonOf = (n: number) => new Date(`${day(n)}T10:00:00Z`)

/** Seed-only lookups: the cases and chat seeds run before this one and own their rows. */
async function demoCase(tx: Tx, title: string) {
  const [thread] = await tx.select().from(caseThreads).where(eq(caseThreads.title, title)).limit(1)
  return thread
}

async function replyNumbered(tx: Tx, caseId: string, number: number) {
  const [reply] = await tx
    .select({ id: caseReplies.id })
    .from(caseReplies)
    .where(and(eq(caseReplies.caseId, caseId), eq(caseReplies.number, number)))
  return reply
}

/**
 * The follow-through demo: actions agreed in the conference's minutes and in a reply, owned by colleagues and
 * by institutions — due soon, one overdue, done on time, one dropped with its reason — and a return to school
 * whose retention checks were scheduled by the real rule (1, 3, 6 months), the first answered "still attending".
 * Texts are anonymised like the cases: no names, numbers or addresses.
 */
export async function seedActions(tx: Tx, identity: SeededIdentity, conference: { roomId: string }) {
  const user = (email: string) => identity.users[email]
  const coordinator = user('coordinator@demo.bg')
  const mediator = user('mediator@demo.bg')
  const social = user('social.worker@demo.bg')
  const inst = identity.institutions

  // The conference's minutes on its case (the chat seed's room): three decisions become actions.
  const [conferenceCase] = await tx
    .select({ caseId: chatRooms.caseId })
    .from(chatRooms)
    .where(eq(chatRooms.id, conference.roomId))
  if (conferenceCase?.caseId) {
    const [minutes] = await makeReplies(tx, conferenceCase.caseId, [
      {
        authorId: coordinator.id,
        text: 'Протокол от казусната конференция. Решения: координаторът урежда посещение у дома с медиатора и социалния работник; районната администрация проверява възможността за записване в подготвителна група; оценката на нуждите на семейството се възлага на РУО.',
        createdAt: new Date(Date.now() - 50 * 60 * 1000),
      },
    ])
    const agreed = { replyId: minutes.id, roomId: conference.roomId, createdBy: coordinator.id }
    await makeAction(tx, {
      ...agreed,
      caseId: conferenceCase.caseId,
      text: 'Посещение у дома заедно с медиатора и социалния работник',
      ownerUserId: coordinator.id,
      dueDate: day(2),
    })
    await makeAction(tx, {
      ...agreed,
      caseId: conferenceCase.caseId,
      text: 'Проверка за свободно място в подготвителна група в района',
      ownerInstitutionId: inst.raionLyulin,
      dueDate: day(6),
    })
    await makeAction(tx, {
      ...agreed,
      caseId: conferenceCase.caseId,
      text: 'Оценка на нуждите на семейството',
      ownerInstitutionId: inst.ruo,
      dueDate: day(10),
      status: 'dropped',
      dropReason: 'Оценката вече е направена от отдел „Закрила на детето“ по предишен сигнал.',
      completedAt: new Date(Date.now() - 30 * 60 * 1000),
      completedBy: coordinator.id,
    })
  }

  // Agreed in the replies of a case in Nadezhda: a meeting done on time, a kindergarten place due tomorrow, an
  // overdue talk with the parents.
  const absences = await demoCase(tx, CASE_SEEDS[1].title)
  if (absences) {
    const offer = await replyNumbered(tx, absences.id, 2)
    const meeting = await replyNumbered(tx, absences.id, 3)
    await makeAction(tx, {
      caseId: absences.id,
      text: 'Среща със семейството в квартала',
      ownerUserId: mediator.id,
      dueDate: day(-12),
      status: 'done',
      completedAt: noonOf(-13),
      completedBy: mediator.id,
      replyId: offer?.id,
      createdBy: mediator.id,
    })
    await makeAction(tx, {
      caseId: absences.id,
      text: 'Места в детска градина за по-малките деца',
      ownerInstitutionId: inst.raionNadezhda,
      dueDate: day(1),
      replyId: meeting?.id,
      createdBy: user('teacher@demo.bg').id,
    })
    await makeAction(tx, {
      caseId: absences.id,
      text: 'Разговор с родителите за графика на смените и грижата за по-малките',
      ownerUserId: mediator.id,
      dueDate: day(-3),
      replyId: meeting?.id,
      createdBy: user('teacher@demo.bg').id,
    })
  }

  // A case in Lyulin: the school's request for the individual form done on time, a monthly follow-up ahead.
  const individualForm = await demoCase(tx, CASE_SEEDS[3].title)
  if (individualForm) {
    const request = await replyNumbered(tx, individualForm.id, 3)
    await makeAction(tx, {
      caseId: individualForm.id,
      text: 'Заявление за самостоятелна форма на обучение през училището',
      ownerInstitutionId: inst.school75,
      dueDate: day(-6),
      status: 'done',
      completedAt: noonOf(-8),
      completedBy: user('staff@demo.bg').id,
      replyId: request?.id,
      createdBy: social.id,
    })
    await makeAction(tx, {
      caseId: individualForm.id,
      text: 'Ежемесечна среща с майката',
      ownerUserId: social.id,
      dueDate: day(16),
      replyId: request?.id,
      createdBy: social.id,
    })
  }

  // The return to school: checks scheduled by the real rule on the day it was resolved; the school answered
  // the first one "still attending" on its due day, the later ones are pending.
  const returned = await demoCase(tx, CASE_SEEDS[0].title)
  if (returned) {
    const checks = await scheduleRetentionChecks(
      tx,
      { ...coordinator, teamId: identity.teams.lyulin },
      returned,
      new Date(returned.statusChangedAt),
    )
    const [first] = await tx
      .select()
      .from(caseActions)
      .where(and(eq(caseActions.caseId, returned.id), eq(caseActions.retentionMonths, 1)))
    if (first && checks.length) {
      await answerCheck(tx, first, 'attending', user('staff@demo.bg'), new Date(`${first.dueDate}T09:00:00Z`))
    }
  }
}
