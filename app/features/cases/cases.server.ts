import { and, asc, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm'

import { db, type DbOrTx, type Tx } from '../../../db/client.server'
import {
  caseCodeCounters,
  caseInstitutions,
  caseReads,
  caseRevisions,
  caseThreads,
  caseWatchers,
  institutions,
} from '../../../db/schema'
import type { CaseOutcome, CaseStatus } from '../../../db/schema/cases'
import { enqueueSearch } from '../../../search/outbox'
import {
  dropOpenChecks,
  openRetentionChecks,
  RETURN_OUTCOMES,
  scheduleRetentionChecks,
} from '../actions/retention.server'
import { recordAudit } from '../audit/audit.server'
import { can, requirePermission, type Actor } from '../identity/permissions'
import { forbidden } from '../platform/http.server'
import { pageCount } from '../platform/paging'
import { Refusal } from '../platform/refusal.server'
import { saveEdit } from '../platform/revisions.server'
import { sofiaYear } from '../platform/sofia-time'
import { escapeLike } from '../platform/sql.server'
import { enforcePrivacy, recordPrivacyOverride, type WriteOptions } from '../privacy/guard.server'
import type { RichText } from '../richtext/document'
import { awardMilestonesForCase } from '../teams/recognition.server'
import {
  caseTitleFor,
  involvedInstitutionIds,
  lockedFor,
  requireCase,
  requireUnlocked,
  type CaseActor,
} from './access.server'
import { caseUrl, formatCaseCode } from './codes'
import { descriptionColumns } from './post-html.server'
import type { CaseFields, CaseFilters } from './schemas'
import { applyStatusChange } from './status.server'
import { addWatcher, markRead } from './watchers.server'

export { type CaseActor } from './access.server'
export { acceptReply, editCaseReply, postCaseReply, redactReplyForm } from './replies.server'
export { setWatching } from './watchers.server'

export interface CaseInput extends CaseFields {
  description: RichText
}

/**
 * The next code of the year; the upsert takes a row lock on the year's counter, so concurrent cases never share a
 * number.
 */
export async function nextCaseCode(tx: DbOrTx, now = new Date()): Promise<string> {
  const year = sofiaYear(now)
  const [row] = await tx
    .insert(caseCodeCounters)
    .values({ year, last: 1 })
    .onConflictDoUpdate({ target: caseCodeCounters.year, set: { last: sql`${caseCodeCounters.last} + 1` } })
    .returning({ last: caseCodeCounters.last })
  return formatCaseCode(year, row.last)
}

async function checkInstitutions(tx: Tx, ids: readonly string[]) {
  if (ids.length === 0) return
  const found = await tx
    .select({ id: institutions.id })
    .from(institutions)
    .where(inArray(institutions.id, [...ids]))
  if (found.length !== new Set(ids).size) throw new Refusal('cases.error.unknownInstitution', { status: 409 })
}

async function setInstitutions(tx: Tx, caseId: string, ids: readonly string[]) {
  await tx.delete(caseInstitutions).where(eq(caseInstitutions.caseId, caseId))
  const unique = [...new Set(ids)]
  if (unique.length)
    await tx.insert(caseInstitutions).values(unique.map((institutionId) => ({ caseId, institutionId })))
}

/** The columns of a case its form sets (opening and editing alike). */
function caseColumns(input: CaseInput) {
  return {
    title: input.title,
    descriptionDoc: input.description.doc,
    descriptionText: input.description.text,
    ...descriptionColumns(input.description.doc),
    districtCode: input.districtCode,
    ageBand: input.ageBand,
    educationStage: input.educationStage,
    tags: input.tags,
  }
}

/** What a case says about itself passes the guard: its title and description. */
const guardCaseTexts = (actor: CaseActor, input: CaseInput, options: WriteOptions) =>
  enforcePrivacy(actor, { title: input.title, description: input.description }, options.privacyOverride)

/** Opens a case. The text passes the privacy guard first; the author's institution is always involved. */
export async function createCase(actor: CaseActor, input: CaseInput, options: WriteOptions = {}) {
  requirePermission(actor, 'case:create')
  const clearance = guardCaseTexts(actor, input, options)
  return db.transaction(async (tx) => {
    await checkInstitutions(tx, input.institutionIds)
    const code = await nextCaseCode(tx)
    const [thread] = await tx
      .insert(caseThreads)
      .values({
        code,
        ...caseColumns(input),
        authorId: actor.id,
        institutionId: actor.institutionId,
        statusChangedBy: actor.id,
      })
      .returning({ id: caseThreads.id, code: caseThreads.code })
    await setInstitutions(tx, thread.id, [actor.institutionId, ...input.institutionIds])
    await addWatcher(tx, thread.id, actor.id)
    await markRead(tx, thread.id, actor.id, 0)
    await enqueueSearch(tx, 'case', thread.id)
    await recordPrivacyOverride(tx, actor, clearance, { type: 'case', id: thread.id })
    return thread
  })
}

/** Edits the case itself (author or coordinator); the previous title and description go to the history. */
export async function updateCase(actor: CaseActor, code: string, input: CaseInput, options: WriteOptions = {}) {
  const current = await requireCase(db, actor, code, 'case:edit')
  requireUnlocked(actor, current)
  const clearance = guardCaseTexts(actor, input, options)
  return db.transaction(async (tx) => {
    await checkInstitutions(tx, input.institutionIds)
    const textChanged =
      current.title !== input.title ||
      current.descriptionText !== input.description.text ||
      JSON.stringify(current.descriptionDoc) !== JSON.stringify(input.description.doc)
    await saveEdit(tx, {
      table: caseThreads,
      id: current.id,
      set: { ...caseColumns(input), editedAt: textChanged ? new Date() : current.editedAt },
      revision: textChanged
        ? {
            into: caseRevisions,
            values: {
              caseId: current.id,
              editorId: actor.id,
              previousTitle: current.title,
              previousDoc: current.descriptionDoc,
              previousText: current.descriptionText,
            },
          }
        : null,
    })
    await setInstitutions(tx, current.id, [current.institutionId, ...input.institutionIds])
    await enqueueSearch(tx, 'case', current.id)
    await recordPrivacyOverride(tx, actor, clearance, { type: 'case', id: current.id })
    return { id: current.id, code: current.code }
  })
}

const TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  open: ['in_progress', 'resolved', 'closed'],
  in_progress: ['open', 'resolved', 'closed'],
  resolved: ['in_progress', 'closed'],
  closed: ['in_progress'],
}

