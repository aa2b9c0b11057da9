import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'

import { db, type DbOrTx, type Tx } from '../../../db/client.server'
import {
  institutions,
  practiceCaseLinks,
  practiceRevisions,
  practices,
  practiceUsefulMarks,
  users,
} from '../../../db/schema'
import type { Locale } from '../../../db/schema/identity'
import {
  PRACTICE_SECTIONS,
  type PracticeSections,
  type PracticeSectionTexts,
  type PracticeStatus,
} from '../../../db/schema/practices'
import { enqueueSearch } from '../../../search/outbox'
import { recordAudit } from '../audit/audit.server'
import { can, requirePermission, type Actor } from '../identity/permissions'
import { notify, retitleNotifications } from '../notifications/inbox.server'
import { forbidden, notFound } from '../platform/http.server'
import { isUuid } from '../platform/params'
import { Refusal } from '../platform/refusal.server'
import { saveEdit } from '../platform/revisions.server'
import { uniqueSlug } from '../platform/slugs.server'
import { enforcePrivacy, recordPrivacyOverride, type GuardedText, type WriteOptions } from '../privacy/guard.server'
import type { RichText } from '../richtext/document'
import { awardMilestonesForAuthor } from '../teams/recognition.server'
import type { PracticeCard } from './links'
import type { PracticeFields } from './schemas'

export type PracticeRow = typeof practices.$inferSelect

export interface PracticeInput extends Omit<PracticeFields, 'version'> {
  version?: number
  sections: Record<(typeof PRACTICE_SECTIONS)[number], RichText | null>
}

const isLead = (actor: Actor) => can(actor, 'practice:publish')

/**
 * Who may read a practice in a given state: published for everyone, archived for staff, the rest for author and
 * coordinators.
 */
export function canReadPractice(
  viewer: Actor | null | undefined,
  row: Pick<PracticeRow, 'status' | 'authorId'>,
): boolean {
  if (row.status === 'published') return true
  if (!viewer) return false
  if (row.status === 'archived') return can(viewer, 'staff:access')
  return row.authorId === viewer.id || isLead(viewer)
}

/** Authors edit their drafts; coordinators edit any practice (a published one keeps its earlier version). */
export function canEditPractice(
  viewer: Actor | null | undefined,
  row: Pick<PracticeRow, 'status' | 'authorId'>,
): boolean {
  if (!viewer) return false
  if (isLead(viewer)) return row.status !== 'archived'
  return row.authorId === viewer.id && row.status === 'draft' && can(viewer, 'practice:create')
}

// `new` is a page of its own (/practices/new).
const SLUG_RULES = { fallback: 'practice', reserved: new Set(['new']) }

/** The columns of a practice its form sets (a new draft and an edit alike). */
function practiceColumns(input: PracticeInput) {
  const sections = {} as PracticeSections
  const sectionTexts = {} as PracticeSectionTexts
  for (const name of PRACTICE_SECTIONS) {
    sections[name] = input.sections[name]?.doc ?? null
    sectionTexts[name] = input.sections[name]?.text ?? ''
  }
  return {
    title: input.title,
    summary: input.summary,
    ...(input.language ? { language: input.language } : {}),
    sections,
    sectionTexts,
    situationTags: input.situationTags,
    ageBands: input.ageBands,
    educationStages: input.educationStages,
    institutionKinds: input.institutionKinds,
    districts: input.districts,
  }
}

/** Everything a reader of a published practice sees passes the privacy guard (practices are public). */
function privacyTexts(input: PracticeInput): Record<string, GuardedText> {
  const texts: Record<string, GuardedText> = { title: input.title, summary: input.summary }
  for (const name of PRACTICE_SECTIONS) texts[name] = input.sections[name] ?? ''
  return texts
}

function validateSections(input: PracticeInput) {
  if (!input.sections.problem || !input.sections.actions)
    throw new Refusal('practices.error.sectionsRequired', { status: 409 })
}

