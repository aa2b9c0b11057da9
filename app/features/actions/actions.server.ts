import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'

import { db, prepared, type DbOrTx, type Tx } from '../../../db/client.server'
import {
  caseActions,
  caseInstitutions,
  caseReplies,
  caseThreads,
  caseWatchers,
  institutions,
  users,
} from '../../../db/schema'
import type { CaseActionKind, CaseActionStatus, RetentionAnswer } from '../../../db/schema/actions'
import { caseTitleFor, involvedInstitutionIds, requireCase, type CaseActor, type CaseRow } from '../cases/access.server'
import { caseUrl } from '../cases/codes'
import { approvedPeople, type PersonChoice } from '../identity/people.server'
import { can, requirePermission, type Actor } from '../identity/permissions'
import { notify } from '../notifications/inbox.server'
import { notFound } from '../platform/http.server'
import { Refusal } from '../platform/refusal.server'
import { sofiaDateInput } from '../platform/sofia-time'
import { enforcePrivacy, recordPrivacyOverride, type WriteOptions } from '../privacy/guard.server'
import type { ActionInput, OwnerRef } from './schemas'

/** Today as a Sofia calendar day (yyyy-mm-dd): due dates are days, not instants. */
export const sofiaToday = (now = new Date()) => sofiaDateInput(now)

/** Approved staff of the given institutions: who receives what is addressed to an institution. */
export async function institutionStaffIds(runner: DbOrTx, institutionIds: readonly string[]): Promise<string[]> {
  if (institutionIds.length === 0) return []
  const rows = await runner
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.institutionId, [...institutionIds]), eq(users.status, 'approved')))
  return rows.map((r) => r.id)
}

export interface OwnerChoices {
  institutions: { id: string; name: string }[]
  people: PersonChoice[]
}

/** The people an action of the case can be given to: its institutions' approved staff and its watchers. */
const ownerPeople = (runner: DbOrTx, caseId: SQL) =>
  approvedPeople(
    runner,
    or(
      sql`${users.institutionId} IN (SELECT institution_id FROM ${caseInstitutions} WHERE case_id = ${caseId})`,
      sql`${users.id} IN (SELECT user_id FROM ${caseWatchers} WHERE case_id = ${caseId})`,
    ),
  )

const ownerPeopleQuery = () =>
  prepared('case-owner-people', (database) =>
    ownerPeople(database, sql`${sql.placeholder('caseId')}`)
      .orderBy(asc(users.name))
      .prepare('case_owner_people'),
  )

/**
 * Who may own an action of a case: an institution involved in it, or a person from one of them or
 * watching the case (coordinators often are).
 */
export async function ownerChoicesFor(
  runner: DbOrTx,
  caseId: string,
  /** The case's institutions by name, when the caller has read them already (the case page has). */
  involvedByName?: readonly { id: string; name: string }[],
): Promise<OwnerChoices> {
  const involved = involvedByName
    ? involvedByName.map(({ id, name }) => ({ id, name }))
    : await runner
        .select({ id: institutions.id, name: institutions.name })
        .from(caseInstitutions)
        .innerJoin(institutions, eq(institutions.id, caseInstitutions.institutionId))
        .where(eq(caseInstitutions.caseId, caseId))
        .orderBy(asc(institutions.name))
  // The case page asks on every view (outside a transaction): a statement built once; forms in a transaction build it.
  const people =
    runner === db
      ? await ownerPeopleQuery().execute({ caseId })
      : await ownerPeople(runner, sql`${caseId}`).orderBy(asc(users.name))
  return { institutions: involved, people }
}

/** The owner choices of a case for its forms, after the permission check. */
export async function ownerChoices(actor: Actor, code: string) {
  const thread = await requireCase(db, actor, code)
  return ownerChoicesFor(db, thread.id)
}

export function canPlanActions(actor: Actor, thread: Pick<CaseRow, 'authorId'>, institutionIds: readonly string[]) {
  return can(actor, 'case-action:create', { authorId: thread.authorId, institutionIds })
}

/** An action checked and ready to be written: the permission, the guard, the owner and the date all passed. */
export interface PlannedAction {
  text: string
  owner: OwnerRef
  dueDate: string
}

export interface PlannedActions {
  thread: CaseRow
  actions: PlannedAction[]
  clearance: ReturnType<typeof enforcePrivacy>
}

