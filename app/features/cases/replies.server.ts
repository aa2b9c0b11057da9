import { and, eq } from 'drizzle-orm'

import { db, type Tx } from '../../../db/client.server'
import { caseReplies, caseRevisions, caseThreads } from '../../../db/schema'
import { enqueueSearch } from '../../../search/outbox'
import { mentionableIn, tokenizeDocMentions } from '../identity/mentions.server'
import { can, requirePermission } from '../identity/permissions'
import { notify } from '../notifications/inbox.server'
import { Refusal } from '../platform/refusal.server'
import { saveEdit } from '../platform/revisions.server'
import { enforcePrivacy, recordPrivacyOverride, redactSubmission, type WriteOptions } from '../privacy/guard.server'
import { toRichText, type RichText } from '../richtext/document'
import { requireCase, requireUnlocked, type CaseActor } from './access.server'
import { caseUrl } from './codes'
import { replyColumns } from './post-html.server'
import { addWatcher, markRead, watcherIds } from './watchers.server'

export interface ReplyInput {
  body: RichText
  quotedReplyId?: string | null
  /** Users picked in the mention field (in addition to @Names in the text). */
  mentionIds?: readonly string[]
}

/** The one-click redaction of a reply form (also the conference minutes): @mentions of colleagues stay. */
export async function redactReplyForm(actor: CaseActor, form: FormData, fields: string | readonly string[] = 'body') {
  const names = typeof fields === 'string' ? [fields] : fields
  const people = await mentionableIn(
    db,
    names.map((field) => String(form.get(field) ?? '')),
  )
  return redactSubmission(form, names, actor, { keep: people.map((p) => `@${p.name}`) })
}

/** The reply as stored: typed @names of colleagues become mention tokens, and the guard checks the rest. */
async function guardedReply(actor: CaseActor, input: ReplyInput, options: WriteOptions) {
  const mentioned = await tokenizeDocMentions(db, input.body.doc, input.mentionIds)
  const body = toRichText(mentioned.doc)
  const clearance = enforcePrivacy(actor, { body }, options.privacyOverride, { mentionNames: mentioned.names })
  return { body, clearance, mentionedIds: [...new Set([...mentioned.userIds, ...mentioned.pickedIds])] }
}

/**
 * Posts a reply (also used for conference minutes from the chat). The text passes the privacy
 * guard — @mentions of colleagues are not findings; the poster starts watching; watchers and the
 * mentioned are notified.
 */
export async function postCaseReply(
  actor: CaseActor,
  code: string,
  input: ReplyInput,
  options: WriteOptions & {
    /** Writes that belong to the reply (the actions agreed in conference minutes), in its transaction. */
    afterPost?: (tx: Tx, reply: { id: string; number: number }) => Promise<unknown>
  } = {},
) {
  requirePermission(actor, 'case:reply')
  const preview = await requireCase(db, actor, code)
  const { body, clearance, mentionedIds } = await guardedReply(actor, input, options)
  return db.transaction(async (tx) => {
    // The case row is locked: reply numbers and the reply count must not race between two posters.
    const thread = await requireCase(tx, actor, preview.code, 'case:read', { forUpdate: true })
    requireUnlocked(actor, thread)
    if (input.quotedReplyId) {
      const [quoted] = await tx
        .select({ id: caseReplies.id })
        .from(caseReplies)
        .where(and(eq(caseReplies.id, input.quotedReplyId), eq(caseReplies.caseId, thread.id)))
      if (!quoted) throw new Refusal('cases.error.quoteNotFound', { status: 409 })
    }
    const number = thread.replyCount + 1
    const [reply] = await tx
      .insert(caseReplies)
      .values({
        caseId: thread.id,
        number,
        authorId: actor.id,
        bodyDoc: body.doc,
        bodyText: body.text,
        ...replyColumns(body.doc),
        quotedReplyId: input.quotedReplyId ?? null,
      })
      .returning({ id: caseReplies.id, number: caseReplies.number })
    await tx
      .update(caseThreads)
      .set({ replyCount: number, lastActivityAt: new Date() })
      .where(eq(caseThreads.id, thread.id))
    await addWatcher(tx, thread.id, actor.id)
    await markRead(tx, thread.id, actor.id, number)
    await enqueueSearch(tx, 'case', thread.id)
    await recordPrivacyOverride(tx, actor, clearance, { type: 'case_reply', id: reply.id })
    await options.afterPost?.(tx, reply)
    const url = caseUrl(thread.code, { reply: number })
    const params = { actor: actor.name, code: thread.code }
    await notify(tx, {
      userIds: mentionedIds,
      kind: 'case.mention',
      messageKey: 'cases.notify.mention',
      params,
      url,
      exceptUserId: actor.id,
    })
    const mentioned = new Set(mentionedIds)
    const watchers = (await watcherIds(tx, thread.id)).filter((id) => !mentioned.has(id))
    await notify(tx, {
      userIds: watchers,
      kind: 'case.reply',
      messageKey: 'cases.notify.reply',
      params,
      url,
      exceptUserId: actor.id,
    })
    return { id: reply.id, number: reply.number, code: thread.code, url }
  })
}