async function replaceCaseLinks(tx: Tx, practiceId: string, codes: string[]) {
  await tx.delete(practiceCaseLinks).where(eq(practiceCaseLinks.practiceId, practiceId))
  if (codes.length) await tx.insert(practiceCaseLinks).values(codes.map((caseCode) => ({ practiceId, caseCode })))
}

/** Starts a draft (optionally shared from a resolved case). */
export async function createPractice(actor: Actor, input: PracticeInput, options: WriteOptions = {}) {
  requirePermission(actor, 'practice:create')
  validateSections(input)
  const clearance = enforcePrivacy(actor, privacyTexts(input), options.privacyOverride)
  return db.transaction(async (tx) => {
    const slug = await uniqueSlug(tx, practices.slug, input.title, SLUG_RULES)
    const [row] = await tx
      .insert(practices)
      .values({
        slug,
        ...practiceColumns(input),
        authorId: actor.id,
        institutionId: actor.institutionId,
        sourceCaseCode: input.sourceCaseCode ?? null,
      })
      .returning({ id: practices.id, slug: practices.slug })
    const codes = [...new Set([...(input.sourceCaseCode ? [input.sourceCaseCode] : []), ...input.caseCodes])]
    await replaceCaseLinks(tx, row.id, codes)
    await recordPrivacyOverride(tx, actor, clearance, { type: 'practice', id: row.id })
    await recordAudit(tx, { actorId: actor.id, action: 'practice.created', targetType: 'practice', targetId: row.id })
    return row
  })
}

async function lockPractice(tx: Tx, slug: string): Promise<PracticeRow> {
  const [row] = await tx.select().from(practices).where(eq(practices.slug, slug)).limit(1).for('update')
  if (!row) notFound()
  return row
}

/** Saves an edit. Row-locked so two editors cannot both overwrite the same version. */
export async function updatePractice(actor: Actor, slug: string, input: PracticeInput, options: WriteOptions = {}) {
  requirePermission(actor, 'staff:access')
  validateSections(input)
  return db.transaction(async (tx) => {
    const row = await lockPractice(tx, slug)
    if (!canReadPractice(actor, row)) notFound()
    if (!canEditPractice(actor, row)) {
      if (isLead(actor) || row.authorId === actor.id) throw new Refusal('practices.error.wrongState', { status: 409 })
      forbidden()
    }
    if (input.version !== undefined && input.version !== row.version)
      throw new Refusal('practices.error.staleVersion', { status: 409 })
    const clearance = enforcePrivacy(actor, privacyTexts(input), options.privacyOverride)
    const published = row.status === 'published'
    await saveEdit(tx, {
      table: practices,
      id: row.id,
      set: { ...practiceColumns(input), version: row.version + 1, updatedAt: new Date() },
      revision: published
        ? {
            into: practiceRevisions,
            values: {
              practiceId: row.id,
              version: row.version,
              title: row.title,
              summary: row.summary,
              sections: row.sections,
              editedBy: actor.id,
            },
          }
        : null,
    })
    await replaceCaseLinks(tx, row.id, [
      ...new Set([...(row.sourceCaseCode ? [row.sourceCaseCode] : []), ...input.caseCodes]),
    ])
    if (published) await enqueueSearch(tx, 'practice', row.id)
    await recordPrivacyOverride(tx, actor, clearance, { type: 'practice', id: row.id })
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'practice.updated',
      targetType: 'practice',
      targetId: row.id,
      details: { version: row.version + 1 },
    })
    return { id: row.id, slug: row.slug }
  })
}

async function coordinatorIds(runner: DbOrTx): Promise<string[]> {
  const rows = await runner
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'coordinator'), eq(users.status, 'approved')))
  return rows.map((r) => r.id)
}

export type WorkflowIntent = 'submit' | 'withdraw' | 'publish' | 'return' | 'archive' | 'restore'

const TRANSITIONS: Record<WorkflowIntent, { from: PracticeStatus; to: PracticeStatus; lead: boolean }> = {
  submit: { from: 'draft', to: 'submitted', lead: false },
  withdraw: { from: 'submitted', to: 'draft', lead: false },
  publish: { from: 'submitted', to: 'published', lead: true },
  return: { from: 'submitted', to: 'draft', lead: true },
  archive: { from: 'published', to: 'archived', lead: true },
  restore: { from: 'archived', to: 'published', lead: true },
}

