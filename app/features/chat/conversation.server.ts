import { and, asc, desc, eq, gt, inArray, lt, lte, sql } from 'drizzle-orm'

import { db, queryRows, type DbOrTx } from '../../../db/client.server'
import { chatMessageRevisions, chatMessages, users } from '../../../db/schema'
import { recordAudit } from '../audit/audit.server'
import { tokenizeMentions, type Tokenized } from '../identity/mentions'
import { mentionedPeople } from '../identity/mentions.server'
import { notify } from '../notifications/inbox.server'
import { hitRateLimit, type RateLimitRule } from '../platform/rate-limit.server'
import { isUniqueViolation } from '../platform/sql.server'
import { checkPrivacy, PrivacyBlockedError, redactSubmission } from '../privacy/guard.server'
import { normalizeText } from '../privacy/normalize'
import { chatRefusal } from './errors'
import { emitToRoom } from './realtime.server'
import { listMembers, requireRoomAccess, type ChatActor, type RoomAccess } from './rooms.server'
import { EDIT_WINDOW_MS, HISTORY_PAGE_SIZE, MESSAGE_MAX_LENGTH, SYNC_BATCH_SIZE, type ChatMessageView } from './types'

/** Per user, shared by every process: a burst is fine, a flood is not. */
export const CHAT_RATE_LIMIT: RateLimitRule = { bucket: 'chat', limit: 30, windowSeconds: 30 }

type MessageRow = typeof chatMessages.$inferSelect

const viewColumns = {
  message: chatMessages,
  authorName: users.name,
}

function toView(row: MessageRow, authorName: string | null): ChatMessageView {
  return {
    id: row.id,
    roomId: row.roomId,
    seq: row.seq,
    authorId: row.authorId,
    authorName: authorName ?? '',
    clientId: row.clientId,
    body: row.deletedAt ? '' : row.body,
    mentions: row.deletedAt ? [] : row.mentions,
    createdAt: new Date(row.createdAt).toISOString(),
    editedAt: row.editedAt ? new Date(row.editedAt).toISOString() : null,
    deletedAt: row.deletedAt ? new Date(row.deletedAt).toISOString() : null,
  }
}

function selectViews(runner: DbOrTx = db) {
  return runner.select(viewColumns).from(chatMessages).leftJoin(users, eq(users.id, chatMessages.authorId))
}

/** Messages as members read them: mention tokens shown as the colleagues' current names. */
async function toViews(
  rows: readonly { message: MessageRow; authorName: string | null }[],
): Promise<ChatMessageView[]> {
  const people = await mentionedPeople(
    [],
    rows.map((r) => r.message.body),
  )
  return rows.map((r) => {
    const view = toView(r.message, r.authorName)
    return { ...view, body: people.text(view.body) }
  })
}

const oneView = async (row: MessageRow, authorName: string | null) => (await toViews([{ message: row, authorName }]))[0]

/** Normalises, trims and checks length; the error is what the composer shows. */
export function cleanBody(raw: unknown): string {
  const body = typeof raw === 'string' ? normalizeText(raw.replace(/\r\n?/g, '\n')).trim() : ''
  if (!body) throw chatRefusal('chat.error.empty', { field: 'body' })
  if (body.length > MESSAGE_MAX_LENGTH) throw chatRefusal('chat.error.tooLong', { field: 'body' })
  return body
}

/**
 * The message as stored: typed @names of room members become mention tokens, and the guard checks
 * the rest (mentions shown as names, exempt because they are members picked by identity).
 */
async function guardedBody(roomId: string, body: string): Promise<Tokenized> {
  // Only a message with an @ can mention someone: the member list is read just for those.
  const members = body.includes('@') ? await listMembers(roomId) : []
  const people = members.map((m) => ({ id: m.userId, name: m.name }))
  const tokenized = tokenizeMentions(body, people)
  const check = checkPrivacy({ body: tokenized.text }, { mentionNames: new Map(people.map((p) => [p.id, p.name])) })
  if (!check.clean) throw new PrivacyBlockedError(check)
  return tokenized
}