export function allowedTransitions(status: CaseStatus): readonly CaseStatus[] {
  return TRANSITIONS[status]
}

export interface StatusInput {
  status: CaseStatus
  outcome: CaseOutcome | null
  /** A coordinator closing a case whose retention checks are not all answered says why (audited). */
  overrideReason?: string | null
}

/**
 * open → in progress → resolved (with an outcome) or closed; reopening goes back to in progress. A return to
 * school schedules its retention checks; a case is closed only when they are answered, unless a coordinator
 * overrides with a reason.
 */
export async function changeCaseStatus(actor: CaseActor, code: string, input: StatusInput) {
  const overrideReason = input.overrideReason?.trim() || null
  const clearance = overrideReason ? enforcePrivacy(actor, { overrideReason }) : null
  return db.transaction(async (tx) => {
    // Locked so two people changing the status at once record a consistent from → to history.
    const thread = await requireCase(tx, actor, code, 'case:edit', { forUpdate: true })
    if (!TRANSITIONS[thread.status].includes(input.status)) throw new Refusal('cases.error.transition', { status: 409 })
    if (input.status === 'resolved' && !input.outcome) throw new Refusal('cases.error.outcomeRequired', { status: 409 })
    const outcome = input.status === 'resolved' ? input.outcome : null
    if (input.status === 'closed') {
      const pending = await openRetentionChecks(tx, thread.id)
      if (pending > 0) {
        if (!can(actor, 'case:close-override'))
          throw new Refusal('actions.error.checksPending', { status: 409, params: { count: pending } })
        if (!overrideReason)
          throw new Refusal('actions.error.checksPendingOverride', {
            status: 409,
            field: 'overrideReason',
            params: { count: pending },
          })
        await dropOpenChecks(tx, actor, thread.id, overrideReason)
        await recordAudit(tx, {
          actorId: actor.id,
          action: 'case.close_override',
          targetType: 'case',
          targetId: thread.id,
          details: { openChecks: pending, reason: overrideReason },
        })
        if (clearance) await recordPrivacyOverride(tx, actor, clearance, { type: 'case', id: thread.id })
      }
    }
    // Reopened: the child is not (or no longer) in school, so checks of the earlier return are moot.
    if (thread.status === 'resolved' && input.status === 'in_progress') await dropOpenChecks(tx, actor, thread.id, null)
    await applyStatusChange(tx, actor, thread, input.status, outcome)
    if (input.status === 'resolved' && outcome && RETURN_OUTCOMES.includes(outcome))
      await scheduleRetentionChecks(tx, actor, thread)
    // A resolved case moves its teams' figures: a milestone they reach is awarded now.
    if (input.status === 'resolved') await awardMilestonesForCase(tx, thread.id)
    return { code: thread.code, status: input.status }
  })
}