/** The intents this viewer may use on this practice now (for the buttons). */
export function availableIntents(
  viewer: Actor | null | undefined,
  row: Pick<PracticeRow, 'status' | 'authorId'>,
): WorkflowIntent[] {
  if (!viewer) return []
  return (Object.keys(TRANSITIONS) as WorkflowIntent[]).filter((intent) => {
    const t = TRANSITIONS[intent]
    if (t.from !== row.status) return false
    return t.lead ? isLead(viewer) : row.authorId === viewer.id || (intent === 'submit' && isLead(viewer))
  })
}

/**
 * Moves a practice through draft → submitted → published → archived. Row-locked so a coordinator
 * publishing and the author withdrawing at the same moment cannot both win.
 */
export async function changePracticeStatus(actor: Actor, slug: string, intent: WorkflowIntent, comment = '') {
  requirePermission(actor, 'staff:access')
  // The "send back" comment is kept with the practice and shown to its author.
  if (intent === 'return') enforcePrivacy(actor, { comment })
  return db.transaction(async (tx) => {
    const row = await lockPractice(tx, slug)
    if (!canReadPractice(actor, row)) notFound()
    const transition = TRANSITIONS[intent]
    if (row.status !== transition.from) throw new Refusal('practices.error.wrongState', { status: 409 })
    if (!availableIntents(actor, row).includes(intent)) forbidden()
    const now = new Date()
    await tx
      .update(practices)
      .set({
        status: transition.to,
        updatedAt: now,
        ...(intent === 'submit' ? { submittedAt: now, reviewComment: null } : {}),
        ...(intent === 'publish'
          ? { publishedAt: row.publishedAt ?? now, reviewedBy: actor.id, reviewComment: null }
          : {}),
        ...(intent === 'return' ? { reviewedBy: actor.id, reviewComment: comment } : {}),
        ...(intent === 'archive' ? { archivedAt: now } : {}),
        ...(intent === 'restore' ? { archivedAt: null } : {}),
      })
      .where(eq(practices.id, row.id))
    if (row.status === 'published' || transition.to === 'published') await enqueueSearch(tx, 'practice', row.id)
    const url = `/practices/${row.slug}`
    if (intent === 'submit') {
      await notify(tx, {
        userIds: await coordinatorIds(tx),
        kind: 'practice.submitted',
        messageKey: 'practices.notify.submitted',
        params: { title: row.title },
        url,
        exceptUserId: actor.id,
      })
    } else if (intent === 'publish' || intent === 'return') {
      await notify(tx, {
        userIds: [row.authorId],
        kind: `practice.${intent}`,
        messageKey: `practices.notify.${intent}`,
        params: { title: row.title },
        url,
        exceptUserId: actor.id,
      })
    }
    await recordAudit(tx, { actorId: actor.id, action: `practice.${intent}`, targetType: 'practice', targetId: row.id })
    if (intent === 'publish') await awardMilestonesForAuthor(tx, row.authorId)
    return { id: row.id, slug: row.slug, status: transition.to }
  })
}

/**
 * Marks (or unmarks) a published practice as useful, one mark per person. The practice row is locked
 * so the shown count always equals the number of marks under concurrent clicks.
 */
export async function setUseful(actor: Actor, slug: string, useful: boolean) {
  requirePermission(actor, 'practice:mark-useful')
  return db.transaction(async (tx) => {
    const row = await lockPractice(tx, slug)
    if (row.status !== 'published') throw new Refusal('practices.error.wrongState', { status: 409 })
    const changed = useful
      ? await tx
          .insert(practiceUsefulMarks)
          .values({ practiceId: row.id, userId: actor.id })
          .onConflictDoNothing()
          .returning({ id: practiceUsefulMarks.userId })
      : await tx
          .delete(practiceUsefulMarks)
          .where(and(eq(practiceUsefulMarks.practiceId, row.id), eq(practiceUsefulMarks.userId, actor.id)))
          .returning({ id: practiceUsefulMarks.userId })
    if (changed.length === 0) return { usefulCount: row.usefulCount, marked: useful }
    const usefulCount = row.usefulCount + (useful ? 1 : -1)
    await tx.update(practices).set({ usefulCount }).where(eq(practices.id, row.id))
    await enqueueSearch(tx, 'practice', row.id)
    return { usefulCount, marked: useful }
  })
}

