import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'

import { db, type Tx } from '../../../db/client.server'
import { caseFlags, caseReplies, caseRevisions, caseThreads, users } from '../../../db/schema'
import type { FlagReason } from '../../../db/schema/cases'
import { enqueueSearch } from '../../../search/outbox'
import { recordAudit } from '../audit/audit.server'
import { mentionedPeople } from '../identity/mentions.server'
import { roleMay } from '../identity/people.server'
import { requirePermission } from '../identity/permissions'
import { notify } from '../notifications/inbox.server'
import { Refusal } from '../platform/refusal.server'
import { enforcePrivacy } from '../privacy/guard.server'
import { requireCase, type CaseActor } from './access.server'
import { caseUrl } from './codes'

async function requirePost(caseId: string, replyId: string | null) {
  if (!replyId) return null
  const [reply] = await db
    .select({ id: caseReplies.id, number: caseReplies.number })
    .from(caseReplies)
    .where(and(eq(caseReplies.id, replyId), eq(caseReplies.caseId, caseId)))
  if (!reply) throw new Refusal('cases.error.replyNotFound', { status: 409 })
  return reply
}

const samePost = (replyId: string | null) => (replyId ? eq(caseFlags.replyId, replyId) : isNull(caseFlags.replyId))

/**
 * Deletes the earlier versions of one post (a reply, or the opening post with its earlier titles when replyId is
 * null). The audit entry says which post and how many versions, never what they said.
 */
async function eraseRevisions(
  tx: Tx,
  actor: CaseActor,
  post: { caseId: string; replyId: string | null },
  cause: 'request' | 'personal_data_flag',
): Promise<number> {
  const erased = await tx
    .delete(caseRevisions)
    .where(
      and(
        eq(caseRevisions.caseId, post.caseId),
        post.replyId ? eq(caseRevisions.replyId, post.replyId) : isNull(caseRevisions.replyId),
      ),
    )
    .returning({ id: caseRevisions.id })
  if (erased.length === 0) return 0
  await recordAudit(tx, {
    actorId: actor.id,
    action: 'case.post.history.erase',
    targetType: post.replyId ? 'case_reply' : 'case',
    targetId: post.replyId ?? post.caseId,
    details: { caseId: post.caseId, revisions: erased.length, cause },
  })
  return erased.length
}

/**
 * Erases the edit history of one post (coordinators): personal data corrected in the post, or in a post since hidden,
 * must not stay readable in its earlier versions. The post itself is not changed.
 */
export async function erasePostHistory(actor: CaseActor, code: string, input: { replyId: string | null }) {
  const thread = await requireCase(db, actor, code, 'case:erase-history')
  const reply = await requirePost(thread.id, input.replyId)
  const erased = await db.transaction((tx) =>
    eraseRevisions(tx, actor, { caseId: thread.id, replyId: reply?.id ?? null }, 'request'),
  )
  return { code: thread.code, erased }
}

/** Any staff member flags a post (the opening post when replyId is null); coordinators are notified. */
export async function flagPost(
  actor: CaseActor,
  code: string,
  input: { replyId: string | null; reason: FlagReason; note: string },
) {
  requirePermission(actor, 'case:flag')
  const thread = await requireCase(db, actor, code)
  const reply = await requirePost(thread.id, input.replyId)
  // The note is read by coordinators: it says what is wrong, never repeats the personal data.
  if (input.note) enforcePrivacy(actor, { note: input.note })
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: caseFlags.id })
      .from(caseFlags)
      .where(
        and(
          eq(caseFlags.caseId, thread.id),
          samePost(input.replyId),
          eq(caseFlags.reporterId, actor.id),
          isNull(caseFlags.resolvedAt),
        ),
      )
    if (existing) throw new Refusal('cases.error.duplicateFlag', { status: 409 })
    const [flag] = await tx
      .insert(caseFlags)
      .values({
        caseId: thread.id,
        replyId: reply?.id ?? null,
        reporterId: actor.id,
        reason: input.reason,
        note: input.note,
      })
      .returning({ id: caseFlags.id })
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'case.flag',
      targetType: reply ? 'case_reply' : 'case',
      targetId: reply?.id ?? thread.id,
      details: { reason: input.reason, flagId: flag.id },
    })
    const moderators = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(roleMay('case:moderate'), eq(users.status, 'approved')))
    await notify(tx, {
      userIds: moderators.map((m) => m.id),
      kind: 'case.flag',
      messageKey: 'cases.notify.flag',
      params: { code: thread.code },
      url: '/cases/moderation',
      exceptUserId: actor.id,
    })
    return flag
  })
}

/**
 * Hides or shows a post; hiding resolves the open flags on it. A post hidden over a personal-data flag loses its edit
 * history too (its earlier versions hold the same data); its current text stays for a possible unhide.
 */
