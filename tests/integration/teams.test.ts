import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import * as casePage from '../../app/routes/cases.$code._index'
import * as teamsIndex from '../../app/routes/teams._index'
import * as teamPage from '../../app/routes/teams.$slug._index'
import * as teamEdit from '../../app/routes/teams.$slug.edit'
import * as teamsNew from '../../app/routes/teams.new'
import { caseTeams, notifications, teams, users } from '../../db/schema'
import { makeCase } from '../../seed/builders/cases'
import { makeInstitution, makeTeam, makeUser } from '../../seed/builders/identity'
import { db } from '../support/database'
import { context, formRequest, getRequest, payloadOf, sessionCookieFor, settle, statusOf } from '../support/http'

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context })
const cookie = (id: string) => sessionCookieFor(id)

type TeamPageData = Awaited<ReturnType<typeof teamPage.loader>>

describe('creating and editing a team', () => {
  it('a coordinator creates a mobile team with districts; staff may not; bad input changes nothing', async () => {
    const coordinator = await makeUser(db, { role: 'coordinator' })
    const staff = await makeUser(db)
    const name = `Образователен патрул ${Date.now()}`
    const fields = {
      name,
      kind: 'mobile',
      districtCodes: ['nadezhda', 'vrabnitsa'],
      description: 'Обходи по домовете.',
    }

    const refused = await settle(async () =>
      teamsNew.action(args(formRequest('/teams/new', fields, { cookie: await cookie(staff.id) }))),
    )
    expect(statusOf(refused)).toBe(403)
    const bad = await settle(async () =>
      teamsNew.action(
        args(
          formRequest(
            '/teams/new',
            { ...fields, districtCodes: ['atlantis'] },
            { cookie: await cookie(coordinator.id) },
          ),
        ),
      ),
    )
    expect(statusOf(bad)).toBe(400)
    const errors = Object.keys(payloadOf<{ fieldErrors: Record<string, unknown> }>(bad).fieldErrors)
    expect(errors.some((k) => k.startsWith('districtCodes'))).toBe(true)
    expect(await db.select().from(teams).where(eq(teams.name, name))).toHaveLength(0)

    const created = (await teamsNew.action(
      args(formRequest('/teams/new', fields, { cookie: await cookie(coordinator.id) })),
    )) as Response
    expect(created.status).toBe(302)
    const [team] = await db.select().from(teams).where(eq(teams.name, name))
    expect(team).toMatchObject({ kind: 'mobile', districtCodes: ['nadezhda', 'vrabnitsa'] })
    expect(team.slug).toMatch(/^obrazovatelen-patrul-\d+$/)
    expect(created.headers.get('location')).toBe(`/teams/${team.slug}`)
  })

  it('refuses a description with personal data and offers the redaction', async () => {
    const coordinator = await makeUser(db, { role: 'coordinator' })
    const result = await settle(async () =>
      teamsNew.action(
        args(
          formRequest(
            '/teams/new',
            { name: `Екип ${Date.now()}`, kind: 'specialised', description: 'Детето Иван Петров, ЕГН 0142030405.' },
            { cookie: await cookie(coordinator.id) },
          ),
        ),
      ),
    )
    expect(statusOf(result)).toBe(422)
    expect(payloadOf<{ privacy?: { fields: Record<string, unknown> } }>(result).privacy?.fields).toHaveProperty(
      'description',
    )
  })

  it('members from several institutions join with their positions; only coordinators/admins manage them', async () => {
    const coordinator = await makeUser(db, { role: 'coordinator' })
    const team = await makeTeam(db, { kind: 'mobile' })
    const school = await makeInstitution(db, { kind: 'school' })
    const ozd = await makeInstitution(db, { kind: 'child_protection' })
    const mediator = await makeUser(db, { institutionId: school.id, positionKind: 'education_mediator' })
    const worker = await makeUser(db, { institutionId: ozd.id, positionKind: 'social_worker', position: 'ОЗД' })
    const add = async (actorId: string, userId: string) =>
      settle(async () =>
        teamEdit.action(
          args(
            formRequest(`/teams/${team.slug}/edit`, { intent: 'addMember', userId }, { cookie: await cookie(actorId) }),
            { slug: team.slug },
          ),
        ),
      )
    expect(statusOf(await add(mediator.id, mediator.id))).toBe(403)
    expect(statusOf(await add(coordinator.id, mediator.id))).toBe(302)
    expect(statusOf(await add(coordinator.id, worker.id))).toBe(302)
    const page = (await teamPage.loader(
      args(getRequest(`/teams/${team.slug}`, { cookie: await cookie(worker.id) }), { slug: team.slug }),
    )) as TeamPageData
    expect(page.members.map((m) => [m.name, m.positionKind, m.institutionName]).sort()).toEqual(
      [
        [mediator.name, 'education_mediator', school.name],
        [worker.name, 'social_worker', ozd.name],
      ].sort(),
    )
    const list = await teamsIndex.loader(args(getRequest('/teams', { cookie: await cookie(worker.id) })))
    const listed = list.teams.find((t) => t.id === team.id)
    expect(listed, JSON.stringify(listed)).toMatchObject({ members: 2, institutions: 2 })

    const removed = await settle(async () =>
      teamEdit.action(
        args(
          formRequest(
            `/teams/${team.slug}/edit`,
            { intent: 'removeMember', userId: worker.id },
            { cookie: await cookie(coordinator.id) },
          ),
          { slug: team.slug },
        ),
      ),
    )
    expect(statusOf(removed)).toBe(302)
    expect((await db.select().from(users).where(eq(users.id, worker.id)))[0].teamId).toBeNull()
  })

  it('signed-out visitors never see teams or their cases', async () => {
    const team = await makeTeam(db)
    const index = await settle(() => teamsIndex.loader(args(getRequest('/teams'))))
    expect(statusOf(index)).toBe(302)
    const page = await settle(() => teamPage.loader(args(getRequest(`/teams/${team.slug}`), { slug: team.slug })))
    expect(statusOf(page)).toBe(302)
    const staff = await makeUser(db)
    const missing = await settle(async () =>
      teamPage.loader(
        args(getRequest('/teams/no-such-team', { cookie: await cookie(staff.id) }), { slug: 'no-such-team' }),
      ),
    )
    expect(statusOf(missing)).toBe(404)
  })
})