/** The one-click redaction of a message form: @mentions of room members stay as written. */
export async function redactMessageForm(actor: ChatActor, roomId: string, form: FormData) {
  await requireRoomAccess(actor, roomId)
  const keep = (await listMembers(roomId)).map((m) => `@${m.name}`)
  return redactSubmission(form, ['body'], actor, { keep })
}

function requireWritable(access: RoomAccess) {
  if (!access.canWrite) throw chatRefusal('chat.error.closed')
}

export interface PostResult {
  message: ChatMessageView
  /** The client re-sent a message the server already had (its acknowledgement was lost). */
  duplicate: boolean
}

async function findByClientId(roomId: string, authorId: string, clientId: string) {
  const [row] = await selectViews()
    .where(
      and(eq(chatMessages.roomId, roomId), eq(chatMessages.authorId, authorId), eq(chatMessages.clientId, clientId)),
    )
    .limit(1)
  return row ? oneView(row.message, row.authorName) : null
}

interface StoredRow {
  id: string
  room_id: string
  seq: number
  author_id: string | null
  client_id: string | null
  body: string
  mentions: string[] | string
  created_at: string | Date
}

function fromStored(row: StoredRow): MessageRow {
  const mentions = Array.isArray(row.mentions)
    ? row.mentions
    : row.mentions.replace(/[{}]/g, '').split(',').filter(Boolean)
  return {
    id: row.id,
    roomId: row.room_id,
    seq: Number(row.seq),
    authorId: row.author_id,
    clientId: row.client_id,
    body: row.body,
    mentions,
    createdAt: new Date(row.created_at),
    editedAt: null,
    deletedAt: null,
    deletedBy: null,
    changedAt: null,
  }
}

/**
 * One statement: take the room's next number, store the message, move the author's read pointer.
 * The UPDATE holds the room's row lock until commit, so concurrent senders are numbered one at a
 * time in commit order and the ids have no gaps (a failed insert rolls the number back).
 */
async function insertMessage(
  runner: DbOrTx,
  roomId: string,
  authorId: string,
  clientId: string | null,
  body: string,
  mentions: string[],
): Promise<MessageRow | null> {
  const mentionList = mentions.length
    ? sql`ARRAY[${sql.join(
        mentions.map((id) => sql`${id}`),
        sql`, `,
      )}]::uuid[]`
    : sql`'{}'::uuid[]`
  const [row] = await queryRows<StoredRow>(
    runner,
    sql`WITH next AS (
          UPDATE chat_rooms SET last_seq = last_seq + 1, last_message_at = now()
          WHERE id = ${roomId} AND closed_at IS NULL AND erased_at IS NULL
          RETURNING last_seq),
        stored AS (
          INSERT INTO chat_messages (room_id, seq, author_id, client_id, body, mentions)
          SELECT ${roomId}::uuid, last_seq, ${authorId}::uuid, ${clientId}::uuid, ${body}::text, ${mentionList}
          FROM next
          RETURNING id, room_id, seq, author_id, client_id, body, mentions, created_at),
        seen AS (
          UPDATE chat_members SET last_read_seq = stored.seq FROM stored
          WHERE chat_members.room_id = stored.room_id AND chat_members.user_id = stored.author_id)
        SELECT * FROM stored`,
  )
  return row ? fromStored(row) : null
}

/**
 * Stores a message, then broadcasts it. A resend with the same clientId (its acknowledgement was
 * lost) hits the unique key and gets the stored message back instead of a second copy. The socket
 * handler passes the access it checked when the socket joined the room; routes let it be checked here.
 */
