import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { addSofiaDays, sofiaDateInput } from '../../app/features/platform/sofia-time'
import { recentRecognitionsFor, teamRecognitions } from '../../app/features/teams/recognition.server'
import { listRounds, updateRound } from '../../app/features/teams/rounds.server'
import * as casePage from '../../app/routes/cases.$code._index'
import * as roundsIndex from '../../app/routes/rounds._index'
import * as roundEdit from '../../app/routes/rounds.$id.edit'
import * as roundsNew from '../../app/routes/rounds.new'
import * as teamPage from '../../app/routes/teams.$slug._index'
import { caseTeams, fieldRounds, notifications } from '../../db/schema'
import { makeCase } from '../../seed/builders/cases'
import { makeTeam, makeUser } from '../../seed/builders/identity'
import { db } from '../support/database'
import { context, formRequest, getRequest, payloadOf, sessionCookieFor, settle, statusOf } from '../support/http'

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context })
type TeamPageData = Awaited<ReturnType<typeof teamPage.loader>>

const today = () => sofiaDateInput(new Date())
const roundFields = (teamId: string, counts: Record<string, string> = {}) => ({
  intent: 'save',
  teamId,
  roundDate: today(),
  districtCodes: ['nadezhda'],
  householdsVisited: '6',
  childrenMet: '9',
  childrenOutOfSchool: '4',
  referred: '2',
  enrolled: '0',
  returned: '0',
  note: '',
  ...counts,
})

async function record(userId: string, fields: Record<string, string | string[]>) {
  return settle(async () =>
    roundsNew.action(args(formRequest('/rounds/new', fields, { cookie: await sessionCookieFor(userId) }))),
  )
}

async function figures(teamSlug: string, userId: string) {
  const page = (await teamPage.loader(
    args(getRequest(`/teams/${teamSlug}`, { cookie: await sessionCookieFor(userId) }), { slug: teamSlug }),
  )) as TeamPageData
  return page
}

