import { and, desc, eq, inArray } from 'drizzle-orm'

import { db, type DbOrTx, type Tx } from '../../../db/client.server'
import { fieldRounds, teams, users } from '../../../db/schema'
import { recordAudit } from '../audit/audit.server'
import { can, requirePermission, type Actor } from '../identity/permissions'
import { forbidden, notFound } from '../platform/http.server'
import { Refusal } from '../platform/refusal.server'
import { addSofiaDays, sofiaDateInput } from '../platform/sofia-time'
import {
  enforcePrivacy,
  recordPrivacyOverride,
  type PrivacyClearance,
  type WriteOptions,
} from '../privacy/guard.server'
import { teamMemberIds } from './members.server'
import { awardMilestones } from './recognition.server'
import type { RoundInput } from './schemas'
import { teamOptions } from './teams.server'

/** How long the author may correct a round after recording it. */
export const ROUND_EDIT_DAYS = 7
/** A round is recorded for a day in the last year, never for a day still to come. */
const OLDEST_ROUND_DAYS = 366

export interface RoundWriteOptions extends WriteOptions {
  now?: Date
}

/** The teams this person may record a round for: their own; coordinators and admins any. */
export async function roundTeams(actor: Actor) {
  if (can(actor, 'round:read-all')) return teamOptions()
  return actor.teamId ? teamOptions(db, [actor.teamId]) : []
}

async function requireRecordingRights(runner: DbOrTx, actor: Actor, teamId: string) {
  const [team] = await runner.select().from(teams).where(eq(teams.id, teamId))
  if (!team) throw new Refusal('errors.choice', { field: 'teamId' })
  requirePermission(actor, 'round:record', { memberIds: await teamMemberIds(runner, team.id) })
  return team
}

function checkDate(roundDate: string, now: Date) {
  const today = sofiaDateInput(now)
  if (roundDate > today) throw new Refusal('rounds.error.future', { field: 'roundDate' })
  if (roundDate < addSofiaDays(today, -OLDEST_ROUND_DAYS))
    throw new Refusal('rounds.error.tooOld', { field: 'roundDate' })
}

/** The columns of a round its form sets (recording and correcting alike). */
const roundColumns = (input: RoundInput) => ({
  roundDate: input.roundDate,
  districtCodes: [...new Set(input.districtCodes)],
  householdsVisited: input.householdsVisited,
  childrenMet: input.childrenMet,
  childrenOutOfSchool: input.childrenOutOfSchool,
  referred: input.referred,
  enrolled: input.enrolled,
  returned: input.returned,
  note: input.note,
})

/** After a round is recorded or corrected: the guard's override and the audit entry, then the team's milestones. */
async function roundWritten(
  tx: Tx,
  actor: Actor,
  clearance: PrivacyClearance,
  action: 'round.recorded' | 'round.updated',
  row: typeof fieldRounds.$inferSelect,
  team: { id: string; slug: string },
) {
  await recordPrivacyOverride(tx, actor, clearance, { type: 'field_round', id: row.id })
  await recordAudit(tx, { actorId: actor.id, action, targetType: 'field_round', targetId: row.id })
  await awardMilestones(tx, team.id)
  return { ...row, teamSlug: team.slug }
}

/** A team member records a field round: anonymised counts only; the note passes the privacy guard. */
export async function recordRound(actor: Actor, input: RoundInput, options: RoundWriteOptions = {}) {
  const now = options.now ?? new Date()
  const clearance = enforcePrivacy(actor, { note: input.note }, options.privacyOverride ?? null)
  checkDate(input.roundDate, now)
  return db.transaction(async (tx) => {
    const team = await requireRecordingRights(tx, actor, input.teamId)
    const [row] = await tx
      .insert(fieldRounds)
      .values({ teamId: team.id, authorId: actor.id, ...roundColumns(input) })
      .returning()
    return roundWritten(tx, actor, clearance, 'round.recorded', row, team)
  })
}