/** What the chat and others may know about a case, after the permission check. */
export async function getCaseForActor(actor: Actor, code: string) {
  const thread = await requireCase(db, actor, code)
  return {
    id: thread.id,
    code: thread.code,
    title: caseTitleFor(actor, thread),
    status: thread.status,
    outcome: thread.outcome,
    authorId: thread.authorId,
    institutionId: thread.institutionId,
    districtCode: thread.districtCode,
    lockedAt: thread.lockedAt,
    url: caseUrl(thread.code),
  }
}

/** For pickers (chat rooms, practices): the latest cases first. */
export async function listCaseOptions(actor: Actor) {
  requirePermission(actor, 'case:read')
  const rows = await db
    .select({ id: caseThreads.id, code: caseThreads.code, title: caseThreads.title, hiddenAt: caseThreads.hiddenAt })
    .from(caseThreads)
    .orderBy(desc(caseThreads.lastActivityAt))
    .limit(500)
  return rows.map(({ hiddenAt, ...row }) => ({ ...row, title: caseTitleFor(actor, { title: row.title, hiddenAt }) }))
}

export const CASES_PER_PAGE = 20

/** A search by title never finds a case by the title a moderator hid (the reader would learn it). */
const titleMatches = (actor: Actor, pattern: string) =>
  can(actor, 'case:moderate')
    ? ilike(caseThreads.title, pattern)
    : and(isNull(caseThreads.hiddenAt), ilike(caseThreads.title, pattern))

/** The listing: filters, sorting, pagination and each row's unread state for this reader, in one query. */
export async function listCases(actor: Actor, filters: CaseFilters) {
  requirePermission(actor, 'case:read')
  const where: (SQL | undefined)[] = [
    filters.status ? eq(caseThreads.status, filters.status) : undefined,
    filters.district ? eq(caseThreads.districtCode, filters.district) : undefined,
    filters.tag ? sql`${caseThreads.tags} @> ARRAY[${filters.tag}]::text[]` : undefined,
    filters.kind
      ? sql`EXISTS (
          SELECT 1 FROM ${caseInstitutions} ci JOIN ${institutions} i ON i.id = ci.institution_id
          WHERE ci.case_id = ${caseThreads.id} AND i.kind = ${filters.kind}
        )`
      : undefined,
    filters.scope === 'mine' ? eq(caseThreads.authorId, actor.id) : undefined,
    filters.scope === 'watching'
      ? sql`EXISTS (SELECT 1 FROM ${caseWatchers} w WHERE w.case_id = ${caseThreads.id} AND w.user_id = ${actor.id})`
      : undefined,
    filters.q
      ? or(titleMatches(actor, `%${escapeLike(filters.q)}%`), ilike(caseThreads.code, `%${escapeLike(filters.q)}%`))
      : undefined,
  ]
  const order =
    filters.sort === 'newest'
      ? [desc(caseThreads.createdAt), desc(caseThreads.id)]
      : [desc(caseThreads.lastActivityAt), desc(caseThreads.id)]
  const rows = await db
    .select({
      id: caseThreads.id,
      code: caseThreads.code,
      title: caseThreads.title,
      status: caseThreads.status,
      outcome: caseThreads.outcome,
      districtCode: caseThreads.districtCode,
      ageBand: caseThreads.ageBand,
      tags: caseThreads.tags,
      replyCount: caseThreads.replyCount,
      lockedAt: caseThreads.lockedAt,
      hiddenAt: caseThreads.hiddenAt,
      hasSolution: sql<boolean>`${caseThreads.acceptedReplyId} IS NOT NULL`,
      lastActivityAt: caseThreads.lastActivityAt,
      createdAt: caseThreads.createdAt,
      institutionName: institutions.name,
      mine: sql<boolean>`${caseThreads.authorId} = ${actor.id}`,
      lastReadNumber: caseReads.lastReadNumber,
      total: sql<number>`count(*) OVER ()`.mapWith(Number),
    })
    .from(caseThreads)
    .innerJoin(institutions, eq(institutions.id, caseThreads.institutionId))
    .leftJoin(caseReads, and(eq(caseReads.caseId, caseThreads.id), eq(caseReads.userId, actor.id)))
    .where(and(...where))
    .orderBy(...order)
    .limit(CASES_PER_PAGE)
    .offset((filters.page - 1) * CASES_PER_PAGE)
  const total = rows[0]?.total ?? (filters.page > 1 ? await countCases(where) : 0)
  return {
    rows: rows.map(({ total: _t, lastReadNumber, hiddenAt, ...row }) => ({
      ...row,
      title: caseTitleFor(actor, { title: row.title, hiddenAt }),
      isNew: lastReadNumber === null && !row.mine,
      unread: lastReadNumber === null ? 0 : Math.max(0, row.replyCount - lastReadNumber),
    })),
    total,
    page: filters.page,
    pages: pageCount(total, CASES_PER_PAGE),
  }
}