/**
 * Checks actions before anything is written (a refusal changes nothing): who may plan them on this case, the
 * privacy guard on every text, owners from the case, due dates from today on. `field(i, name)` names the form
 * field of the i-th action, so errors land beside it.
 */
export async function planCaseActions(
  actor: CaseActor,
  code: string,
  inputs: readonly ActionInput[],
  field: (index: number, name: 'text' | 'owner' | 'due') => string,
  options: WriteOptions = {},
  now = new Date(),
): Promise<PlannedActions> {
  const thread = await requireCase(db, actor, code)
  const involved = await involvedInstitutionIds(db, thread.id)
  requirePermission(actor, 'case-action:create', { authorId: thread.authorId, institutionIds: involved })
  const clearance = enforcePrivacy(
    actor,
    Object.fromEntries(inputs.map((input, i) => [field(i, 'text'), input.text])),
    options.privacyOverride,
  )
  const choices = await ownerChoicesFor(db, thread.id)
  const allowed = new Set([
    ...choices.institutions.map((i) => `institution:${i.id}`),
    ...choices.people.map((p) => `user:${p.id}`),
  ])
  const today = sofiaToday(now)
  const fieldErrors: Record<string, string[]> = {}
  inputs.forEach((input, i) => {
    if (!allowed.has(`${input.owner.type}:${input.owner.id}`)) fieldErrors[field(i, 'owner')] = ['actions.error.owner']
    if (input.dueDate < today) fieldErrors[field(i, 'due')] = ['actions.error.dueInPast']
  })
  if (Object.keys(fieldErrors).length) throw new Refusal('errors.formSummary', { fieldErrors })
  return { thread, actions: inputs.map((i) => ({ text: i.text, owner: i.owner, dueDate: i.dueDate })), clearance }
}

/** Who hears of an action: its owner, or the staff of its owning institution. */
async function ownerRecipients(runner: DbOrTx, owner: { userId: string | null; institutionId: string | null }) {
  if (owner.userId) return [owner.userId]
  return owner.institutionId ? institutionStaffIds(runner, [owner.institutionId]) : []
}

/** Writes planned actions (inside the caller's transaction) and tells each owner. */
export async function insertPlannedActions(
  tx: Tx,
  actor: CaseActor,
  planned: PlannedActions,
  source: { replyId?: string | null; roomId?: string | null } = {},
) {
  if (planned.actions.length === 0) return []
  const rows = await tx
    .insert(caseActions)
    .values(
      planned.actions.map((a) => ({
        caseId: planned.thread.id,
        text: a.text,
        ownerUserId: a.owner.type === 'user' ? a.owner.id : null,
        ownerInstitutionId: a.owner.type === 'institution' ? a.owner.id : null,
        dueDate: a.dueDate,
        replyId: source.replyId ?? null,
        roomId: source.roomId ?? null,
        createdBy: actor.id,
      })),
    )
    .returning({
      id: caseActions.id,
      ownerUserId: caseActions.ownerUserId,
      ownerInstitutionId: caseActions.ownerInstitutionId,
      dueDate: caseActions.dueDate,
    })
  await recordPrivacyOverride(tx, actor, planned.clearance, { type: 'case_action', id: rows[0].id })
  for (const row of rows) {
    await notify(tx, {
      userIds: await ownerRecipients(tx, { userId: row.ownerUserId, institutionId: row.ownerInstitutionId }),
      kind: 'action.assigned',
      messageKey: 'actions.notify.assigned',
      params: { actor: actor.name, code: planned.thread.code, due: displayDate(row.dueDate) },
      url: actionUrl(planned.thread.code, row.id),
      exceptUserId: actor.id,
    })
  }
  return rows
}

/** dd.mm.yyyy, the way a Bulgarian reader writes a day (e-mail subjects carry no locale formatting). */
export const displayDate = (isoDate: string) => isoDate.split('-').reverse().join('.')

export const actionUrl = (code: string, actionId: string) => caseUrl(code, { anchor: `action-${actionId}` })

/** One action agreed on the case page. */
export async function createCaseAction(actor: CaseActor, code: string, input: ActionInput, options: WriteOptions = {}) {
  const planned = await planCaseActions(actor, code, [input], (_, name) => (name === 'due' ? 'dueDate' : name), options)
  const [row] = await db.transaction((tx) => insertPlannedActions(tx, actor, planned))
  return { id: row.id, code: planned.thread.code }
}