async function requireReply(caseId: string, replyId: string) {
  const [reply] = await db
    .select()
    .from(caseReplies)
    .where(and(eq(caseReplies.id, replyId), eq(caseReplies.caseId, caseId)))
  if (!reply) throw new Refusal('cases.error.replyNotFound', { status: 409 })
  return reply
}

/** A reply and its case for the edit form: the reply's author or a coordinator. */
export async function getReplyForEdit(actor: CaseActor, code: string, replyId: string) {
  const thread = await requireCase(db, actor, code)
  const reply = await requireReply(thread.id, replyId)
  requirePermission(actor, 'case:edit', { authorId: reply.authorId })
  return { thread, reply }
}

/** Edits a reply; the previous text is kept in the history. */
export async function editCaseReply(
  actor: CaseActor,
  code: string,
  replyId: string,
  input: ReplyInput,
  options: WriteOptions = {},
) {
  const { thread, reply } = await getReplyForEdit(actor, code, replyId)
  const moderator = can(actor, 'case:moderate')
  if (reply.hiddenAt && !moderator) throw new Refusal('cases.error.hidden', { status: 409 })
  requireUnlocked(actor, thread)
  const { body, clearance } = await guardedReply(actor, { body: input.body }, options)
  return db.transaction(async (tx) => {
    await saveEdit(tx, {
      table: caseReplies,
      id: reply.id,
      set: { bodyDoc: body.doc, bodyText: body.text, ...replyColumns(body.doc), editedAt: new Date() },
      revision: {
        into: caseRevisions,
        values: {
          caseId: thread.id,
          replyId: reply.id,
          editorId: actor.id,
          previousDoc: reply.bodyDoc,
          previousText: reply.bodyText,
        },
      },
    })
    await enqueueSearch(tx, 'case', thread.id)
    await recordPrivacyOverride(tx, actor, clearance, { type: 'case_reply', id: reply.id })
    return {
      code: thread.code,
      url: caseUrl(thread.code, { reply: reply.number }),
    }
  })
}

/** Marks one reply as the accepted solution (author of the case or a coordinator); null unmarks. */
export async function acceptReply(actor: CaseActor, code: string, replyId: string | null) {
  const thread = await requireCase(db, actor, code, 'case:accept')
  const reply = replyId ? await requireReply(thread.id, replyId) : null
  if (reply?.hiddenAt) throw new Refusal('cases.error.hidden', { status: 409 })
  await db.transaction(async (tx) => {
    await tx
      .update(caseThreads)
      .set({ acceptedReplyId: reply?.id ?? null })
      .where(eq(caseThreads.id, thread.id))
    if (reply) {
      await notify(tx, {
        userIds: [reply.authorId],
        kind: 'case.accepted',
        messageKey: 'cases.notify.accepted',
        params: { actor: actor.name, code: thread.code },
        url: caseUrl(thread.code, { reply: reply.number }),
        exceptUserId: actor.id,
      })
    }
  })
  return { code: thread.code }
}
