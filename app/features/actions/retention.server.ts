import { and, asc, eq, sql } from 'drizzle-orm'

import { db, type Tx } from '../../../db/client.server'
import { caseActions, caseInstitutions, caseThreads, institutions } from '../../../db/schema'
import type { RetentionAnswer } from '../../../db/schema/actions'
import type { CaseOutcome } from '../../../db/schema/cases'
import { getEnv } from '../../env.server'
import { requireCase, type CaseActor, type CaseRow } from '../cases/access.server'
import { applyStatusChange } from '../cases/status.server'
import { requirePermission } from '../identity/permissions'
import { notify } from '../notifications/inbox.server'
import { notFound } from '../platform/http.server'
import { Refusal } from '../platform/refusal.server'
import { enforcePrivacy, recordPrivacyOverride, type WriteOptions } from '../privacy/guard.server'
import { actionUrl, institutionStaffIds, sofiaToday } from './actions.server'

/** Outcomes that bring a child (back) into school: their retention is checked. */
export const RETURN_OUTCOMES: readonly CaseOutcome[] = ['returned_to_school', 'enrolled_first_time']

/** A calendar day `months` later (the 31st becomes the month's last day). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number)
  const target = new Date(Date.UTC(y, m - 1 + months, 1))
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(d, lastDay))
  return target.toISOString().slice(0, 10)
}

/**
 * The school the checks are for: an involved school (the case's own first), else a kindergarten, else the case's
 * institution.
 */
async function schoolOf(tx: Tx, thread: Pick<CaseRow, 'id' | 'institutionId'>): Promise<string> {
  const [school] = await tx
    .select({ id: institutions.id })
    .from(caseInstitutions)
    .innerJoin(institutions, eq(institutions.id, caseInstitutions.institutionId))
    .where(
      and(
        eq(caseInstitutions.caseId, thread.id),
        sql`${institutions.kind} IN ('school', 'private_school', 'kindergarten')`,
      ),
    )
    .orderBy(
      sql`CASE WHEN ${institutions.kind} = 'kindergarten' THEN 1 ELSE 0 END`,
      sql`CASE WHEN ${institutions.id} = ${thread.institutionId} THEN 0 ELSE 1 END`,
      asc(institutions.name),
    )
    .limit(1)
  return school?.id ?? thread.institutionId
}

/** Schedules the checks of a return (settings: RETENTION_CHECK_MONTHS), as actions of the school; tells its staff. */
export async function scheduleRetentionChecks(
  tx: Tx,
  actor: CaseActor,
  thread: Pick<CaseRow, 'id' | 'code' | 'institutionId'>,
  now = new Date(),
) {
  const schoolId = await schoolOf(tx, thread)
  const returnedOn = sofiaToday(now)
  const rows = await tx
    .insert(caseActions)
    .values(
      getEnv().RETENTION_CHECK_MONTHS.map((months) => ({
        caseId: thread.id,
        kind: 'retention_check' as const,
        ownerInstitutionId: schoolId,
        dueDate: addMonths(returnedOn, months),
        retentionMonths: months,
        returnedOn,
        createdBy: actor.id,
      })),
    )
    .returning({ id: caseActions.id })
  await notify(tx, {
    userIds: await institutionStaffIds(tx, [schoolId]),
    kind: 'action.checksScheduled',
    messageKey: 'actions.notify.checksScheduled',
    params: { code: thread.code, months: getEnv().RETENTION_CHECK_MONTHS.join(', ') },
    url: actionUrl(thread.code, rows[0].id),
    exceptUserId: actor.id,
  })
  return rows
}

/** Unanswered retention checks of a case (a case is closed only when there are none). */
export async function openRetentionChecks(tx: Tx, caseId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(caseActions)
    .where(and(eq(caseActions.caseId, caseId), eq(caseActions.kind, 'retention_check'), eq(caseActions.status, 'open')))
  return Number(row?.n ?? 0)
}

/**
 * Drops the unanswered checks of a case (it was reopened, or closed over them); `reason` null means "no longer
 * needed".
 */
export async function dropOpenChecks(tx: Tx, actor: { id: string }, caseId: string, reason: string | null) {
  await tx
    .update(caseActions)
    .set({ status: 'dropped', dropReason: reason, completedAt: new Date(), completedBy: actor.id })
    .where(and(eq(caseActions.caseId, caseId), eq(caseActions.kind, 'retention_check'), eq(caseActions.status, 'open')))
}

/**
 * The school answers a check: still attending, attending irregularly, or left again. "Left again" re-opens
 * the case (its watchers are told) and the later checks of that return are no longer needed.
 */
export async function answerRetentionCheck(
  actor: CaseActor,
  actionId: string,
  input: { answer: RetentionAnswer; note: string },
  options: WriteOptions = {},
) {
  const [found] = await db
    .select({ action: caseActions, code: caseThreads.code })
    .from(caseActions)
    .innerJoin(caseThreads, eq(caseThreads.id, caseActions.caseId))
    .where(and(eq(caseActions.id, actionId), eq(caseActions.kind, 'retention_check')))
  if (!found) notFound()
  requirePermission(actor, 'case:read')
  requirePermission(actor, 'case-action:answer', { institutionId: found.action.ownerInstitutionId })
  const clearance = input.note ? enforcePrivacy(actor, { note: input.note }, options.privacyOverride) : null
  return db.transaction(async (tx) => {
    // The case row is locked first: a "left again" and a status change of the case never interleave.
    const thread = await requireCase(tx, actor, found.code, 'case:read', { forUpdate: true })
    const [answered] = await tx
      .update(caseActions)
      .set({
        status: 'done',
        answer: input.answer,
        answerNote: input.note || null,
        completedAt: new Date(),
        completedBy: actor.id,
      })
      .where(and(eq(caseActions.id, actionId), eq(caseActions.status, 'open')))
      .returning({ id: caseActions.id })
    if (!answered) throw new Refusal('actions.error.notOpen', { status: 409 })
    if (clearance) await recordPrivacyOverride(tx, actor, clearance, { type: 'case_action', id: actionId })
    let reopened = false
    if (input.answer === 'left_again') {
      await dropOpenChecks(tx, actor, thread.id, null)
      if (thread.status === 'resolved' || thread.status === 'closed') {
        await applyStatusChange(tx, actor, thread, 'in_progress', null, 'actions.notify.leftAgain')
        reopened = true
      }
    }
    return { code: thread.code, reopened }
  })
}
