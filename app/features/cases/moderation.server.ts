import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'

import { db } from '../../../db/client.server'
import { caseFlags, caseReplies, caseThreads, users } from '../../../db/schema'
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

/** Hides or shows a post; hiding resolves the open flags on it. */
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
      await tx
        .update(caseFlags)
        .set({ resolvedAt: new Date(), resolvedBy: actor.id, resolution: 'hidden' })
        .where(and(eq(caseFlags.caseId, thread.id), samePost(input.replyId), isNull(caseFlags.resolvedAt)))
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

/** The coordinators' queue: open flags, oldest first, with an excerpt of the flagged post. */
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
