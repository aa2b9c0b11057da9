import { and, asc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm'

import { db, type DbOrTx } from '../../../db/client.server'
import { caseTeams, institutions, teams, users } from '../../../db/schema'
import type { TeamKind } from '../../../db/schema/identity'
import { recordAudit } from '../audit/audit.server'
import { caseSummaries } from '../cases/cases.server'
import { publishedEventsBy } from '../events/events.server'
import { approvedPeople } from '../identity/people.server'
import { requirePermission, type Actor } from '../identity/permissions'
import { notFound } from '../platform/http.server'
import { Refusal } from '../platform/refusal.server'
import { uniqueSlug } from '../platform/slugs.server'
import { isUniqueViolation } from '../platform/sql.server'
import { publishedPracticesBy } from '../practices/practices.server'
import { enforcePrivacy, recordPrivacyOverride, type WriteOptions } from '../privacy/guard.server'
import { coursesCompletedBy } from '../training/analytics.server'
import { teamFigures } from './figures.server'
import { teamMemberIds } from './members.server'

export type TeamRow = typeof teams.$inferSelect

/** Words after /teams/ that a team may not take as its slug. */
const SLUG_RULES = { fallback: 'team', reserved: new Set(['new']) }

export async function findTeam(runner: DbOrTx, slug: string): Promise<TeamRow | null> {
  const [row] = await runner.select().from(teams).where(eq(teams.slug, slug)).limit(1)
  return row ?? null
}

async function requireTeam(runner: DbOrTx, slug: string) {
  const team = await findTeam(runner, slug)
  if (!team) notFound()
  return team
}

/** What a team's card shows wherever teams are listed. */
export const teamCardColumns = {
  id: teams.id,
  slug: teams.slug,
  name: teams.name,
  kind: teams.kind,
  districtCodes: teams.districtCodes,
}

/** Every team with its districts and how many people from how many institutions work in it. */
export async function listTeamsOverview(actor: Actor) {
  requirePermission(actor, 'team:read')
  return db
    .select({
      ...teamCardColumns,
      description: teams.description,
      // Spelled out: drizzle leaves the columns of a one-table query unqualified, and "id" would be the user's.
      members: sql<number>`(SELECT count(*)::int FROM users u
        WHERE u.team_id = "teams"."id" AND u.status = 'approved')`,
      institutions: sql<number>`(SELECT count(DISTINCT u.institution_id)::int FROM users u
        WHERE u.team_id = "teams"."id" AND u.status = 'approved')`,
    })
    .from(teams)
    .orderBy(asc(teams.name))
}

async function teamMembers(runner: DbOrTx, teamId: string) {
  return runner
    .select({
      id: users.id,
      name: users.name,
      positionKind: users.positionKind,
      position: users.position,
      institutionName: institutions.name,
      institutionKind: institutions.kind,
    })
    .from(users)
    .innerJoin(institutions, eq(institutions.id, users.institutionId))
    .where(and(eq(users.teamId, teamId), eq(users.status, 'approved')))
    .orderBy(asc(users.name))
}

export async function teamCaseIds(runner: DbOrTx, teamId: string): Promise<string[]> {
  const rows = await runner.select({ id: caseTeams.caseId }).from(caseTeams).where(eq(caseTeams.teamId, teamId))
  return rows.map((r) => r.id)
}

/** /teams/:slug — who is in the team and what it does, computed from what the tools already hold. */
export async function getTeamPage(actor: Actor, slug: string) {
  requirePermission(actor, 'team:read')
  const team = await requireTeam(db, slug)
  const [members, memberIds, caseIds] = await Promise.all([
    teamMembers(db, team.id),
    teamMemberIds(db, team.id),
    teamCaseIds(db, team.id),
  ])
  const [cases, practices, trainings, events, figures] = await Promise.all([
    caseSummaries(actor, caseIds),
    publishedPracticesBy(memberIds),
    coursesCompletedBy(memberIds),
    publishedEventsBy(memberIds),
    teamFigures(db, team.id),
  ])
  return {
    team,
    members,
    cases,
    practices,
    trainings,
    events,
    figures,
    isMember: memberIds.includes(actor.id),
  }
}

export interface TeamInput {
  name: string
  kind: TeamKind
  description: string
  districtCodes: string[]
}

/** Coordinators and admins create a team, or change one (its slug stays, so links keep working). */
export async function saveTeam(actor: Actor, input: TeamInput, slug?: string, options: WriteOptions = {}) {
  requirePermission(actor, 'team:manage')
  // Team pages are read by every colleague: what a team writes about its work passes the guard.
  const clearance = enforcePrivacy(
    actor,
    { name: input.name, description: input.description },
    options.privacyOverride ?? null,
  )
  const values = { ...input, districtCodes: [...new Set(input.districtCodes)] }
  try {
    return await db.transaction(async (tx) => {
      const existing = slug ? await requireTeam(tx, slug) : null
      const [row] = existing
        ? await tx.update(teams).set(values).where(eq(teams.id, existing.id)).returning()
        : await tx
            .insert(teams)
            .values({ ...values, slug: await uniqueSlug(tx, teams.slug, input.name, SLUG_RULES) })
            .returning()
      await recordPrivacyOverride(tx, actor, clearance, { type: 'team', id: row.id })
      await recordAudit(tx, {
        actorId: actor.id,
        action: existing ? 'team.updated' : 'team.created',
        targetType: 'team',
        targetId: row.id,
      })
      return row
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw new Refusal('teams.error.nameTaken', { field: 'name' })
    throw error
  }
}

/** For the edit page: the team and the colleagues who could join it. */
export async function getTeamForEdit(actor: Actor, slug: string) {
  requirePermission(actor, 'team:manage')
  const team = await requireTeam(db, slug)
  const [members, candidates] = await Promise.all([
    teamMembers(db, team.id),
    approvedPeople(db, or(isNull(users.teamId), ne(users.teamId, team.id)))
      .orderBy(asc(users.name))
      .limit(1000),
  ])
  return { team, members, candidates }
}

/** A person joins the team (leaving the one they were in: a person works in one team). */
export async function setTeamMember(actor: Actor, slug: string, userId: string, member: boolean) {
  requirePermission(actor, 'team:manage')
  await db.transaction(async (tx) => {
    const team = await requireTeam(tx, slug)
    const [row] = await tx
      .update(users)
      .set({ teamId: member ? team.id : null })
      .where(and(eq(users.id, userId), member ? eq(users.status, 'approved') : eq(users.teamId, team.id)))
      .returning({ id: users.id })
    if (!row) throw new Refusal('errors.choice', { field: 'userId' })
    await recordAudit(tx, {
      actorId: actor.id,
      action: member ? 'team.member_added' : 'team.member_removed',
      targetType: 'team',
      targetId: team.id,
      details: { userId },
    })
  })
}

/** Teams for pickers (the case page, the round form), by name. */
export async function teamOptions(runner: DbOrTx = db, ids?: readonly string[]) {
  return runner
    .select({ id: teams.id, slug: teams.slug, name: teams.name, kind: teams.kind, districtCodes: teams.districtCodes })
    .from(teams)
    .where(ids ? inArray(teams.id, ids.length ? [...ids] : ['00000000-0000-0000-0000-000000000000']) : undefined)
    .orderBy(asc(teams.name))
}

/** A team's slug and name by its id (a report's heading), or null. */
export async function teamLabel(teamId: string, runner: DbOrTx = db) {
  const [row] = await runner.select({ slug: teams.slug, name: teams.name }).from(teams).where(eq(teams.id, teamId))
  return row ?? null
}
