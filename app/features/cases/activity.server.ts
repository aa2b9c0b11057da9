import { and, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm'

import { db } from '../../../db/client.server'
import { caseReplies, caseRevisions, caseViews, institutions, users } from '../../../db/schema'
import { mentionedPeople } from '../identity/mentions.server'
import { can } from '../identity/permissions'
import { forbidden } from '../platform/http.server'
import { pageCount } from '../platform/paging'
import { openingHiddenFor, requireCase, type CaseActor } from './access.server'

export const VIEWS_PER_PAGE = 100

/** The who-viewed-what log of one case, newest first (coordinators only). */
export async function listCaseViewers(actor: CaseActor, code: string, page = 1) {
  const thread = await requireCase(db, actor, code, 'case:viewers')
  const [summary] = await db
    .select({
      views: sql<number>`count(*)`.mapWith(Number),
      people: sql<number>`count(DISTINCT ${caseViews.userId})`.mapWith(Number),
    })
    .from(caseViews)
    .where(eq(caseViews.caseId, thread.id))
  const rows = await db
    .select({
      id: caseViews.id,
      viewedAt: caseViews.viewedAt,
      userName: users.name,
      role: users.role,
      institutionName: institutions.name,
    })
    .from(caseViews)
    .innerJoin(users, eq(users.id, caseViews.userId))
    .innerJoin(institutions, eq(institutions.id, users.institutionId))
    .where(eq(caseViews.caseId, thread.id))
    .orderBy(desc(caseViews.id))
    .limit(VIEWS_PER_PAGE)
    .offset((page - 1) * VIEWS_PER_PAGE)
  const views = summary?.views ?? 0
  return {
    thread,
    rows,
    views,
    people: summary?.people ?? 0,
    page,
    pages: pageCount(views, VIEWS_PER_PAGE),
  }
}

/**
 * Edit history: coordinators and the case's author see every revision; the author of a reply
 * sees the history of their own replies.
 */
export async function listCaseRevisions(actor: CaseActor, code: string) {
  const thread = await requireCase(db, actor, code)
  const moderator = can(actor, 'case:moderate')
  const seesAll = moderator || thread.authorId === actor.id
  // Earlier versions of a hidden post are as hidden as the post (its title included).
  const visiblePosts = moderator
    ? undefined
    : openingHiddenFor(actor, thread)
      ? and(isNotNull(caseRevisions.replyId), isNull(caseReplies.hiddenAt))
      : isNull(caseReplies.hiddenAt)
  const rows = await db
    .select({
      id: caseRevisions.id,
      replyId: caseRevisions.replyId,
      replyNumber: caseReplies.number,
      editorName: users.name,
      previousTitle: caseRevisions.previousTitle,
      previousDoc: caseRevisions.previousDoc,
      editedAt: caseRevisions.editedAt,
    })
    .from(caseRevisions)
    .innerJoin(users, eq(users.id, caseRevisions.editorId))
    .leftJoin(caseReplies, eq(caseReplies.id, caseRevisions.replyId))
    .where(
      and(eq(caseRevisions.caseId, thread.id), seesAll ? undefined : eq(caseReplies.authorId, actor.id), visiblePosts),
    )
    .orderBy(desc(caseRevisions.id))
    .limit(500)
  if (!seesAll && rows.length === 0) forbidden()
  const people = await mentionedPeople(rows.map((r) => r.previousDoc))
  return { thread, rows: rows.map((r) => ({ ...r, previousDoc: people.doc(r.previousDoc) })) }
}
