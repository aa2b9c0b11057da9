import { and, eq, inArray } from 'drizzle-orm'

import { notify } from '../../app/features/notifications/inbox.server'
import { addSofiaDays, sofiaDateInput } from '../../app/features/platform/sofia-time'
import type { DbOrTx } from '../../db/client.server'
import { caseThreads, teams } from '../../db/schema'
import { makeForeignSchoolRound } from '../builders/foreign-schools'
import { assignCaseToTeam, makeFieldRound, makeRecognition } from '../builders/teams'
import type { SeededIdentity } from './identity'

type TeamKey = 'lyulin' | 'nadezhda'

/** Who of each demo team goes out on rounds, where, how often (days between rounds) and how many children a round meets. */
const ROUND_PLANS: Record<
  TeamKey,
  { authors: string[]; districts: string[][]; everyDays: number; met: [number, number] }
> = {
  nadezhda: {
    authors: ['edu.mediator@demo.bg', 'teacher@demo.bg', 'inspector@demo.bg'],
    districts: [['nadezhda'], ['nadezhda', 'vrabnitsa'], ['serdika'], ['vrabnitsa']],
    everyDays: 14,
    met: [5, 14],
  },
  lyulin: {
    authors: ['mediator@demo.bg', 'social.worker@demo.bg', 'staff@demo.bg'],
    districts: [['lyulin']],
    everyDays: 28,
    met: [3, 9],
  },
}

const NOTES = [
  '',
  'Посещения в блоковете около училището; две семейства поискаха среща с класния ръководител.',
  'Обход съвместно с ДПС; родителите бяха поканени на деня на отворените врати.',
  '',
  'Семействата, завърнали се от чужбина, получиха информация за приравняване на класовете.',
  'Разговори с родители на деца от подготвителна група за записване в първи клас.',
]

/** The same numbers on every fresh start: a small linear congruential sequence. */
function sequence(seed: number) {
  let state = seed
  return (min: number, max: number) => {
    state = (state * 1103515245 + 12345) % 2147483648
    return min + (Math.floor(state / 65536) % (max - min + 1))
  }
}

/**
 * Field rounds of both demo teams over the last twelve months (the patrol every two weeks in three districts,
 * the Lyulin team monthly), the demo cases given to the team of their district, a coordinator's recognition
 * of the patrol, and a foreign-school round with two answers of three. Milestones follow from the data.
 */
export async function seedTeamsWork(db: DbOrTx, identity: SeededIdentity, now = new Date()) {
  const user = (email: string) => identity.users[email]
  const coordinator = user('coordinator@demo.bg')
  const today = sofiaDateInput(now)
  const teamIds = identity.teams as Record<TeamKey, string>

  for (const [key, districts] of [
    ['nadezhda', ['nadezhda', 'vrabnitsa', 'serdika']],
    ['lyulin', ['lyulin']],
  ] as [TeamKey, string[]][]) {
    const cases = await db
      .select({ id: caseThreads.id })
      .from(caseThreads)
      .where(
        and(
          inArray(caseThreads.districtCode, districts),
          inArray(
            caseThreads.authorId,
            Object.values(identity.users).map((u) => u.id),
          ),
        ),
      )
    for (const c of cases) await assignCaseToTeam(db, c.id, teamIds[key], coordinator.id)
  }

  let rounds = 0
  for (const key of ['nadezhda', 'lyulin'] as TeamKey[]) {
    const plan = ROUND_PLANS[key]
    const next = sequence(key.length * 7919)
    for (let i = 0, daysAgo = 2; daysAgo < 360; i++, daysAgo += plan.everyDays + next(-3, 3)) {
      const met = next(plan.met[0], plan.met[1])
      const outOfSchool = next(1, Math.max(1, Math.floor(met / 2)))
      const back = next(0, Math.min(3, outOfSchool))
      const enrolled = next(0, back)
      await makeFieldRound(db, {
        teamId: teamIds[key],
        authorId: user(plan.authors[i % plan.authors.length]).id,
        roundDate: addSofiaDays(today, -daysAgo),
        districtCodes: plan.districts[i % plan.districts.length],
        householdsVisited: next(Math.ceil(met / 3), met),
        childrenMet: met,
        childrenOutOfSchool: outOfSchool,
        referred: next(0, outOfSchool),
        enrolled,
        returned: back - enrolled,
        note: NOTES[i % NOTES.length],
      })
      rounds++
    }
  }

  const [patrol] = await db
    .select()
    .from(teams)
    .where(and(eq(teams.id, teamIds.nadezhda)))
  const title = 'Най-много върнати деца през есента'
  await makeRecognition(db, {
    teamId: patrol.id,
    awardedBy: coordinator.id,
    title,
    citation:
      'Мобилният екип обходи всяка втора седмица кварталите на Надежда, Връбница и Сердика и заедно с училищата и ДПС върна в клас децата, отпаднали след лятото.',
    periodStart: `${addSofiaDays(today, -120).slice(0, 7)}-01`,
    periodEnd: addSofiaDays(today, -30),
    awardedAt: new Date(now.getTime() - 20 * 24 * 3600_000),
  })
  await notify(db, {
    userIds: ['edu.mediator@demo.bg', 'teacher@demo.bg', 'inspector@demo.bg'].map((e) => user(e).id),
    kind: 'team.recognition',
    messageKey: 'recognition.notify.award',
    params: { team: patrol.name, title },
    url: `/teams/${patrol.slug}`,
  })

  const year = Number(today.slice(0, 4)) - (today.slice(5) < '09-15' ? 1 : 0)
  await makeForeignSchoolRound(db, {
    title: `Чуждестранни училища в София – учебна ${year}/${year + 1} г.`,
    periodStart: `${year}-09-15`,
    periodEnd: `${year + 1}-06-30`,
    createdBy: coordinator.id,
    schools: [
      {
        name: 'Британско училище в София',
        contactEmail: 'office@british-school.example',
        answer: { pupils0to6: 6, pupils7to10: 14, pupils11to14: 11, pupils15to18: 9, newEnrolments: 7, leavers: 3 },
      },
      {
        name: 'Френски лицей „Виктор Юго“',
        contactEmail: 'secretariat@lycee-sofia.example',
        answer: {
          pupils0to6: 4,
          pupils7to10: 8,
          pupils11to14: 5,
          pupils15to18: 2,
          newEnrolments: 3,
          leavers: 1,
          comment: 'Повечето ученици с българско гражданство са от смесени семейства.',
          submissions: 2,
        },
      },
      { name: 'Немско училище в София', contactEmail: 'info@deutsche-schule.example' },
    ],
  })
  return { rounds }
}
