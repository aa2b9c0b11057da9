/**
 * Field rounds in the indicators, on known data: 2017 in Bankya and Pancharevo, which no other test uses.
 * Children reached = children met on rounds + cases opened that no round of their teams already counted
 * (a round of one of the case's teams in its district, in the 30 days up to its opening).
 */
import { beforeAll, describe, expect, it } from 'vitest'

import { computeIndicators } from '../../app/features/indicators/indicators.server'
import { periodOf } from '../../app/features/indicators/period'
import { addSofiaDays, sofiaDateInput } from '../../app/features/platform/sofia-time'
import { teamFigures } from '../../app/features/teams/figures.server'
import * as reports from '../../app/routes/reports._index'
import * as reportFile from '../../app/routes/reports.$file'
import * as roundsNew from '../../app/routes/rounds.new'
import { makeCase } from '../../seed/builders/cases'
import { makeInstitution, makeTeam, makeUser } from '../../seed/builders/identity'
import { assignCaseToTeam, makeFieldRound } from '../../seed/builders/teams'
import { db } from '../support/database'
import { context, formRequest, getRequest, sessionCookieFor, settle, statusOf } from '../support/http'

const YEAR_2017 = periodOf('2017-01-01', '2017-12-31')
const at = (iso: string) => new Date(`${iso}T10:00:00Z`)

describe('field rounds feed the indicators (2017, Bankya and Pancharevo)', () => {
  let coordinator: Awaited<ReturnType<typeof makeUser>>
  let staff: Awaited<ReturnType<typeof makeUser>>
  let teamA: Awaited<ReturnType<typeof makeTeam>>

  beforeAll(async () => {
    const school = await makeInstitution(db, { kind: 'school', districtCode: 'bankya' })
    coordinator = await makeUser(db, { role: 'coordinator', institutionId: school.id })
    teamA = await makeTeam(db, { kind: 'mobile', districtCodes: ['bankya', 'pancharevo'] })
    const teamB = await makeTeam(db, { kind: 'specialised', districtCodes: ['bankya'] })
    const member = await makeUser(db, { institutionId: school.id, teamId: teamA.id })
    staff = await makeUser(db, { institutionId: school.id, teamId: teamA.id })
    const c = (createdAt: string) =>
      makeCase(db, { authorId: staff.id, institutionId: school.id, createdAt: at(createdAt), districtCode: 'bankya' })

    await makeFieldRound(db, {
      teamId: teamA.id,
      authorId: member.id,
      roundDate: '2017-03-05',
      districtCodes: ['bankya'],
      householdsVisited: 4,
      childrenMet: 7,
      childrenOutOfSchool: 2,
      referred: 1,
      enrolled: 1,
      returned: 1,
    })
    await makeFieldRound(db, {
      teamId: teamA.id,
      authorId: member.id,
      roundDate: '2017-04-10',
      districtCodes: ['bankya', 'pancharevo'],
      householdsVisited: 3,
      childrenMet: 6,
    })
    // Team A's case 15 days after its round in Bankya: the round counted the child already.
    await assignCaseToTeam(db, (await c('2017-03-20')).id, teamA.id)
    // Team A's case 52 days after its last round: a child the rounds did not count.
    await assignCaseToTeam(db, (await c('2017-06-01')).id, teamA.id)
    // No team: counted. Team B never records rounds: counted.
    await c('2017-03-10')
    await assignCaseToTeam(db, (await c('2017-03-12')).id, teamB.id)
  })

  it('the project in Bankya: 13 children met on rounds + 3 cases no round counted', async () => {
    const ind = await computeIndicators(coordinator, YEAR_2017, { districtCode: 'bankya' })
    expect(ind.childrenReached).toEqual({ value: 16, target: 580, metOnRounds: 13, casesNotInRounds: 3 })
    expect(ind.rounds).toEqual({
      rounds: 2,
      childrenMet: 13,
      householdsVisited: 7,
      childrenOutOfSchool: 2,
      referred: 1,
      back: 2,
    })
    expect(ind.participants.fieldWork).toBe(1)
    expect(ind.trend.slice(2, 6)).toEqual([
      { month: '2017-03', opened: 3, resolved: 0, childrenMet: 7, reached: 9 },
      { month: '2017-04', opened: 0, resolved: 0, childrenMet: 6, reached: 6 },
      { month: '2017-05', opened: 0, resolved: 0, childrenMet: 0, reached: 0 },
      { month: '2017-06', opened: 1, resolved: 0, childrenMet: 0, reached: 1 },
    ])
    expect(ind.districts).toEqual([
      { districtCode: 'bankya', reached: 16, childrenMet: 13, opened: 4, resolved: 0, back: 0 },
    ])
  })

  it('a round in two districts counts whole in each; the project total counts it once', async () => {
    const pancharevo = await computeIndicators(coordinator, YEAR_2017, { districtCode: 'pancharevo' })
    expect(pancharevo.childrenReached).toMatchObject({ value: 6, metOnRounds: 6, casesNotInRounds: 0 })
    const team = await computeIndicators(coordinator, YEAR_2017, { teamId: teamA.id })
    expect(team.scope.team).toEqual({ slug: teamA.slug, name: teamA.name })
    // Team A: its 13 met + its one case the rounds did not count.
    expect(team.childrenReached).toMatchObject({ value: 14, metOnRounds: 13, casesNotInRounds: 1 })
    expect(team.districts).toEqual([
      { districtCode: 'bankya', reached: 14, childrenMet: 13, opened: 2, resolved: 0, back: 0 },
      { districtCode: 'pancharevo', reached: 6, childrenMet: 6, opened: 0, resolved: 0, back: 0 },
    ])
    // The team page counts by the same rule.
    expect((await teamFigures(db, teamA.id)).childrenReached).toBe(14)
  })

  it('outside the coordinators\' view, small district counts show as "<5"', async () => {
    const team = await computeIndicators(staff, YEAR_2017, { teamId: teamA.id })
    expect(team.restricted).toBe(true)
    expect(team.childrenReached.value).toBe(14)
    expect(team.districts).toEqual([
      { districtCode: 'bankya', reached: 14, childrenMet: 13, opened: '<5', resolved: 0, back: 0 },
      { districtCode: 'pancharevo', reached: 6, childrenMet: 6, opened: 0, resolved: 0, back: 0 },
    ])
  })
})

