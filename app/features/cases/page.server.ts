import { and, asc, between, eq, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'

import { db } from '../../../db/client.server'
import { caseReplies, caseThreads, institutions, users } from '../../../db/schema'
import type { CaseOutcome, CaseStatus } from '../../../db/schema/cases'
import type { InstitutionKind } from '../../../db/schema/identity'
import { mentionedPeople } from '../identity/mentions.server'
import { can } from '../identity/permissions'
import { notFound } from '../platform/http.server'
import { linkedPracticeSlugs } from '../practices/links'
import { practiceCards } from '../practices/practices.server'
import type { RichTextDoc } from '../richtext/document'
import { caseTitleFor, lockedFor, type CaseActor } from './access.server'
import { allowedTransitions } from './cases.server'
import { normaliseCaseCode, REPLIES_PER_PAGE, replyPage } from './codes'
import { compactDoc } from './view-model'
import { recordCaseView } from './watchers.server'

const json = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T

interface InvolvedInstitution {
  id: string
  name: string
  kind: InstitutionKind
}

interface AcceptedReply {
  id: string
  number: number
  bodyDoc: RichTextDoc
  authorName: string
  createdAt: string
}

interface StatusChange {
  from: CaseStatus
  to: CaseStatus
  outcome: CaseOutcome | null
  at: string
  actorName: string
}

const statusActor = alias(users, 'status_actor')
const quoted = alias(caseReplies, 'quoted')
const quotedAuthor = alias(users, 'quoted_author')

/**
 * The case with everything around it in one query: people, institutions, watch and read state, solution, status
 * history.
 */
async function loadThread(actor: CaseActor, code: string) {
  const [row] = await db
    .select({
      id: caseThreads.id,
      code: caseThreads.code,
      title: caseThreads.title,
      descriptionDoc: caseThreads.descriptionDoc,
      districtCode: caseThreads.districtCode,
      ageBand: caseThreads.ageBand,
      educationStage: caseThreads.educationStage,
      tags: caseThreads.tags,
      status: caseThreads.status,
      outcome: caseThreads.outcome,
      statusChangedAt: caseThreads.statusChangedAt,
      statusByName: statusActor.name,
      authorId: caseThreads.authorId,
      authorName: users.name,
      authorPositionKind: users.positionKind,
      authorPosition: users.position,
      institutionName: institutions.name,
      acceptedReplyId: caseThreads.acceptedReplyId,
      replyCount: caseThreads.replyCount,
      lockedAt: caseThreads.lockedAt,
      hiddenAt: caseThreads.hiddenAt,
      editedAt: caseThreads.editedAt,
      createdAt: caseThreads.createdAt,
      involved: sql<
        InvolvedInstitution[]
      >`(SELECT coalesce(json_agg(json_build_object('id', i.id, 'name', i.name, 'kind', i.kind) ORDER BY i.name), '[]'::json)
        FROM case_institutions ci JOIN institutions i ON i.id = ci.institution_id WHERE ci.case_id = ${caseThreads.id})`.mapWith(
        json<InvolvedInstitution[]>,
      ),
      watching:
        sql<boolean>`EXISTS (SELECT 1 FROM case_watchers w WHERE w.case_id = ${caseThreads.id} AND w.user_id = ${actor.id})`.mapWith(
          Boolean,
        ),
      watcherCount: sql<number>`(SELECT count(*) FROM case_watchers w WHERE w.case_id = ${caseThreads.id})`.mapWith(
        Number,
      ),
      lastReadNumber: sql<
        number | null
      >`(SELECT r.last_read_number FROM case_reads r WHERE r.case_id = ${caseThreads.id} AND r.user_id = ${actor.id})`,
      accepted:
        sql<AcceptedReply | null>`(SELECT json_build_object('id', r.id, 'number', r.number, 'bodyDoc', r.body_doc, 'authorName', u.name, 'createdAt', r.created_at)
        FROM case_replies r JOIN users u ON u.id = r.author_id WHERE r.id = ${caseThreads.acceptedReplyId} AND r.hidden_at IS NULL)`.mapWith(
          json<AcceptedReply | null>,
        ),
      statusHistory: sql<
        StatusChange[]
      >`(SELECT coalesce(json_agg(json_build_object('from', s.from_status, 'to', s.to_status, 'outcome', s.outcome, 'at', s.at, 'actorName', u.name) ORDER BY s.at), '[]'::json)
        FROM case_status_changes s JOIN users u ON u.id = s.actor_id WHERE s.case_id = ${caseThreads.id})`.mapWith(
        json<StatusChange[]>,
      ),
      openFlags:
        sql<number>`(SELECT count(*) FROM case_flags f WHERE f.case_id = ${caseThreads.id} AND f.resolved_at IS NULL)`.mapWith(
          Number,
        ),
    })
    .from(caseThreads)
    .innerJoin(users, eq(users.id, caseThreads.authorId))
    .innerJoin(institutions, eq(institutions.id, caseThreads.institutionId))
    .leftJoin(statusActor, eq(statusActor.id, caseThreads.statusChangedBy))
    .where(eq(caseThreads.code, code))
    .limit(1)
  return row ?? null
}

async function loadReplies(caseId: string, from: number, to: number) {
  return db
    .select({
      id: caseReplies.id,
      number: caseReplies.number,
      authorId: caseReplies.authorId,
      authorName: users.name,
      authorRole: users.role,
      authorPositionKind: users.positionKind,
      authorPosition: users.position,
      institutionName: institutions.name,
      bodyDoc: caseReplies.bodyDoc,
      hiddenAt: caseReplies.hiddenAt,
      editedAt: caseReplies.editedAt,
      createdAt: caseReplies.createdAt,
      quotedNumber: quoted.number,
      quotedAuthorName: quotedAuthor.name,
      quotedExcerpt: sql<string | null>`CASE WHEN ${quoted.hiddenAt} IS NULL THEN left(${quoted.bodyText}, 280) END`,
    })
    .from(caseReplies)
    .innerJoin(users, eq(users.id, caseReplies.authorId))
    .innerJoin(institutions, eq(institutions.id, users.institutionId))
    .leftJoin(quoted, eq(quoted.id, caseReplies.quotedReplyId))
    .leftJoin(quotedAuthor, eq(quotedAuthor.id, quoted.authorId))
    .where(and(eq(caseReplies.caseId, caseId), between(caseReplies.number, from, to)))
    .orderBy(asc(caseReplies.number))
}

/**
 * Everything the case page shows, in three queries whatever the number of replies (one page of
 * at most 100 replies), and the view recorded in the access log.
 */
export async function loadCasePage(actor: CaseActor, rawCode: string, options: { page?: number; quote?: number } = {}) {
  if (!can(actor, 'case:read')) throw new Response('Forbidden', { status: 403 })
  const code = normaliseCaseCode(rawCode)
  if (!code) notFound()
  const thread = await loadThread(actor, code)
  if (!thread) notFound()
  const moderator = can(actor, 'case:moderate')
  const pages = Math.max(1, Math.ceil(thread.replyCount / REPLIES_PER_PAGE))
  const page = Math.min(Math.max(1, options.page ?? 1), pages)
  const from = (page - 1) * REPLIES_PER_PAGE + 1
  const replies = await loadReplies(thread.id, from, page * REPLIES_PER_PAGE)
  const lastShown = replies.at(-1)?.number ?? 0
  await recordCaseView(db, thread.id, actor.id, lastShown)
  const quoting = options.quote ? replies.find((r) => r.number === options.quote && !r.hiddenAt) : undefined
  const firstUnread =
    thread.lastReadNumber !== null && thread.lastReadNumber < thread.replyCount ? thread.lastReadNumber + 1 : null
  const isAuthor = thread.authorId === actor.id
  // Hidden posts are shown to coordinators only; the rest read a placeholder.
  const shown = (hiddenAt: unknown, doc: RichTextDoc) => (hiddenAt && !moderator ? null : doc)
  const descriptionDoc = shown(thread.hiddenAt, thread.descriptionDoc)
  const replyDocs = replies.map((r) => shown(r.hiddenAt, r.bodyDoc))
  const cards = await practiceCards(actor, linkedPracticeSlugs(descriptionDoc, thread.accepted?.bodyDoc, ...replyDocs))
  const people = await mentionedPeople(
    [descriptionDoc, thread.accepted?.bodyDoc ?? null, ...replyDocs],
    replies.map((r) => r.quotedExcerpt ?? ''),
  )
  const locked = lockedFor(actor, thread)
  return {
    practiceCards: Object.fromEntries(cards.map((card) => [card.slug, card])),
    thread: {
      ...thread,
      title: caseTitleFor(actor, thread),
      descriptionDoc: compactDoc(people.doc(descriptionDoc)),
      accepted: thread.accepted
        ? { ...thread.accepted, bodyDoc: compactDoc(people.doc(thread.accepted.bodyDoc)) }
        : null,
    },
    replies: replies.map((r, i) => ({
      ...r,
      bodyDoc: compactDoc(people.doc(replyDocs[i])),
      quotedExcerpt: r.quotedExcerpt === null ? null : people.text(r.quotedExcerpt),
      canEdit: (r.authorId === actor.id || can(actor, 'case:edit')) && (!r.hiddenAt || moderator),
    })),
    page,
    pages,
    firstUnread: firstUnread ? { number: firstUnread, page: replyPage(firstUnread) } : null,
    quoting: quoting ? { id: quoting.id, number: quoting.number, authorName: quoting.authorName } : null,
    permissions: {
      reply: can(actor, 'case:reply') && !locked,
      edit: can(actor, 'case:edit', { authorId: thread.authorId }) && !locked,
      status: can(actor, 'case:edit', { authorId: thread.authorId }),
      accept: can(actor, 'case:accept', { authorId: thread.authorId }),
      moderate: moderator,
      viewers: can(actor, 'case:viewers'),
      history: moderator || isAuthor,
      flag: can(actor, 'case:flag'),
      overridePrivacy: can(actor, 'privacy:override'),
    },
    transitions: allowedTransitions(thread.status),
  }
}

export type CasePage = Awaited<ReturnType<typeof loadCasePage>>
