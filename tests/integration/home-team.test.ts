import { describe, expect, it } from 'vitest'

import type { HomeBlockData } from '../../app/features/home/types'
import { addSofiaDays, sofiaDateInput } from '../../app/features/platform/sofia-time'
import * as home from '../../app/routes/_index'
import { makeCase } from '../../seed/builders/cases'
import { makeInstitution, makeTeam, makeUser } from '../../seed/builders/identity'
import { assignCaseToTeam, makeFieldRound } from '../../seed/builders/teams'
import { db } from '../support/database'
import { context, getRequest, sessionCookieFor } from '../support/http'

async function teamBlock(userId: string) {
  const cookie = await sessionCookieFor(userId)
  const data = (await home.loader({ request: getRequest('/', { cookie }), params: {}, context })) as {
    blocks: HomeBlockData[]
  }
  return data.blocks.find((b) => b.id === 'my-team')
}

const counts = (block: HomeBlockData | undefined) =>
  Object.fromEntries((block?.counts ?? []).map((c) => [c.key, c.count]))
const districtLines = (block: HomeBlockData | undefined) =>
  (block?.items ?? [])
    .map((i) => i.label)
    .filter((l) => typeof l !== 'string' && l.key === 'home.block.team.district')
    .map((l) => (typeof l === 'string' ? {} : l.params))

describe("my team's latest rounds and indicators on the home page", () => {
  it('a staff member sees their own team\'s figures, small district counts as "<5"; a coordinator sees the numbers', async () => {
    const today = sofiaDateInput(new Date())
    const school = await makeInstitution(db, { kind: 'school', districtCode: 'krasna-polyana' })
    const team = await makeTeam(db, { kind: 'mobile', districtCodes: ['krasna-polyana', 'ovcha-kupel'] })
    const staff = await makeUser(db, { institutionId: school.id, teamId: team.id })
    const coordinator = await makeUser(db, { role: 'coordinator', institutionId: school.id, teamId: team.id })
    const outsider = await makeUser(db, { institutionId: school.id })
    await makeFieldRound(db, {
      teamId: team.id,
      authorId: staff.id,
      roundDate: addSofiaDays(today, -3),
      districtCodes: ['krasna-polyana'],
      householdsVisited: 5,
      childrenMet: 8,
    })
    await makeFieldRound(db, {
      teamId: team.id,
      authorId: staff.id,
      roundDate: addSofiaDays(today, -1),
      districtCodes: ['ovcha-kupel'],
      householdsVisited: 2,
      childrenMet: 3,
    })
    // A case of the team in a district its rounds did not go to: one more child reached.
    const c = await makeCase(db, {
      authorId: staff.id,
      institutionId: school.id,
      districtCode: 'bankya',
      status: 'resolved',
      outcome: 'returned_to_school',
    })
    await assignCaseToTeam(db, c.id, team.id)

    const block = await teamBlock(staff.id)
    expect(block?.titleParams).toEqual({ team: team.name })
    expect(counts(block)).toMatchObject({
      'home.block.team.reached': 12,
      'home.block.team.met': 11,
      'home.block.team.rounds': 2,
    })
    const rounds = (block?.items ?? []).filter((i) => i.day)
    expect(rounds.map((r) => r.day)).toEqual([addSofiaDays(today, -1), addSofiaDays(today, -3)])
    expect(rounds[0].href).toBe(`/teams/${team.slug}#team-rounds`)
    expect(districtLines(block)).toEqual(
      expect.arrayContaining([
        { district: 'Банкя', reached: '<5', back: '<5' },
        { district: 'Красна поляна', reached: 8, back: 0 },
        { district: 'Овча купел', reached: '<5', back: 0 },
      ]),
    )

    const lead = await teamBlock(coordinator.id)
    expect(districtLines(lead)).toEqual(
      expect.arrayContaining([
        { district: 'Банкя', reached: 1, back: 1 },
        { district: 'Овча купел', reached: 3, back: 0 },
      ]),
    )
    expect(await teamBlock(outsider.id)).toBeUndefined()
  })
})