export interface PracticeView {
  practice: PracticeRow
  authorName: string
  institutionName: string
  /** Staff only: cases the practice helped with. */
  caseCodes: string[]
  revisions: { version: number; createdAt: Date; editorName: string | null }[]
  viewer: {
    marked: boolean
    canEdit: boolean
    canMarkUseful: boolean
    canEraseHistory: boolean
    intents: WorkflowIntent[]
  }
}

/** What the public may receive of a published practice: no case code, no review, no account ids. */
function publicView(practice: PracticeRow): PracticeRow {
  return { ...practice, sourceCaseCode: null, reviewComment: null, reviewedBy: null, authorId: '', institutionId: '' }
}

/** A practice as this viewer may see it (404 when they may not: drafts stay invisible). */
export async function getPracticeForViewer(viewer: Actor | null, slug: string): Promise<PracticeView> {
  const [found] = await db
    .select({ practice: practices, authorName: users.name, institutionName: institutions.name })
    .from(practices)
    .innerJoin(users, eq(users.id, practices.authorId))
    .innerJoin(institutions, eq(institutions.id, practices.institutionId))
    .where(eq(practices.slug, slug))
    .limit(1)
  if (!found || !canReadPractice(viewer, found.practice)) notFound()
  const staff = can(viewer, 'staff:access')
  const [links, revisions, mark] = await Promise.all([
    staff
      ? db
          .select({ code: practiceCaseLinks.caseCode })
          .from(practiceCaseLinks)
          .where(eq(practiceCaseLinks.practiceId, found.practice.id))
          .orderBy(asc(practiceCaseLinks.caseCode))
      : Promise.resolve([]),
    staff
      ? db
          .select({
            version: practiceRevisions.version,
            createdAt: practiceRevisions.createdAt,
            editorName: users.name,
          })
          .from(practiceRevisions)
          .leftJoin(users, eq(users.id, practiceRevisions.editedBy))
          .where(eq(practiceRevisions.practiceId, found.practice.id))
          .orderBy(desc(practiceRevisions.version))
      : Promise.resolve([]),
    viewer
      ? db
          .select({ userId: practiceUsefulMarks.userId })
          .from(practiceUsefulMarks)
          .where(and(eq(practiceUsefulMarks.practiceId, found.practice.id), eq(practiceUsefulMarks.userId, viewer.id)))
      : Promise.resolve([]),
  ])
  return {
    practice: staff ? found.practice : publicView(found.practice),
    authorName: found.authorName,
    institutionName: found.institutionName,
    caseCodes: links.map((l) => l.code),
    revisions,
    viewer: {
      marked: mark.length > 0,
      canEdit: canEditPractice(viewer, found.practice),
      canMarkUseful: can(viewer, 'practice:mark-useful') && found.practice.status === 'published',
      canEraseHistory: can(viewer, 'practice:erase-history'),
      intents: availableIntents(viewer, found.practice),
    },
  }
}

/** An earlier version of a published practice (staff only). */
export async function getPracticeRevision(viewer: Actor, slug: string, version: number) {
  requirePermission(viewer, 'staff:access')
  const view = await getPracticeForViewer(viewer, slug)
  const [revision] = await db
    .select()
    .from(practiceRevisions)
    .where(and(eq(practiceRevisions.practiceId, view.practice.id), eq(practiceRevisions.version, version)))
    .limit(1)
  if (!revision) notFound()
  return { practice: view.practice, revision }
}