describe('field rounds', () => {
  it('a team member records a round; the team page moves by its counts; the first round is a badge', async () => {
    const team = await makeTeam(db, { kind: 'mobile', districtCodes: ['nadezhda'] })
    const member = await makeUser(db, { teamId: team.id, positionKind: 'education_mediator' })
    const before = await figures(team.slug, member.id)
    expect(before.figures.childrenReached).toBe(0)

    const result = await record(member.id, roundFields(team.id, { childrenMet: '12', returned: '3' }))
    expect(statusOf(result)).toBe(302)
    expect((result as Response).headers.get('location')).toBe(`/teams/${team.slug}`)
    const after = await figures(team.slug, member.id)
    expect(after.figures).toMatchObject({
      rounds: 1,
      childrenReached: 12,
      householdsVisited: 6,
      childrenBackInSchool: 3,
    })
    expect(after.rounds).toHaveLength(1)
    expect(after.recognitions.map((r) => r.milestone)).toEqual(['first_field_round'])
    const told = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, member.id), eq(notifications.kind, 'team.milestone')))
    expect(told.map((n) => n.messageKey)).toEqual(['recognition.notify.milestone.first_field_round'])
  })

  it('refuses outsiders, bad counts, future days and personal data in the note, and changes nothing', async () => {
    const team = await makeTeam(db)
    const member = await makeUser(db, { teamId: team.id })
    const outsider = await makeUser(db)
    const trainer = await makeUser(db, { role: 'trainer' })
    expect(statusOf(await record(outsider.id, roundFields(team.id)))).toBe(403)
    expect(statusOf(await record(trainer.id, roundFields(team.id)))).toBe(403)
    for (const [field, value] of [
      ['childrenMet', '-1'],
      ['childrenMet', '2.5'],
      ['childrenMet', 'много'],
      ['householdsVisited', '100000'],
      ['childrenOutOfSchool', '50'],
    ]) {
      const bad = await record(member.id, roundFields(team.id, { [field]: value }))
      expect(statusOf(bad), `${field}=${value}`).toBe(400)
      expect(payloadOf<{ fieldErrors: Record<string, string[]> }>(bad).fieldErrors).toHaveProperty(field)
    }
    const noDistrict = await record(member.id, { ...roundFields(team.id), districtCodes: [] })
    expect(payloadOf<{ fieldErrors: Record<string, string[]> }>(noDistrict).fieldErrors.districtCodes).toEqual([
      'rounds.error.district',
    ])
    const future = await record(member.id, roundFields(team.id, { roundDate: addSofiaDays(today(), 2) }))
    expect(payloadOf<{ fieldErrors: Record<string, string[]> }>(future).fieldErrors.roundDate).toEqual([
      'rounds.error.future',
    ])
    const personal = await record(
      member.id,
      roundFields(team.id, { note: 'Семейството на Иван Петров, тел. 0888 123 456' }),
    )
    expect(statusOf(personal)).toBe(422)
    expect(await db.select().from(fieldRounds).where(eq(fieldRounds.teamId, team.id))).toHaveLength(0)
  })

  it('its author may correct a round for 7 days, nobody else; coordinators see every round, members their team’s', async () => {
    const team = await makeTeam(db)
    const other = await makeTeam(db)
    const author = await makeUser(db, { teamId: team.id })
    const colleague = await makeUser(db, { teamId: team.id })
    const stranger = await makeUser(db, { teamId: other.id })
    const coordinator = await makeUser(db, { role: 'coordinator' })
    await record(author.id, roundFields(team.id))
    await record(stranger.id, roundFields(other.id))
    const [round] = await db.select().from(fieldRounds).where(eq(fieldRounds.teamId, team.id))

    const edit = async (userId: string, fields: Record<string, string | string[]>) =>
      settle(async () =>
        roundEdit.action(
          args(formRequest(`/rounds/${round.id}/edit`, fields, { cookie: await sessionCookieFor(userId) }), {
            id: round.id,
          }),
        ),
      )
    expect(statusOf(await edit(colleague.id, roundFields(team.id, { childrenMet: '20' })))).toBe(403)
    expect(statusOf(await edit(coordinator.id, roundFields(team.id, { childrenMet: '20' })))).toBe(403)
    expect(statusOf(await edit(author.id, roundFields(team.id, { childrenMet: '20' })))).toBe(302)
    expect((await db.select().from(fieldRounds).where(eq(fieldRounds.id, round.id)))[0].childrenMet).toBe(20)
    const late = new Date(Date.now() + 8 * 24 * 3600_000)
    const input = {
      teamId: team.id,
      roundDate: today(),
      districtCodes: ['nadezhda'],
      householdsVisited: 1,
      childrenMet: 1,
      childrenOutOfSchool: 0,
      referred: 0,
      enrolled: 0,
      returned: 0,
      note: '',
    }
    await expect(updateRound(author, round.id, input, { now: late })).rejects.toMatchObject({
      code: 'rounds.error.editWindow',
      status: 409,
    })

    const mine = await roundsIndex.loader(args(getRequest('/rounds', { cookie: await sessionCookieFor(colleague.id) })))
    expect(new Set(mine.rounds.map((r) => r.teamId))).toEqual(new Set([team.id]))
    expect(mine.rounds.find((r) => r.id === round.id)?.editable).toBe(false)
    const all = await listRounds(coordinator)
    expect(all.some((r) => r.teamId === other.id) && all.some((r) => r.teamId === team.id)).toBe(true)
    const none = await listRounds(await makeUser(db))
    expect(none).toEqual([])
  })
})