type ActionRow = typeof caseActions.$inferSelect

/** An action with its case, for a change: 404 when unknown, then the reader's case permission. */
async function requireAction(runner: DbOrTx, actor: Actor, actionId: string) {
  const [found] = await runner
    .select({ action: caseActions, code: caseThreads.code })
    .from(caseActions)
    .innerJoin(caseThreads, eq(caseThreads.id, caseActions.caseId))
    .where(eq(caseActions.id, actionId))
  if (!found) notFound()
  requirePermission(actor, 'case:read')
  return found
}

export const actionResource = (a: Pick<ActionRow, 'ownerUserId' | 'ownerInstitutionId' | 'createdBy'>) => ({
  ownerId: a.ownerUserId,
  authorId: a.createdBy,
  institutionId: a.ownerInstitutionId,
})

/** Closes an open task as done or dropped; the row is changed only while still open (a second click is a 409). */
async function finishTask(
  actor: CaseActor,
  actionId: string,
  status: Exclude<CaseActionStatus, 'open'>,
  dropReason: string | null,
  options: WriteOptions = {},
) {
  const { action, code } = await requireAction(db, actor, actionId)
  requirePermission(actor, 'case-action:update', actionResource(action))
  if (action.kind !== 'task') throw new Refusal('actions.error.checkNeedsAnswer', { status: 409 })
  const clearance = dropReason ? enforcePrivacy(actor, { reason: dropReason }, options.privacyOverride) : null
  return db.transaction(async (tx) => {
    const [changed] = await tx
      .update(caseActions)
      .set({ status, dropReason, completedAt: new Date(), completedBy: actor.id })
      .where(and(eq(caseActions.id, action.id), eq(caseActions.status, 'open')))
      .returning({ id: caseActions.id })
    if (!changed) throw new Refusal('actions.error.notOpen', { status: 409 })
    if (clearance) await recordPrivacyOverride(tx, actor, clearance, { type: 'case_action', id: action.id })
    return { id: action.id, code }
  })
}

export function markActionDone(actor: CaseActor, actionId: string) {
  return finishTask(actor, actionId, 'done', null)
}

export function dropAction(actor: CaseActor, actionId: string, reason: string, options: WriteOptions = {}) {
  return finishTask(actor, actionId, 'dropped', reason, options)
}

const ownerUser = alias(users, 'owner_user')
const ownerInstitution = alias(institutions, 'owner_institution')

/** What a reader sees of one action. */
export interface ActionView {
  id: string
  kind: CaseActionKind
  text: string
  ownerName: string
  ownerIsInstitution: boolean
  dueDate: string
  status: CaseActionStatus
  overdue: boolean
  dropReason: string | null
  retentionMonths: number | null
  answer: RetentionAnswer | null
  answerNote: string | null
  completedAt: string | null
  /** Where it was agreed: the reply (minutes are a reply) as a link, and whether it came from a conference. */
  agreedUrl: string | null
  agreedNumber: number | null
  fromConference: boolean
  caseCode: string
  caseTitle: string | null
  canUpdate: boolean
  canAnswer: boolean
}

const viewColumns = {
  action: caseActions,
  ownerUserName: ownerUser.name,
  ownerInstitutionName: ownerInstitution.name,
  replyNumber: caseReplies.number,
  caseCode: caseThreads.code,
  caseTitle: caseThreads.title,
  caseHiddenAt: caseThreads.hiddenAt,
}

function viewQuery(runner: DbOrTx) {
  return runner
    .select(viewColumns)
    .from(caseActions)
    .innerJoin(caseThreads, eq(caseThreads.id, caseActions.caseId))
    .leftJoin(ownerUser, eq(ownerUser.id, caseActions.ownerUserId))
    .leftJoin(ownerInstitution, eq(ownerInstitution.id, caseActions.ownerInstitutionId))
    .leftJoin(caseReplies, eq(caseReplies.id, caseActions.replyId))
}

type ViewRow = Awaited<ReturnType<ReturnType<typeof viewQuery>['where']>>[number]