/**
 * Erases a practice's earlier versions (coordinators): personal data corrected by an edit must not stay readable in
 * them. The notifications about the practice (bell and outbox) take its current title in place of earlier ones. The
 * current version is not changed; the audit entry counts what went, never quotes it.
 */
export async function erasePracticeHistory(actor: Actor, slug: string) {
  requirePermission(actor, 'practice:erase-history')
  return db.transaction(async (tx) => {
    // Row-locked: an edit saved meanwhile stores the version it replaces, which must not outlive the erasure.
    const row = await lockPractice(tx, slug)
    const erased = await tx
      .delete(practiceRevisions)
      .where(eq(practiceRevisions.practiceId, row.id))
      .returning({ title: practiceRevisions.title })
    const copies = await retitleNotifications(tx, {
      url: `/practices/${row.slug}`,
      kindPrefix: 'practice.',
      title: row.title,
      earlierTitles: erased.map((revision) => revision.title),
    })
    if (erased.length + copies.notifications + copies.emails > 0)
      await recordAudit(tx, {
        actorId: actor.id,
        action: 'practice.history.erase',
        targetType: 'practice',
        targetId: row.id,
        details: { revisions: erased.length, notifications: copies.notifications, emails: copies.emails },
      })
    return { slug: row.slug, erased: erased.length }
  })
}

/** The editor's starting point: only for those who may edit. */
export async function getPracticeForEdit(actor: Actor, slug: string) {
  const view = await getPracticeForViewer(actor, slug)
  if (!view.viewer.canEdit) forbidden()
  return view
}

/** Cards for the practices a post links to: only those this viewer may read; unknown slugs are left out. */
export async function practiceCards(viewer: Actor, slugs: readonly string[]): Promise<PracticeCard[]> {
  if (slugs.length === 0) return []
  const rows = await db
    .select({
      slug: practices.slug,
      title: practices.title,
      summary: practices.summary,
      language: practices.language,
      status: practices.status,
      usefulCount: practices.usefulCount,
      authorId: practices.authorId,
    })
    .from(practices)
    .where(inArray(practices.slug, slugs.slice(0, 50)))
  return rows.filter((row) => canReadPractice(viewer, row)).map(({ authorId: _author, ...card }) => card)
}

export const PUBLIC_PAGE_SIZE = 20

export interface PracticeSummary {
  slug: string
  title: string
  summary: string
  language: Locale
  situationTags: string[]
  ageBands: string[]
  educationStages: string[]
  institutionKinds: string[]
  districts: string[]
  usefulCount: number
  publishedAt: Date | null
  institutionName: string
}

const summaryColumns = {
  slug: practices.slug,
  title: practices.title,
  summary: practices.summary,
  language: practices.language,
  situationTags: practices.situationTags,
  ageBands: practices.ageBands,
  educationStages: practices.educationStages,
  institutionKinds: practices.institutionKinds,
  districts: practices.districts,
  usefulCount: practices.usefulCount,
  publishedAt: practices.publishedAt,
  institutionName: institutions.name,
}

/** Published practices, newest or most useful first (the JSON API and the library's fallback when search is down). */
export async function listPublishedPractices(options: { page: number; perPage?: number; sort?: 'newest' | 'useful' }) {
  const perPage = Math.min(50, options.perPage ?? PUBLIC_PAGE_SIZE)
  const order =
    options.sort === 'useful'
      ? [desc(practices.usefulCount), desc(practices.publishedAt)]
      : [desc(practices.publishedAt)]
  const [rows, [{ total }]] = await Promise.all([
    db
      .select(summaryColumns)
      .from(practices)
      .innerJoin(institutions, eq(institutions.id, practices.institutionId))
      .where(eq(practices.status, 'published'))
      .orderBy(...order, asc(practices.slug))
      .limit(perPage)
      .offset((options.page - 1) * perPage),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(practices)
      .where(eq(practices.status, 'published')),
  ])
  return { rows: rows as PracticeSummary[], total, page: options.page, perPage }
}

/**
 * The language of each practice among search hits, by hit id (the search index does not keep it), so a list of hits
 * can mark English titles and snippets as English. Other kinds of hits are left out.
 */