export async function postMessage(
  actor: ChatActor,
  roomId: string,
  input: { body: unknown; clientId?: string | null },
  checked?: RoomAccess,
): Promise<PostResult> {
  const access = checked ?? (await requireRoomAccess(actor, roomId))
  requireWritable(access)
  const typed = cleanBody(input.body)
  const clientId = input.clientId ?? null
  const limit = await hitRateLimit(CHAT_RATE_LIMIT, actor.id)
  if (!limit.allowed) {
    const seconds = limit.retryAfterSeconds
    throw chatRefusal('chat.error.rateLimited', {
      field: 'body',
      params: { seconds },
      details: { retryAfterSeconds: seconds },
    })
  }
  const { text: body, userIds } = await guardedBody(roomId, typed)
  const mentions = userIds.filter((id) => id !== actor.id)

  let stored: MessageRow | null
  try {
    stored = mentions.length
      ? await db.transaction(async (tx) => {
          const row = await insertMessage(tx, roomId, actor.id, clientId, body, mentions)
          if (row) {
            await notify(tx, {
              userIds: mentions,
              kind: 'chat.mention',
              messageKey: 'chat.notify.mention',
              params: { room: access.room.title, by: actor.name },
              url: `/chat/${roomId}#m${row.seq}`,
              exceptUserId: actor.id,
            })
          }
          return row
        })
      : await insertMessage(db, roomId, actor.id, clientId, body, mentions)
  } catch (error) {
    if (clientId && isUniqueViolation(error)) {
      const existing = await findByClientId(roomId, actor.id, clientId)
      if (existing) return { message: existing, duplicate: true }
    }
    throw error
  }
  if (!stored) throw chatRefusal('chat.error.closed')
  const message = await oneView(stored, actor.name)
  emitToRoom(roomId, 'message:new', message)
  return { message, duplicate: false }
}

async function lockOwnMessage(
  tx: DbOrTx,
  actor: ChatActor,
  access: RoomAccess,
  roomId: string,
  seq: number,
  allowModerator: boolean,
) {
  const [row] = await tx
    .select()
    .from(chatMessages)
    .where(and(eq(chatMessages.roomId, roomId), eq(chatMessages.seq, seq)))
    .for('update')
  if (!row) throw chatRefusal('chat.error.notFound')
  if (row.deletedAt) throw chatRefusal('chat.error.deleted')
  const own = row.authorId === actor.id
  if (allowModerator && access.canModerate && !own) return { row, asModerator: true }
  if (!own) throw chatRefusal('chat.error.notAuthor')
  if (Date.now() - new Date(row.createdAt).getTime() > EDIT_WINDOW_MS) throw chatRefusal('chat.error.editWindow')
  return { row, asModerator: false }
}

/** An author may correct their message for 15 minutes; the earlier text stays for coordinators. */
export async function editMessage(
  actor: ChatActor,
  roomId: string,
  seq: number,
  rawBody: unknown,
): Promise<ChatMessageView> {
  const access = await requireRoomAccess(actor, roomId)
  requireWritable(access)
  const { text: body } = await guardedBody(roomId, cleanBody(rawBody))
  const updated = await db.transaction(async (tx) => {
    // Row lock: two edits of one message (two tabs) must not both read the same "previous text".
    const { row } = await lockOwnMessage(tx, actor, access, roomId, seq, false)
    if (row.body === body) return row
    await tx
      .insert(chatMessageRevisions)
      .values({ messageId: row.id, body: row.body, change: 'edit', changedBy: actor.id })
    const [next] = await tx
      .update(chatMessages)
      .set({ body, editedAt: new Date(), changedAt: new Date() })
      .where(eq(chatMessages.id, row.id))
      .returning()
    return next
  })
  const message = await oneView(updated, actor.name)
  emitToRoom(roomId, 'message:changed', message)
  return message
}

/**
 * Own messages within 15 minutes; coordinators may remove any message (moderation, audited). A message is deleted for
 * what it says (often it named someone), so its text goes with it — the body, its mentions and every earlier version;
 * only who deleted it and when stay.
 */
export async function deleteMessage(actor: ChatActor, roomId: string, seq: number): Promise<ChatMessageView> {
  const access = await requireRoomAccess(actor, roomId)
  const result = await db.transaction(async (tx) => {
    const { row, asModerator } = await lockOwnMessage(tx, actor, access, roomId, seq, true)
    await tx.delete(chatMessageRevisions).where(eq(chatMessageRevisions.messageId, row.id))
    const now = new Date()
    const [next] = await tx
      .update(chatMessages)
      .set({ body: '', mentions: [], deletedAt: now, deletedBy: actor.id, changedAt: now })
      .where(eq(chatMessages.id, row.id))
      .returning()
    if (asModerator) {
      await recordAudit(tx, {
        actorId: actor.id,
        action: 'chat.message.moderate-delete',
        targetType: 'chat_message',
        targetId: row.id,
        details: { roomId, seq },
      })
    }
    return next
  })
  const [author] = result.authorId
    ? await db.select({ name: users.name }).from(users).where(eq(users.id, result.authorId))
    : []
  const message = await oneView(result, author?.name ?? null)
  emitToRoom(roomId, 'message:changed', message)
  return message
}