function toView(actor: Actor, row: ViewRow, today: string): ActionView {
  const a = row.action
  return {
    id: a.id,
    kind: a.kind,
    text: a.text,
    ownerName: row.ownerUserName ?? row.ownerInstitutionName ?? '',
    ownerIsInstitution: !a.ownerUserId,
    dueDate: a.dueDate,
    status: a.status,
    overdue: a.status === 'open' && a.dueDate < today,
    dropReason: a.dropReason,
    retentionMonths: a.retentionMonths,
    answer: a.answer,
    answerNote: a.answerNote,
    completedAt: a.completedAt ? new Date(a.completedAt).toISOString() : null,
    agreedUrl: row.replyNumber === null ? null : caseUrl(row.caseCode, { reply: row.replyNumber }),
    agreedNumber: row.replyNumber,
    fromConference: !!a.roomId,
    caseCode: row.caseCode,
    caseTitle: caseTitleFor(actor, { title: row.caseTitle, hiddenAt: row.caseHiddenAt }),
    canUpdate: a.status === 'open' && a.kind === 'task' && can(actor, 'case-action:update', actionResource(a)),
    canAnswer:
      a.status === 'open' &&
      a.kind === 'retention_check' &&
      can(actor, 'case-action:answer', { institutionId: a.ownerInstitutionId }),
  }
}

// On every case page: built once (see `prepared`).
const casePlanQuery = () =>
  prepared('case-plan', (database) =>
    viewQuery(database)
      .where(eq(caseActions.caseId, sql.placeholder('caseId')))
      .orderBy(
        sql`CASE WHEN ${caseActions.status} = 'open' THEN 0 ELSE 1 END`,
        asc(caseActions.dueDate),
        asc(caseActions.createdAt),
      )
      .prepare('case_plan'),
  )

/** The case's action plan: open ones by due date, then the finished ones. */
export async function casePlan(actor: Actor, caseId: string, now = new Date()) {
  requirePermission(actor, 'case:read')
  const rows = await casePlanQuery().execute({ caseId })
  const today = sofiaToday(now)
  return rows.map((r) => toView(actor, r, today))
}

/** Open actions the actor owns, or their institution owns: overdue first, then by due date. */
export async function listMyActions(actor: Actor, options: { limit?: number; now?: Date } = {}) {
  requirePermission(actor, 'case:read')
  const today = sofiaToday(options.now)
  const rows = await viewQuery(db)
    .where(
      and(
        eq(caseActions.status, 'open'),
        or(eq(caseActions.ownerUserId, actor.id), eq(caseActions.ownerInstitutionId, actor.institutionId)),
      ),
    )
    .orderBy(
      sql`CASE WHEN ${caseActions.dueDate} < ${today}::date THEN 0 ELSE 1 END`,
      asc(caseActions.dueDate),
      asc(caseActions.createdAt),
    )
    .limit(options.limit ?? 200)
  return rows.map((r) => toView(actor, r, today))
}

/** Everything the case page shows of its plan: the actions, and the add form's owners when the reader may plan. */
export async function loadActionPlan(
  actor: Actor,
  thread: { id: string; authorId: string; involved: { id: string; name: string }[] },
  now = new Date(),
) {
  const canPlan = canPlanActions(
    actor,
    thread,
    thread.involved.map((i) => i.id),
  )
  const [actions, owners] = await Promise.all([
    casePlan(actor, thread.id, now),
    canPlan ? ownerChoicesFor(db, thread.id, thread.involved) : null,
  ])
  return {
    actions,
    canPlan,
    owners,
    today: sofiaToday(now),
    openChecks: actions.filter((a) => a.kind === 'retention_check' && a.status === 'open').length,
    canOverrideClose: can(actor, 'case:close-override'),
  }
}

export const HOME_ACTIONS = 5

/** The home page's block: the first few of my open actions and how many there are. */
export async function homeActions(actor: Actor) {
  const all = await listMyActions(actor)
  return { actions: all.slice(0, HOME_ACTIONS), total: all.length }
}

/** The minutes form's owner choices, or null when the writer may not plan actions on the case. */
export async function minutesActionOwners(actor: Actor, code: string): Promise<OwnerChoices | null> {
  const thread = await requireCase(db, actor, code)
  const involved = await involvedInstitutionIds(db, thread.id)
  return canPlanActions(actor, thread, involved) ? ownerChoicesFor(db, thread.id) : null
}