export async function practiceHitLanguages(
  hits: readonly { type: string; id: string }[],
): Promise<Record<string, Locale>> {
  const ids = hits.filter((hit) => hit.type === 'practice' && isUuid(hit.id)).map((hit) => hit.id)
  if (ids.length === 0) return {}
  const rows = await db
    .select({ id: practices.id, language: practices.language })
    .from(practices)
    .where(inArray(practices.id, ids))
  return Object.fromEntries(rows.map((row) => [row.id, row.language]))
}

/** The staff member's own drafts and submissions, and (for coordinators) what awaits review. */
export async function listMyWork(actor: Actor) {
  requirePermission(actor, 'staff:access')
  const mine = await db
    .select({
      slug: practices.slug,
      title: practices.title,
      language: practices.language,
      status: practices.status,
      updatedAt: practices.updatedAt,
      reviewComment: practices.reviewComment,
    })
    .from(practices)
    .where(and(eq(practices.authorId, actor.id), inArray(practices.status, ['draft', 'submitted'])))
    .orderBy(desc(practices.updatedAt))
    .limit(50)
  const awaitingReview = isLead(actor)
    ? await db
        .select({
          slug: practices.slug,
          title: practices.title,
          language: practices.language,
          submittedAt: practices.submittedAt,
          authorName: users.name,
        })
        .from(practices)
        .innerJoin(users, eq(users.id, practices.authorId))
        .where(eq(practices.status, 'submitted'))
        .orderBy(asc(practices.submittedAt))
        .limit(100)
    : []
  return { mine, awaitingReview }
}

/** Published practices linked to a case (for the case page; staff only). */
export async function practicesForCase(actor: Actor, caseCode: string) {
  requirePermission(actor, 'case:read')
  return db
    .select({ slug: practices.slug, title: practices.title })
    .from(practiceCaseLinks)
    .innerJoin(practices, eq(practices.id, practiceCaseLinks.practiceId))
    .where(and(eq(practiceCaseLinks.caseCode, caseCode), eq(practices.status, 'published')))
    .orderBy(asc(practices.title))
}

/** A published practice for the public JSON API: no linked cases, no review data. */
export async function getPublishedPracticeForApi(slug: string) {
  const view = await getPracticeForViewer(null, slug)
  const p = view.practice
  return {
    slug: p.slug,
    url: `/practices/${p.slug}`,
    title: p.title,
    summary: p.summary,
    sections: Object.fromEntries(
      PRACTICE_SECTIONS.map((s) => [s, { text: p.sectionTexts[s] ?? '', doc: p.sections[s] }]),
    ),
    situationTags: p.situationTags,
    ageBands: p.ageBands,
    educationStages: p.educationStages,
    institutionKinds: p.institutionKinds,
    districts: p.districts,
    author: view.authorName,
    institution: view.institutionName,
    usefulCount: p.usefulCount,
    version: p.version,
    publishedAt: p.publishedAt?.toISOString() ?? null,
    updatedAt: p.updatedAt.toISOString(),
  }
}

/** The published practices these people wrote, newest first (a team page lists what its members shared). */
export async function publishedPracticesBy(authorIds: readonly string[], limit = 20) {
  if (authorIds.length === 0) return []
  return db
    .select({
      slug: practices.slug,
      title: practices.title,
      language: practices.language,
      publishedAt: practices.publishedAt,
    })
    .from(practices)
    .where(and(inArray(practices.authorId, [...authorIds]), eq(practices.status, 'published')))
    .orderBy(desc(practices.publishedAt))
    .limit(limit)
}

/** How many published practices these people wrote (a team's milestone), inside the caller's transaction. */
export async function publishedPracticeCount(runner: DbOrTx, authorIds: readonly string[]) {
  if (authorIds.length === 0) return 0
  const [row] = await runner
    .select({ n: sql<number>`count(*)::int` })
    .from(practices)
    .where(and(inArray(practices.authorId, [...authorIds]), eq(practices.status, 'published')))
  return row?.n ?? 0
}