describe('/reports scoped to a team', () => {
  it('?team=<slug> scopes every indicator, with the period and the district; the downloads follow', async () => {
    const school = await makeInstitution(db, { kind: 'school', districtCode: 'bankya' })
    const coordinator = await makeUser(db, { role: 'coordinator', institutionId: school.id })
    const team = await makeTeam(db, { kind: 'mobile', districtCodes: ['bankya'] })
    const member = await makeUser(db, { institutionId: school.id, teamId: team.id })
    await makeFieldRound(db, {
      teamId: team.id,
      authorId: member.id,
      roundDate: '2016-05-05',
      districtCodes: ['bankya', 'pancharevo'],
      childrenMet: 11,
    })
    const cookie = await sessionCookieFor(coordinator.id)
    const load = (query: string) =>
      reports.loader({
        request: getRequest(`/reports?from=2016-01-01&to=2016-12-31${query}`, { cookie }),
        params: {},
        context,
      })
    const page = await load(`&team=${team.slug}`)
    expect(page.indicators.scope.team).toEqual({ slug: team.slug, name: team.name })
    expect(page.indicators.childrenReached.value).toBe(11)
    expect(page.indicators.participants).toMatchObject({ value: 1, fieldWork: 1 })
    expect(page.teams.map((t) => t.slug)).toContain(team.slug)
    expect((await load(`&team=${team.slug}&district=pancharevo`)).indicators.childrenReached.value).toBe(11)
    expect((await load(`&team=${team.slug}&district=lyulin`)).indicators.childrenReached.value).toBe(0)
    // An unknown team is the whole project.
    expect((await load('&team=no-such-team')).indicators.scope.team).toBeNull()

    const csv = (await reportFile.loader({
      request: getRequest(`/reports/indicators.csv?from=2016-01-01&to=2016-12-31&team=${team.slug}`, { cookie }),
      params: { file: 'indicators.csv' },
      context,
    })) as Response
    expect(csv.headers.get('content-disposition')).toContain(`indicators-${team.slug}-2016-01-01`)
    const lines = (await csv.text()).split('\r\n')
    expect(lines).toContain('Срещнати деца при теренни обходи;11;—;—')
  })
})

describe('recording a round moves the numbers by its counts', () => {
  it("the team's and the project's children reached move by the round's children met; its author joins the participants", async () => {
    const coordinator = await makeUser(db, { role: 'coordinator' })
    const team = await makeTeam(db, { kind: 'mobile', districtCodes: ['nadezhda'] })
    const member = await makeUser(db, { teamId: team.id, positionKind: 'education_mediator' })
    const today = sofiaDateInput(new Date())
    const lastMonth = periodOf(addSofiaDays(today, -30), today)
    const project = () => computeIndicators(coordinator, lastMonth)
    const ofTeam = () => computeIndicators(coordinator, lastMonth, { teamId: team.id })
    const [projectBefore, teamBefore] = [await project(), await ofTeam()]
    expect(teamBefore.childrenReached.value).toBe(0)

    const result = await settle(async () =>
      roundsNew.action({
        request: formRequest(
          '/rounds/new',
          {
            intent: 'save',
            teamId: team.id,
            roundDate: today,
            districtCodes: ['nadezhda'],
            householdsVisited: '6',
            childrenMet: '9',
            childrenOutOfSchool: '4',
            referred: '2',
            enrolled: '1',
            returned: '2',
            note: '',
          },
          { cookie: await sessionCookieFor(member.id) },
        ),
        params: {},
        context,
      }),
    )
    expect(statusOf(result)).toBe(302)

    const [projectAfter, teamAfter] = [await project(), await ofTeam()]
    expect(projectAfter.childrenReached.value - projectBefore.childrenReached.value).toBe(9)
    expect(projectAfter.rounds.householdsVisited - projectBefore.rounds.householdsVisited).toBe(6)
    expect(projectAfter.participants.fieldWork - projectBefore.participants.fieldWork).toBe(1)
    expect(projectAfter.participants.value - projectBefore.participants.value).toBe(1)
    expect(teamAfter.childrenReached).toMatchObject({ value: 9, metOnRounds: 9, casesNotInRounds: 0 })
    expect(teamAfter.rounds).toEqual({
      rounds: 1,
      childrenMet: 9,
      householdsVisited: 6,
      childrenOutOfSchool: 4,
      referred: 2,
      back: 3,
    })
    expect(teamAfter.trend.at(-1)?.childrenMet).toBe(9)
    expect(teamAfter.participants).toMatchObject({ value: 1, fieldWork: 1 })
  })
})