async function requireEditableRound(runner: DbOrTx, actor: Actor, id: string, now: Date, forUpdate = false) {
  const query = runner.select().from(fieldRounds).where(eq(fieldRounds.id, id)).limit(1)
  const [round] = forUpdate ? await query.for('update') : await query
  if (!round) notFound()
  if (round.authorId !== actor.id) forbidden()
  if (now.getTime() - round.createdAt.getTime() > ROUND_EDIT_DAYS * 24 * 3600_000)
    throw new Refusal('rounds.error.editWindow', { status: 409, params: { days: ROUND_EDIT_DAYS } })
  return round
}

/** The round's form for its author, within the edit window. */
export async function getRoundForEdit(actor: Actor, id: string, now = new Date()) {
  return requireEditableRound(db, actor, id, now)
}

/** Its author corrects a round for 7 days after recording it. */
export async function updateRound(actor: Actor, id: string, input: RoundInput, options: RoundWriteOptions = {}) {
  const now = options.now ?? new Date()
  const clearance = enforcePrivacy(actor, { note: input.note }, options.privacyOverride ?? null)
  checkDate(input.roundDate, now)
  return db.transaction(async (tx) => {
    const round = await requireEditableRound(tx, actor, id, now, true)
    const team = await requireRecordingRights(tx, actor, input.teamId)
    const [row] = await tx
      .update(fieldRounds)
      .set({ teamId: team.id, ...roundColumns(input), updatedAt: now })
      .where(eq(fieldRounds.id, round.id))
      .returning()
    return roundWritten(tx, actor, clearance, 'round.updated', row, team)
  })
}

/** /rounds: coordinators and admins see every round; a team member their team's. */
export async function listRounds(actor: Actor, options: { teamId?: string; limit?: number; now?: Date } = {}) {
  requirePermission(actor, 'team:read')
  const all = can(actor, 'round:read-all')
  const teamIds = all ? null : actor.teamId ? [actor.teamId] : []
  if (teamIds && teamIds.length === 0) return []
  const rows = await db
    .select({
      round: fieldRounds,
      teamName: teams.name,
      teamSlug: teams.slug,
      authorName: users.name,
    })
    .from(fieldRounds)
    .innerJoin(teams, eq(teams.id, fieldRounds.teamId))
    .innerJoin(users, eq(users.id, fieldRounds.authorId))
    .where(
      and(
        teamIds ? inArray(fieldRounds.teamId, teamIds) : undefined,
        options.teamId ? eq(fieldRounds.teamId, options.teamId) : undefined,
      ),
    )
    .orderBy(desc(fieldRounds.roundDate), desc(fieldRounds.createdAt))
    .limit(options.limit ?? 200)
  const now = (options.now ?? new Date()).getTime()
  return rows.map((r) => ({
    ...r.round,
    teamName: r.teamName,
    teamSlug: r.teamSlug,
    authorName: r.authorName,
    editable: r.round.authorId === actor.id && now - r.round.createdAt.getTime() <= ROUND_EDIT_DAYS * 24 * 3600_000,
  }))
}

/** A team page's latest rounds (every colleague may read a team's rounds: counts only). */
export async function teamRounds(teamId: string, limit = 10) {
  return db
    .select({
      id: fieldRounds.id,
      roundDate: fieldRounds.roundDate,
      districtCodes: fieldRounds.districtCodes,
      householdsVisited: fieldRounds.householdsVisited,
      childrenMet: fieldRounds.childrenMet,
      childrenOutOfSchool: fieldRounds.childrenOutOfSchool,
      enrolled: fieldRounds.enrolled,
      returned: fieldRounds.returned,
    })
    .from(fieldRounds)
    .where(eq(fieldRounds.teamId, teamId))
    .orderBy(desc(fieldRounds.roundDate), desc(fieldRounds.createdAt))
    .limit(limit)
}
