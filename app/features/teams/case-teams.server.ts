import { and, asc, eq, sql } from 'drizzle-orm'

import { db, prepared } from '../../../db/client.server'
import { caseTeams, teams } from '../../../db/schema'
import { recordAudit } from '../audit/audit.server'
import { requireCase } from '../cases/access.server'
import { caseUrl } from '../cases/codes'
import { requirePermission, type Actor } from '../identity/permissions'
import { notify } from '../notifications/inbox.server'
import { Refusal } from '../platform/refusal.server'
import { teamMemberIds } from './members.server'
import { teamCardColumns } from './teams.server'

// On every case page: built once (see `prepared`).
const teamsOfCaseQuery = () =>
  prepared('case-page-teams', (database) =>
    database
      .select({
        ...teamCardColumns,
        assigned: sql<boolean>`EXISTS (SELECT 1 FROM ${caseTeams}
          WHERE ${caseTeams.caseId} = ${sql.placeholder('caseId')} AND ${caseTeams.teamId} = ${teams.id})`,
      })
      .from(teams)
      .orderBy(asc(teams.name))
      .prepare('case_page_teams'),
  )

/**
 * The case page's panel: the teams working on the case, and the others it could be given to — one statement.
 * `thread` is the case as `loadCasePage` read it for this actor (its access is checked there), as for the action plan.
 */
export async function teamsOfCase(actor: Actor, thread: { id: string }) {
  requirePermission(actor, 'case:read')
  const all = await teamsOfCaseQuery().execute({ caseId: thread.id })
  const option = ({ assigned: _assigned, ...team }: (typeof all)[number]) => team
  return {
    assigned: all.filter((t) => t.assigned).map(option),
    available: all.filter((t) => !t.assigned).map(option),
  }
}

/** Staff give a case to a team (its members are told) or take it back. */
export async function setCaseTeam(actor: Actor & { name: string }, code: string, teamId: string, assigned: boolean) {
  requirePermission(actor, 'case:assign-team')
  return db.transaction(async (tx) => {
    const thread = await requireCase(tx, actor, code)
    const [team] = await tx.select().from(teams).where(eq(teams.id, teamId))
    if (!team) throw new Refusal('errors.choice', { field: 'teamId' })
    if (assigned) {
      const inserted = await tx
        .insert(caseTeams)
        .values({ caseId: thread.id, teamId, assignedBy: actor.id })
        .onConflictDoNothing()
        .returning({ teamId: caseTeams.teamId })
      if (inserted.length === 0) return { changed: false }
      await notify(tx, {
        userIds: await teamMemberIds(tx, teamId),
        kind: 'team.case',
        messageKey: 'teams.notify.caseAssigned',
        params: { actor: actor.name, code: thread.code, team: team.name },
        url: caseUrl(thread.code),
        exceptUserId: actor.id,
      })
    } else {
      const removed = await tx
        .delete(caseTeams)
        .where(and(eq(caseTeams.caseId, thread.id), eq(caseTeams.teamId, teamId)))
        .returning({ teamId: caseTeams.teamId })
      if (removed.length === 0) return { changed: false }
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: assigned ? 'case.team_assigned' : 'case.team_removed',
      targetType: 'case',
      targetId: thread.id,
      details: { teamId },
    })
    return { changed: true }
  })
}