async function countCases(where: (SQL | undefined)[]) {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(caseThreads)
    .where(and(...where))
  return row?.n ?? 0
}

/** Institutions for the case form's checklist. */
export async function listInstitutionChoices() {
  return db
    .select({ id: institutions.id, name: institutions.name, kind: institutions.kind })
    .from(institutions)
    .orderBy(asc(institutions.name))
}

/** A case's editable fields, for the edit form (author or coordinator). */
export async function getCaseForEdit(actor: Actor, code: string) {
  const thread = await requireCase(db, actor, code, 'case:edit')
  if (lockedFor(actor, thread)) forbidden()
  const involved = await involvedInstitutionIds(db, thread.id)
  return { ...thread, institutionIds: involved.filter((id) => id !== thread.institutionId) }
}

export function canModerate(actor: Actor) {
  return can(actor, 'case:moderate')
}

/**
 * Cases by id for a list or label elsewhere (a team's cases, the rooms about a case), the latest activity first,
 * each title as this reader may see it. The caller checks what the reader may do.
 */
export async function casesByIds(actor: Actor, ids: readonly string[]) {
  if (ids.length === 0) return []
  const rows = await db
    .select({
      id: caseThreads.id,
      code: caseThreads.code,
      title: caseThreads.title,
      hiddenAt: caseThreads.hiddenAt,
      authorId: caseThreads.authorId,
      status: caseThreads.status,
      outcome: caseThreads.outcome,
      districtCode: caseThreads.districtCode,
      statusChangedAt: caseThreads.statusChangedAt,
    })
    .from(caseThreads)
    .where(inArray(caseThreads.id, [...new Set(ids)]))
    .orderBy(desc(caseThreads.lastActivityAt))
  return rows.map(({ hiddenAt, title, ...row }) => ({ ...row, title: caseTitleFor(actor, { title, hiddenAt }) }))
}

/** A team's cases, after the permission check (see `casesByIds`). */
export async function caseSummaries(actor: Actor, ids: readonly string[]) {
  requirePermission(actor, 'case:read')
  return (await casesByIds(actor, ids)).map(({ authorId: _authorId, ...summary }) => summary)
}

/** Resolved cases among these, by outcome (a team's figures). */
export async function caseOutcomeCounts(runner: DbOrTx, ids: readonly string[]) {
  if (ids.length === 0) return {} as Partial<Record<CaseOutcome, number>>
  const rows = await runner
    .select({ outcome: caseThreads.outcome, n: sql<number>`count(*)::int` })
    .from(caseThreads)
    .where(and(inArray(caseThreads.id, [...ids]), eq(caseThreads.status, 'resolved')))
    .groupBy(caseThreads.outcome)
  return Object.fromEntries(rows.filter((r) => r.outcome).map((r) => [r.outcome, r.n])) as Partial<
    Record<CaseOutcome, number>
  >
}