describe('assigning a case to teams', () => {
  it('staff assign a case on the case page; the members are told; the team page lists it; it can be removed', async () => {
    const team = await makeTeam(db)
    const member = await makeUser(db, { teamId: team.id })
    const staff = await makeUser(db)
    const thread = await makeCase(db, { authorId: staff.id, institutionId: staff.institutionId })
    const post = async (intent: string, teamId: string) =>
      settle(async () =>
        casePage.action(
          args(formRequest(`/cases/${thread.code}`, { intent, teamId }, { cookie: await cookie(staff.id) }), {
            code: thread.code,
          }),
        ),
      )
    expect(statusOf(await post('assignTeam', 'not-a-uuid'))).toBe(400)
    expect(statusOf(await post('assignTeam', team.id))).toBe(302)
    expect(statusOf(await post('assignTeam', team.id))).toBe(302)
    expect(await db.select().from(caseTeams).where(eq(caseTeams.caseId, thread.id))).toHaveLength(1)
    const told = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, member.id), eq(notifications.kind, 'team.case')))
    expect(told).toHaveLength(1)

    const view = await casePage.loader(
      args(getRequest(`/cases/${thread.code}`, { cookie: await cookie(member.id) }), { code: thread.code }),
    )
    expect(view.teams.assigned.map((t) => t.id)).toEqual([team.id])
    const page = (await teamPage.loader(
      args(getRequest(`/teams/${team.slug}`, { cookie: await cookie(member.id) }), { slug: team.slug }),
    )) as TeamPageData
    expect(page.cases.map((c) => c.code)).toEqual([thread.code])
    expect(page.figures.casesAssigned).toBe(1)

    expect(statusOf(await post('removeTeam', team.id))).toBe(302)
    expect(await db.select().from(caseTeams).where(eq(caseTeams.caseId, thread.id))).toHaveLength(0)
  })
})