export async function setPostHidden(
  actor: CaseActor,
  code: string,
  input: { replyId: string | null; hidden: boolean },
) {
  const thread = await requireCase(db, actor, code, 'case:moderate')
  const reply = await requirePost(thread.id, input.replyId)
  const hiddenAt = input.hidden ? new Date() : null
  await db.transaction(async (tx) => {
    if (reply) await tx.update(caseReplies).set({ hiddenAt }).where(eq(caseReplies.id, reply.id))
    else await tx.update(caseThreads).set({ hiddenAt }).where(eq(caseThreads.id, thread.id))
    if (input.hidden) {
      const resolved = await tx
        .update(caseFlags)
        .set({ resolvedAt: new Date(), resolvedBy: actor.id, resolution: 'hidden' })
        .where(and(eq(caseFlags.caseId, thread.id), samePost(input.replyId), isNull(caseFlags.resolvedAt)))
        .returning({ reason: caseFlags.reason })
      if (resolved.some((flag) => flag.reason === 'personal_data'))
        await eraseRevisions(tx, actor, { caseId: thread.id, replyId: reply?.id ?? null }, 'personal_data_flag')
    }
    if (thread.acceptedReplyId && reply && thread.acceptedReplyId === reply.id && input.hidden) {
      await tx.update(caseThreads).set({ acceptedReplyId: null }).where(eq(caseThreads.id, thread.id))
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: input.hidden ? 'case.post.hide' : 'case.post.unhide',
      targetType: reply ? 'case_reply' : 'case',
      targetId: reply?.id ?? thread.id,
      details: { caseId: thread.id },
    })
    await enqueueSearch(tx, 'case', thread.id)
  })
  return { code: thread.code }
}

export async function dismissFlag(actor: CaseActor, flagId: string) {
  requirePermission(actor, 'case:moderate')
  await db.transaction(async (tx) => {
    const [flag] = await tx
      .update(caseFlags)
      .set({ resolvedAt: new Date(), resolvedBy: actor.id, resolution: 'dismissed' })
      .where(and(eq(caseFlags.id, flagId), isNull(caseFlags.resolvedAt)))
      .returning({ id: caseFlags.id, caseId: caseFlags.caseId })
    if (flag)
      await recordAudit(tx, {
        actorId: actor.id,
        action: 'case.flag.dismiss',
        targetType: 'case_flag',
        targetId: flag.id,
        details: { caseId: flag.caseId },
      })
  })
}

/** A locked case takes replies from coordinators only. */
export async function setCaseLocked(actor: CaseActor, code: string, locked: boolean) {
  const thread = await requireCase(db, actor, code, 'case:moderate')
  await db.transaction(async (tx) => {
    await tx
      .update(caseThreads)
      .set({ lockedAt: locked ? new Date() : null })
      .where(eq(caseThreads.id, thread.id))
    await recordAudit(tx, {
      actorId: actor.id,
      action: locked ? 'case.lock' : 'case.unlock',
      targetType: 'case',
      targetId: thread.id,
    })
  })
  return { code: thread.code }
}

const reporters = alias(users, 'reporter')

/**
 * The coordinators' queue: open flags, oldest first, with an excerpt of the flagged post, its count of earlier versions
 * and whether it has an open flag about personal data.
 */
export async function listFlagQueue(actor: CaseActor) {
  requirePermission(actor, 'case:moderate')
  const rows = await db
    .select({
      id: caseFlags.id,
      reason: caseFlags.reason,
      note: caseFlags.note,
      createdAt: caseFlags.createdAt,
      reporterName: reporters.name,
      code: caseThreads.code,
      caseTitle: caseThreads.title,
      replyId: caseFlags.replyId,
      replyNumber: caseReplies.number,
      excerpt: sql<string>`left(coalesce(${caseReplies.bodyText}, ${caseThreads.descriptionText}), 300)`,
      hidden: sql<boolean>`coalesce(${caseReplies.hiddenAt}, ${caseThreads.hiddenAt}) IS NOT NULL`,
      revisions: sql<number>`(
        SELECT count(*) FROM ${caseRevisions} v
        WHERE v.case_id = ${caseFlags.caseId} AND v.reply_id IS NOT DISTINCT FROM ${caseFlags.replyId}
      )`.mapWith(Number),
      // A hide resolves every open flag on the post: one about personal data (this or another) erases its history.
      personalData: sql<boolean>`EXISTS (SELECT 1 FROM ${caseFlags} p
        WHERE p.case_id = ${caseFlags.caseId} AND p.reply_id IS NOT DISTINCT FROM ${caseFlags.replyId}
          AND p.reason = 'personal_data' AND p.resolved_at IS NULL)`,
    })
    .from(caseFlags)
    .innerJoin(caseThreads, eq(caseThreads.id, caseFlags.caseId))
    .innerJoin(reporters, eq(reporters.id, caseFlags.reporterId))
    .leftJoin(caseReplies, eq(caseReplies.id, caseFlags.replyId))
    .where(isNull(caseFlags.resolvedAt))
    .orderBy(asc(caseFlags.createdAt))
    .limit(200)
  const people = await mentionedPeople(
    [],
    rows.map((r) => r.excerpt),
  )
  return rows.map((r) => ({
    ...r,
    excerpt: people.text(r.excerpt),
    url: r.replyNumber ? caseUrl(r.code, { reply: r.replyNumber }) : caseUrl(r.code, { anchor: 'case-description' }),
  }))
}

export async function openFlagCount(): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(caseFlags)
    .where(isNull(caseFlags.resolvedAt))
  return row?.n ?? 0
}