describe('recognition', () => {
  it('resolving a team’s case with "returned to school" moves its figures and at 10 awards the badge once', async () => {
    const team = await makeTeam(db, { kind: 'mobile' })
    const members = [await makeUser(db, { teamId: team.id }), await makeUser(db, { teamId: team.id })]
    const coordinator = await makeUser(db, { role: 'coordinator' })
    // Nine children back in school from the team's rounds.
    expect(statusOf(await record(members[0].id, roundFields(team.id, { enrolled: '4', returned: '5' })))).toBe(302)
    const thread = await makeCase(db, { authorId: coordinator.id, institutionId: coordinator.institutionId })
    await db.insert(caseTeams).values({ caseId: thread.id, teamId: team.id })
    const setStatus = async (status: string, outcome = '') =>
      settle(async () =>
        casePage.action(
          args(
            formRequest(
              `/cases/${thread.code}`,
              { intent: 'status', status, outcome },
              { cookie: await sessionCookieFor(coordinator.id) },
            ),
            { code: thread.code },
          ),
        ),
      )
    expect((await figures(team.slug, members[1].id)).figures.childrenBackInSchool).toBe(9)
    expect(statusOf(await setStatus('in_progress'))).toBe(302)
    expect((await teamRecognitions(team.id)).map((r) => r.milestone)).toEqual(['first_field_round'])

    expect(statusOf(await setStatus('resolved', 'returned_to_school'))).toBe(302)
    const after = await figures(team.slug, members[1].id)
    expect(after.figures).toMatchObject({ childrenBackInSchool: 10, casesResolved: 1, casesReturnedToSchool: 1 })
    expect(after.recognitions.map((r) => r.milestone).sort()).toEqual(
      ['first_field_round', 'first_resolved_case', 'ten_children_back'].sort(),
    )
    for (const member of members) {
      const told = await db
        .select()
        .from(notifications)
        .where(
          and(
            eq(notifications.userId, member.id),
            eq(notifications.messageKey, 'recognition.notify.milestone.ten_children_back'),
          ),
        )
      expect(told).toHaveLength(1)
    }

    // Reopened and resolved again: the figures stay, the badge is never awarded twice.
    expect(statusOf(await setStatus('in_progress'))).toBe(302)
    expect(statusOf(await setStatus('resolved', 'returned_to_school'))).toBe(302)
    expect((await teamRecognitions(team.id)).filter((r) => r.milestone === 'ten_children_back')).toHaveLength(1)
    const again = await db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, members[0].id),
          eq(notifications.messageKey, 'recognition.notify.milestone.ten_children_back'),
        ),
      )
    expect(again).toHaveLength(1)
    expect((await recentRecognitionsFor({ ...members[0], teamId: team.id })).length).toBe(3)
  })

  it('coordinators award a recognition with a citation through the guard; the members are told; staff may not', async () => {
    const team = await makeTeam(db)
    const member = await makeUser(db, { teamId: team.id })
    const coordinator = await makeUser(db, { role: 'coordinator' })
    const award = async (userId: string, fields: Record<string, string>) =>
      settle(async () =>
        teamPage.action(
          args(
            formRequest(
              `/teams/${team.slug}`,
              { intent: 'recognise', ...fields },
              { cookie: await sessionCookieFor(userId) },
            ),
            { slug: team.slug },
          ),
        ),
      )
    const fields = {
      title: 'Екип на тримесечието',
      citation: 'За постоянството в обходите през есента.',
      periodStart: '2026-09-01',
      periodEnd: '2026-11-30',
    }
    expect(statusOf(await award(member.id, fields))).toBe(403)
    expect(statusOf(await award(coordinator.id, { ...fields, periodEnd: '2026-08-01' }))).toBe(400)
    expect(
      statusOf(await award(coordinator.id, { ...fields, citation: 'Помогнаха на Мария Иванова, ЕГН 0142030405.' })),
    ).toBe(422)
    expect(await teamRecognitions(team.id)).toHaveLength(0)
    expect(statusOf(await award(coordinator.id, fields))).toBe(302)
    expect(await teamRecognitions(team.id)).toMatchObject([{ kind: 'award', title: fields.title }])
    const told = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, member.id), eq(notifications.kind, 'team.recognition')))
    expect(told).toHaveLength(1)
  })
})
