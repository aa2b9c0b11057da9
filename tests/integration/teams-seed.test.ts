import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { getRound } from '../../app/features/foreign-schools/rounds.server'
import { computeIndicators } from '../../app/features/indicators/indicators.server'
import { periodFromQuery } from '../../app/features/indicators/period'
import { teamRecognitions } from '../../app/features/teams/recognition.server'
import { foreignSchoolRounds } from '../../db/schema'
import { makeTeam, makeUser } from '../../seed/builders/identity'
import type { SeededIdentity } from '../../seed/demo/identity'
import { seedTeamsWork } from '../../seed/demo/teams'
import { db } from '../support/database'

const MEMBERS = {
  nadezhda: ['edu.mediator@demo.bg', 'teacher@demo.bg', 'inspector@demo.bg'],
  lyulin: ['mediator@demo.bg', 'social.worker@demo.bg', 'staff@demo.bg'],
}

describe("the demo teams' work, as a fresh start shows it", () => {
  it('a year of field rounds in several districts, a recognition and a foreign-school round with two answers', async () => {
    // Fresh stand-ins for the demo accounts and teams, so the seed runs beside other tests' data.
    const teams = {
      nadezhda: (await makeTeam(db, { kind: 'mobile', districtCodes: ['nadezhda', 'vrabnitsa', 'serdika'] })).id,
      lyulin: (await makeTeam(db, { districtCodes: ['lyulin'] })).id,
    }
    const users: SeededIdentity['users'] = {}
    const coordinator = await makeUser(db, { role: 'coordinator' })
    users['coordinator@demo.bg'] = { ...coordinator }
    for (const [team, emails] of Object.entries(MEMBERS))
      for (const email of emails) {
        const u = await makeUser(db, { teamId: teams[team as keyof typeof teams] })
        users[email] = { id: u.id, name: u.name, role: u.role, institutionId: u.institutionId }
      }
    const { rounds } = await seedTeamsWork(db, { users, institutions: {}, teams } as unknown as SeededIdentity)
    expect(rounds).toBeGreaterThanOrEqual(30)

    const { period } = periodFromQuery(new URL('http://localhost/reports'))
    const patrol = await computeIndicators(coordinator, period, { teamId: teams.nadezhda })
    expect(patrol.childrenReached.value).toBeGreaterThan(100)
    expect(patrol.participants.fieldWork).toBe(3)
    expect(patrol.trend.filter((m) => m.childrenMet > 0).length).toBeGreaterThanOrEqual(11)
    expect(patrol.districts.map((d) => d.districtCode)).toEqual(['nadezhda', 'serdika', 'vrabnitsa'])
    const lyulin = await computeIndicators(coordinator, period, { teamId: teams.lyulin })
    expect(lyulin.rounds.rounds).toBeGreaterThanOrEqual(10)

    const recognitions = await teamRecognitions(teams.nadezhda)
    expect(recognitions.filter((r) => r.kind === 'award').map((r) => r.title)).toEqual([
      'Най-много върнати деца през есента',
    ])
    expect(recognitions.map((r) => r.milestone)).toContain('first_field_round')

    const [round] = await db.select().from(foreignSchoolRounds).where(eq(foreignSchoolRounds.createdBy, coordinator.id))
    const page = await getRound(coordinator, round.id)
    expect(page.schools).toHaveLength(3)
    expect(page.answered).toBe(2)
    expect(page.totals.pupils7to10).toBe(22)
  }, 120_000)
})
