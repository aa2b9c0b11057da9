/* eslint-disable max-len -- the case page's queries are being reworked for speed; wrap them when that lands */
import { and, asc, between, eq, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'

import { db, prepared } from '../../../db/client.server'
import { caseReplies, caseThreads, institutions, users } from '../../../db/schema'
import type { CaseOutcome, CaseStatus } from '../../../db/schema/cases'
import type { InstitutionKind } from '../../../db/schema/identity'
import { getEnv } from '../../env.server'
import { mentionedPeople } from '../identity/mentions.server'
import { can } from '../identity/permissions'
import { notFound } from '../platform/http.server'
import { pageOnlyHtml } from '../platform/page-html.server'
import { pageCount } from '../platform/paging'
import { practiceCards } from '../practices/practices.server'
import type { RichTextDoc } from '../richtext/document'
import { RICH_TEXT_HTML_VERSION } from '../richtext/html.server'
import { caseTitleFor, lockedFor, type CaseActor } from './access.server'
import { allowedTransitions } from './cases.server'
import { normaliseCaseCode } from './codes'
import { isCurrentHtml, refreshPostHtml, type RenderedPost } from './post-html.server'
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
  bodyHtml: string
  bodyPractices: string[]
  htmlVersion: number
  /** Only when the stored HTML is not from the current renderer. */
  staleDoc: RichTextDoc | null
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

const threadQuery = () =>
  prepared('case-page-thread', (database) =>
    database
      .select({
        id: caseThreads.id,
        code: caseThreads.code,
        title: caseThreads.title,
        descriptionHtml: caseThreads.descriptionHtml,
        descriptionPractices: caseThreads.descriptionPractices,
        htmlVersion: caseThreads.htmlVersion,
        // The document is read only when its stored HTML must be rendered again.
        staleDoc:
          sql<RichTextDoc | null>`CASE WHEN ${caseThreads.htmlVersion} <> ${RICH_TEXT_HTML_VERSION} THEN ${caseThreads.descriptionDoc} END`.mapWith(
            json<RichTextDoc | null>,
          ),
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
          sql<boolean>`EXISTS (SELECT 1 FROM case_watchers w WHERE w.case_id = ${caseThreads.id} AND w.user_id = ${sql.placeholder('actorId')})`.mapWith(
            Boolean,
          ),
        watcherCount: sql<number>`(SELECT count(*) FROM case_watchers w WHERE w.case_id = ${caseThreads.id})`.mapWith(
          Number,
        ),
        lastReadNumber: sql<
          number | null
        >`(SELECT r.last_read_number FROM case_reads r WHERE r.case_id = ${caseThreads.id} AND r.user_id = ${sql.placeholder('actorId')})`,
        accepted:
          sql<AcceptedReply | null>`(SELECT json_build_object('id', r.id, 'number', r.number, 'bodyHtml', r.body_html, 'bodyPractices', r.body_practices, 'htmlVersion', r.html_version, 'staleDoc', CASE WHEN r.html_version <> ${RICH_TEXT_HTML_VERSION} THEN r.body_doc END, 'authorName', u.name, 'createdAt', r.created_at)
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
      .where(eq(caseThreads.code, sql.placeholder('code')))
      .limit(1)
      .prepare('case_page_thread'),
  )

/**
 * The case with everything around it in one query: people, institutions, watch and read state, solution, status
 * history.
 */
async function loadThread(actor: CaseActor, code: string) {
  const [row] = await threadQuery().execute({ code, actorId: actor.id })
  return row ?? null
}

const repliesQuery = () =>
  prepared('case-page-replies', (database) =>
    database
      .select({
        id: caseReplies.id,
        number: caseReplies.number,
        authorId: caseReplies.authorId,
        authorName: users.name,
        authorRole: users.role,
        authorPositionKind: users.positionKind,
        authorPosition: users.position,
        institutionName: institutions.name,
        bodyHtml: caseReplies.bodyHtml,
        bodyPractices: caseReplies.bodyPractices,
        htmlVersion: caseReplies.htmlVersion,
        staleDoc:
          sql<RichTextDoc | null>`CASE WHEN ${caseReplies.htmlVersion} <> ${RICH_TEXT_HTML_VERSION} THEN ${caseReplies.bodyDoc} END`.mapWith(
            json<RichTextDoc | null>,
          ),
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
      .where(
        and(
          eq(caseReplies.caseId, sql.placeholder('caseId')),
          between(caseReplies.number, sql.placeholder('from'), sql.placeholder('to')),
        ),
      )
      .orderBy(asc(caseReplies.number))
      .prepare('case_page_replies'),
  )

/** One page of replies (numbers `from`…`to`), with their authors and what they quote. */
async function loadReplies(caseId: string, from: number, to: number) {
  return repliesQuery().execute({ caseId, from, to })
}

/** Replies on one page of a case (`CASE_PAGE_SIZE`). */
export const casePageSize = () => getEnv().CASE_PAGE_SIZE

/** The page a reply is on. */
export const replyPage = (number: number) => pageCount(number, casePageSize())

/** A reply's stored HTML under the names `currentHtml` reads. */
function storedReply(r: {
  id: string
  htmlVersion: number
  staleDoc: RichTextDoc | null
  bodyHtml: string
  bodyPractices: string[]
}) {
  return { id: r.id, htmlVersion: r.htmlVersion, staleDoc: r.staleDoc, html: r.bodyHtml, practices: r.bodyPractices }
}

/** A post's stored HTML, rendered again first when it is from an older renderer (once: it is stored again). */
async function currentHtml(
  kind: 'description' | 'reply',
  post: { id: string; htmlVersion: number; staleDoc: RichTextDoc | null; html: string; practices: string[] },
): Promise<RenderedPost> {
  if (isCurrentHtml(post.htmlVersion) || !post.staleDoc) return { html: post.html, practices: post.practices }
  return refreshPostHtml(db, { kind, id: post.id, doc: post.staleDoc })
}

/**
 * Everything the case page shows, in three queries whatever the number of replies (one page of `CASE_PAGE_SIZE`
 * replies; `reply` opens the page a reply is on), and the view recorded in the access log. Posts come as their
 * stored HTML — the description and the solution in the page only when the server renders it (`pageOnlyHtml`), the
 * replies for `replyListHtml`; the editor's document is read only by the edit forms.
 */
export async function loadCasePage(
  actor: CaseActor,
  rawCode: string,
  options: { page?: number; reply?: number; quote?: number } = {},
  context?: unknown,
) {
  if (!can(actor, 'case:read')) throw new Response('Forbidden', { status: 403 })
  const code = normaliseCaseCode(rawCode)
  if (!code) notFound()
  const thread = await loadThread(actor, code)
  if (!thread) notFound()
  const moderator = can(actor, 'case:moderate')
  const size = casePageSize()
  const pages = pageCount(thread.replyCount, size)
  const wanted = options.reply ? replyPage(options.reply) : (options.page ?? 1)
  const page = Math.min(Math.max(1, wanted), pages)
  const from = (page - 1) * size + 1
  const replies = await loadReplies(thread.id, from, page * size)
  const lastShown = replies.at(-1)?.number ?? 0
  await recordCaseView(db, thread.id, actor.id, lastShown)
  const quoting = options.quote ? replies.find((r) => r.number === options.quote && !r.hiddenAt) : undefined
  const firstUnread =
    thread.lastReadNumber !== null && thread.lastReadNumber < thread.replyCount ? thread.lastReadNumber + 1 : null
  const isAuthor = thread.authorId === actor.id
  // Hidden posts are shown to coordinators only; the rest read a placeholder.
  const visible = (hiddenAt: unknown) => !hiddenAt || moderator
  const description = visible(thread.hiddenAt)
    ? await currentHtml('description', {
        ...thread,
        html: thread.descriptionHtml,
        practices: thread.descriptionPractices,
      })
    : null
  const accepted = thread.accepted ? await currentHtml('reply', storedReply(thread.accepted)) : null
  const bodies = await Promise.all(
    replies.map((r) => (visible(r.hiddenAt) ? currentHtml('reply', storedReply(r)) : null)),
  )
  const shown = [description, accepted, ...bodies].filter((b): b is RenderedPost => b !== null)
  const cards = await practiceCards(actor, [...new Set(shown.flatMap((b) => b.practices))])
  const people = await mentionedPeople([], [...shown.map((b) => b.html), ...replies.map((r) => r.quotedExcerpt ?? '')])
  /** A post: its HTML with current names in the mentions, and its practice links. */
  const withNames = (body: RenderedPost | null) =>
    body ? { html: people.html(body.html), practices: body.practices } : null
  /** A post the page shows by itself (the replies go into the page as one list: `replyListHtml`). */
  const post = (key: string, body: RenderedPost | null) => {
    const named = withNames(body)
    return named ? { ...named, html: pageOnlyHtml(context, key, named.html) } : null
  }
  const locked = lockedFor(actor, thread)
  const {
    descriptionHtml: _html,
    descriptionPractices: _practices,
    htmlVersion: _version,
    staleDoc: _doc,
    accepted: acceptedRow,
    ...threadFields
  } = thread
  return {
    practiceCards: Object.fromEntries(cards.map((card) => [card.slug, card])),
    thread: {
      ...threadFields,
      title: caseTitleFor(actor, thread),
      description: post('description', description),
      accepted:
        acceptedRow && accepted
          ? {
              id: acceptedRow.id,
              number: acceptedRow.number,
              authorName: acceptedRow.authorName,
              createdAt: acceptedRow.createdAt,
              body: post('accepted', accepted),
            }
          : null,
    },
    // Each field named (not a rest pattern, which V8 copies through a slow runtime call: 2 % of the page's CPU).
    replies: replies.map((r, i) => ({
      id: r.id,
      number: r.number,
      authorId: r.authorId,
      authorName: r.authorName,
      authorRole: r.authorRole,
      authorPositionKind: r.authorPositionKind,
      authorPosition: r.authorPosition,
      institutionName: r.institutionName,
      hiddenAt: r.hiddenAt,
      editedAt: r.editedAt,
      createdAt: r.createdAt,
      quotedNumber: r.quotedNumber,
      quotedAuthorName: r.quotedAuthorName,
      body: withNames(bodies[i]),
      quotedExcerpt: r.quotedExcerpt === null ? null : people.text(r.quotedExcerpt),
      canEdit: (r.authorId === actor.id || can(actor, 'case:edit')) && (!r.hiddenAt || moderator),
    })),
    page,
    pages,
    pageSize: size,
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
