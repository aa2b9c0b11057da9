import { and, desc, eq, gte } from 'drizzle-orm'

import { db, type DbOrTx } from '../../../db/client.server'
import { caseTeams, teamRecognitions as recognitions, teams, users } from '../../../db/schema'
import { MILESTONES, type Milestone } from '../../../db/schema/teams'
import { recordAudit } from '../audit/audit.server'
import { requirePermission, type Actor } from '../identity/permissions'
import { notify } from '../notifications/inbox.server'
import { notFound } from '../platform/http.server'
import { Refusal } from '../platform/refusal.server'
import { publishedPracticeCount } from '../practices/practices.server'
import { enforcePrivacy, recordPrivacyOverride, type WriteOptions } from '../privacy/guard.server'
import { teamFigures, type TeamFigures } from './figures.server'
import { teamMemberIds } from './members.server'

/** When a team has reached each milestone, from its figures (and its members' published practices). */
const REACHED: Record<Milestone, (f: TeamFigures & { practices: number }) => boolean> = {
  first_field_round: (f) => f.rounds >= 1,
  first_resolved_case: (f) => f.casesResolved >= 1,
  first_published_practice: (f) => f.practices >= 1,
  ten_children_back: (f) => f.childrenBackInSchool >= 10,
  fifty_children_reached: (f) => f.childrenReached >= 50,
}

/**
 * Awards the milestones a team has reached and not yet received, in the caller's transaction, and
 * tells its members. The unique (team, milestone) index makes a second award impossible, even when two
 * events reach the same milestone at once.
 */
export async function awardMilestones(tx: DbOrTx, teamId: string): Promise<Milestone[]> {
  const [team] = await tx
    .select({ id: teams.id, slug: teams.slug, name: teams.name })
    .from(teams)
    .where(eq(teams.id, teamId))
  if (!team) return []
  const memberIds = (await tx.select({ id: users.id }).from(users).where(eq(users.teamId, teamId))).map((m) => m.id)
  const figures = { ...(await teamFigures(tx, teamId)), practices: await publishedPracticeCount(tx, memberIds) }
  const awarded: Milestone[] = []
  for (const milestone of MILESTONES) {
    if (!REACHED[milestone](figures)) continue
    const inserted = await tx
      .insert(recognitions)
      .values({ teamId, kind: 'milestone', milestone })
      .onConflictDoNothing()
      .returning({ id: recognitions.id })
    if (inserted.length === 0) continue
    awarded.push(milestone)
    await notify(tx, {
      userIds: memberIds,
      kind: 'team.milestone',
      messageKey: `recognition.notify.milestone.${milestone}`,
      params: { team: team.name },
      url: `/teams/${team.slug}`,
    })
  }
  return awarded
}

/** After a case of these teams is resolved. */
export async function awardMilestonesForCase(tx: DbOrTx, caseId: string) {
  const rows = await tx.select({ teamId: caseTeams.teamId }).from(caseTeams).where(eq(caseTeams.caseId, caseId))
  for (const { teamId } of rows) await awardMilestones(tx, teamId)
}

/** After a practice by this person is published: their team may reach its first. */
export async function awardMilestonesForAuthor(tx: DbOrTx, userId: string) {
  const [author] = await tx.select({ teamId: users.teamId }).from(users).where(eq(users.id, userId))
  if (author?.teamId) await awardMilestones(tx, author.teamId)
}

export interface RecognitionInput {
  title: string
  citation: string
  periodStart: string
  periodEnd: string
}

/** A coordinator recognises a team's work (title, citation, period); its members are told. */
export async function awardRecognition(
  actor: Actor,
  slug: string,
  input: RecognitionInput,
  options: WriteOptions = {},
) {
  requirePermission(actor, 'team:recognise')
  // The citation is read by every colleague and may describe the families the team helped.
  const clearance = enforcePrivacy(
    actor,
    { title: input.title, citation: input.citation },
    options.privacyOverride ?? null,
  )
  if (input.periodEnd < input.periodStart) throw new Refusal('recognition.error.period', { field: 'periodEnd' })
  return db.transaction(async (tx) => {
    const [team] = await tx.select().from(teams).where(eq(teams.slug, slug))
    if (!team) notFound()
    const [row] = await tx
      .insert(recognitions)
      .values({ teamId: team.id, kind: 'award', ...input, awardedBy: actor.id })
      .returning()
    await recordPrivacyOverride(tx, actor, clearance, { type: 'team_recognition', id: row.id })
    await recordAudit(tx, { actorId: actor.id, action: 'team.recognised', targetType: 'team', targetId: team.id })
    await notify(tx, {
      userIds: await teamMemberIds(tx, team.id),
      kind: 'team.recognition',
      messageKey: 'recognition.notify.award',
      params: { team: team.name, title: input.title },
      url: `/teams/${team.slug}`,
      exceptUserId: actor.id,
    })
    return row
  })
}

/** What a recognition or badge shows wherever it is listed. */
const recognitionColumns = {
  id: recognitions.id,
  kind: recognitions.kind,
  milestone: recognitions.milestone,
  title: recognitions.title,
  awardedAt: recognitions.awardedAt,
}

/** A team's recognitions and badges, newest first (the team page; a home page may show them). */
export async function teamRecognitions(teamId: string) {
  return db
    .select({
      ...recognitionColumns,
      citation: recognitions.citation,
      periodStart: recognitions.periodStart,
      periodEnd: recognitions.periodEnd,
    })
    .from(recognitions)
    .where(eq(recognitions.teamId, teamId))
    .orderBy(desc(recognitions.awardedAt))
}

/** The recent recognitions of this person's team, for their home page (teams only: no ranking of people). */
export async function recentRecognitionsFor(user: Actor, options: { days?: number; now?: Date } = {}) {
  if (!user.teamId) return []
  const since = new Date((options.now ?? new Date()).getTime() - (options.days ?? 90) * 24 * 3600_000)
  return db
    .select({
      ...recognitionColumns,
      teamName: teams.name,
      teamSlug: teams.slug,
    })
    .from(recognitions)
    .innerJoin(teams, eq(teams.id, recognitions.teamId))
    .where(and(eq(recognitions.teamId, user.teamId), gte(recognitions.awardedAt, since)))
    .orderBy(desc(recognitions.awardedAt))
    .limit(5)
}