/** The latest page, or the page before `beforeSeq` (cursor pagination, oldest first in the answer). */
export async function messagesBefore(
  roomId: string,
  beforeSeq: number | null,
  limit = HISTORY_PAGE_SIZE,
): Promise<{ messages: ChatMessageView[]; more: boolean }> {
  const rows = await selectViews()
    .where(and(eq(chatMessages.roomId, roomId), beforeSeq ? lt(chatMessages.seq, beforeSeq) : undefined))
    .orderBy(desc(chatMessages.seq))
    .limit(limit + 1)
  const more = rows.length > limit
  return { messages: await toViews(rows.slice(0, limit).reverse()), more }
}

/** Everything after the last message a client has, straight from the database. */
export async function messagesAfter(
  roomId: string,
  afterSeq: number,
  limit = SYNC_BATCH_SIZE,
): Promise<{ messages: ChatMessageView[]; more: boolean }> {
  const rows = await selectViews()
    .where(and(eq(chatMessages.roomId, roomId), gt(chatMessages.seq, afterSeq)))
    .orderBy(asc(chatMessages.seq))
    .limit(limit + 1)
  return { messages: await toViews(rows.slice(0, limit)), more: rows.length > limit }
}

/** Messages a client already has that were edited or deleted since it last heard from the server. */
export async function changedSince(roomId: string, since: Date, uptoSeq: number): Promise<ChatMessageView[]> {
  const rows = await selectViews()
    .where(and(eq(chatMessages.roomId, roomId), gt(chatMessages.changedAt, since), lte(chatMessages.seq, uptoSeq)))
    .orderBy(asc(chatMessages.seq))
    .limit(SYNC_BATCH_SIZE)
  return toViews(rows)
}

/** Selected messages by number, for the minutes. */
export async function messagesBySeq(roomId: string, seqs: readonly number[]): Promise<ChatMessageView[]> {
  if (seqs.length === 0) return []
  const rows = await selectViews()
    .where(
      and(eq(chatMessages.roomId, roomId), inArray(chatMessages.seq, [...new Set(seqs.map((s) => Math.floor(s)))])),
    )
    .orderBy(asc(chatMessages.seq))
  return toViews(rows)
}

export interface Revision {
  body: string
  change: 'edit' | 'delete'
  changedAt: Date
  changedByName: string | null
}

/** Earlier versions of a message: coordinators only. A deleted message has none: only who deleted it and when. */
export async function listRevisions(actor: ChatActor, roomId: string, seq: number): Promise<Revision[]> {
  const access = await requireRoomAccess(actor, roomId)
  if (!access.canModerate) throw chatRefusal('chat.error.forbidden')
  const [message] = await db
    .select({ id: chatMessages.id, deletedAt: chatMessages.deletedAt, deletedByName: users.name })
    .from(chatMessages)
    .leftJoin(users, eq(users.id, chatMessages.deletedBy))
    .where(and(eq(chatMessages.roomId, roomId), eq(chatMessages.seq, seq)))
  if (!message) return []
  if (message.deletedAt)
    return [{ body: '', change: 'delete', changedAt: message.deletedAt, changedByName: message.deletedByName }]
  const rows = await db
    .select({
      body: chatMessageRevisions.body,
      change: chatMessageRevisions.change,
      changedAt: chatMessageRevisions.changedAt,
      changedByName: users.name,
    })
    .from(chatMessageRevisions)
    .leftJoin(users, eq(users.id, chatMessageRevisions.changedBy))
    .where(eq(chatMessageRevisions.messageId, message.id))
    .orderBy(asc(chatMessageRevisions.id))
  const people = await mentionedPeople(
    [],
    rows.map((r) => r.body),
  )
  return rows.map((r) => ({ ...r, body: people.text(r.body) }))
}
