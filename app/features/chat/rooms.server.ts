import { and, asc, desc, eq, gte, inArray, isNull, lt, ne, sql } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'

import { db, type Tx } from '../../../db/client.server'
import { chatMembers, chatRooms, institutions, users } from '../../../db/schema'
import { recordAudit, type AuditEntry } from '../audit/audit.server'
import { approvedPeople, type PersonChoice } from '../identity/people.server'
import { can, requirePermission, type Actor } from '../identity/permissions'
import { notify } from '../notifications/inbox.server'
import { enforcePrivacy, recordPrivacyOverride, type PrivacyOverrideRequest } from '../privacy/guard.server'
import { caseForNewRoom, findCasesByIds, type LinkedCase } from './case-link.server'
import { roomChannel, userChannel } from './channels'
import { chatRefusal } from './errors'
import { chatServer } from './realtime.server'

export type ChatRoom = typeof chatRooms.$inferSelect
export type ChatActor = Actor & { name: string }

export interface RoomAccess {
  room: ChatRoom
  linkedCase: LinkedCase | null
  /** The actor's membership row; null for a coordinator reading a room they are not in. */
  member: typeof chatMembers.$inferSelect | null
  canModerate: boolean
  canInvite: boolean
  canWrite: boolean
}

export interface RoomMember {
  userId: string
  name: string
  institutionName: string
  lastReadSeq: number
}

/**
 * Who may be in a room: its members, and coordinators (who moderate). Everyone else — other staff,
 * parents, the public — gets 'forbidden' before any row of the room is read.
 */
export async function requireRoomAccess(actor: ChatActor, roomId: string): Promise<RoomAccess> {
  if (!can(actor, 'chat:use')) throw chatRefusal('chat.error.forbidden')
  const [row] = await db
    .select({ room: chatRooms, member: chatMembers })
    .from(chatRooms)
    .leftJoin(chatMembers, and(eq(chatMembers.roomId, chatRooms.id), eq(chatMembers.userId, actor.id)))
    .where(eq(chatRooms.id, roomId))
    .limit(1)
  if (!row) throw chatRefusal('chat.error.notFound')
  const canModerate = can(actor, 'chat:moderate')
  if (!row.member && !canModerate) throw chatRefusal('chat.error.forbidden')
  const linkedCase = row.room.caseId
    ? ((await findCasesByIds(actor, [row.room.caseId])).get(row.room.caseId) ?? null)
    : null
  const owner = row.room.createdBy === actor.id || linkedCase?.authorId === actor.id
  return {
    room: row.room,
    linkedCase,
    member: row.member,
    canModerate,
    canInvite: canModerate || (owner && !!row.member),
    canWrite: !row.room.closedAt && !row.room.erasedAt,
  }
}

export async function listMembers(roomId: string): Promise<RoomMember[]> {
  return db
    .select({
      userId: users.id,
      name: users.name,
      institutionName: institutions.name,
      lastReadSeq: chatMembers.lastReadSeq,
    })
    .from(chatMembers)
    .innerJoin(users, eq(users.id, chatMembers.userId))
    .innerJoin(institutions, eq(institutions.id, users.institutionId))
    .where(eq(chatMembers.roomId, roomId))
    .orderBy(asc(users.name))
}

export interface RoomSummary {
  id: string
  title: string
  scheduledAt: Date | null
  lastMessageAt: Date | null
  closedAt: Date | null
  unread: number
  caseCode: string | null
  memberCount: number
}

/** A room as the room lists show it (`unread` is added per list). */
const summaryColumns = {
  id: chatRooms.id,
  title: chatRooms.title,
  caseId: chatRooms.caseId,
  scheduledAt: chatRooms.scheduledAt,
  lastMessageAt: chatRooms.lastMessageAt,
  closedAt: chatRooms.closedAt,
  memberCount: sql<number>`(select count(*)::int from chat_members m where m.room_id = ${chatRooms.id})`,
}
const unreadExpr = sql<number>`greatest(${chatRooms.lastSeq} - ${chatMembers.lastReadSeq}, 0)::int`

/** The rooms I am in, most recently active first, with how many messages I have not read. */
export async function listMyRooms(actor: ChatActor): Promise<RoomSummary[]> {
  requirePermission(actor, 'chat:use')
  const rows = await db
    .select({
      ...summaryColumns,
      unread: unreadExpr,
    })
    .from(chatMembers)
    .innerJoin(chatRooms, eq(chatRooms.id, chatMembers.roomId))
    .where(and(eq(chatMembers.userId, actor.id), isNull(chatRooms.erasedAt)))
    .orderBy(
      sql`${chatRooms.closedAt} is not null`,
      desc(sql`coalesce(${chatRooms.lastMessageAt}, ${chatRooms.createdAt})`),
    )
  return withCaseCodes(actor, rows)
}

/** Coordinators see the rooms they are not in, to moderate them. */
export async function listOtherRooms(actor: ChatActor, limit = 50): Promise<RoomSummary[]> {
  if (!can(actor, 'chat:moderate')) return []
  const rows = await db
    .select({
      ...summaryColumns,
      unread: sql<number>`0`,
    })
    .from(chatRooms)
    .where(
      and(
        isNull(chatRooms.erasedAt),
        sql`not exists (select 1 from chat_members m where m.room_id = ${chatRooms.id} and m.user_id = ${actor.id})`,
      ),
    )
    .orderBy(desc(sql`coalesce(${chatRooms.lastMessageAt}, ${chatRooms.createdAt})`))
    .limit(limit)
  return withCaseCodes(actor, rows)
}

async function withCaseCodes<T extends { caseId: string | null }>(
  actor: Actor,
  rows: T[],
): Promise<(Omit<T, 'caseId'> & { caseCode: string | null })[]> {
  const cases = await findCasesByIds(
    actor,
    rows.flatMap((r) => (r.caseId ? [r.caseId] : [])),
  )
  return rows.map(({ caseId, ...rest }) => ({ ...rest, caseCode: caseId ? (cases.get(caseId)?.code ?? null) : null }))
}

/** The conferences I am invited to that are scheduled between two instants, soonest first (the home page). */
export async function myScheduledConferences(actor: ChatActor, from: Date, to: Date) {
  requirePermission(actor, 'chat:use')
  return db
    .select({ id: chatRooms.id, title: chatRooms.title, scheduledAt: chatRooms.scheduledAt })
    .from(chatMembers)
    .innerJoin(chatRooms, eq(chatRooms.id, chatMembers.roomId))
    .where(
      and(
        eq(chatMembers.userId, actor.id),
        isNull(chatRooms.erasedAt),
        isNull(chatRooms.closedAt),
        gte(chatRooms.scheduledAt, from),
        lt(chatRooms.scheduledAt, to),
      ),
    )
    .orderBy(asc(chatRooms.scheduledAt))
    .limit(20)
}

/**
 * The header badge: unread messages over all of a user's open rooms, as a query (read with the other badges at
 * once). `userId`: a user's id, or the column of an outer statement's user (the header's counters, nav.server.ts).
 */
export function unreadChatCountQuery(userId: string | AnyPgColumn) {
  return db
    .select({ n: sql<number>`coalesce(sum(greatest(${chatRooms.lastSeq} - ${chatMembers.lastReadSeq}, 0)), 0)::int` })
    .from(chatMembers)
    .innerJoin(chatRooms, eq(chatRooms.id, chatMembers.roomId))
    .where(and(eq(chatMembers.userId, userId), isNull(chatRooms.erasedAt)))
}

export async function unreadChatCount(userId: string): Promise<number> {
  const [row] = await unreadChatCountQuery(userId)
  return row?.n ?? 0
}

/** Moves my read pointer forward (never back, never past the last message). */
export async function markRead(actor: ChatActor, roomId: string, seq: number): Promise<void> {
  await db
    .update(chatMembers)
    .set({
      lastReadSeq: sql`greatest(
        ${chatMembers.lastReadSeq},
        least(${Math.max(0, Math.floor(seq))}, (select last_seq from chat_rooms where id = ${roomId}))
      )`,
    })
    .where(and(eq(chatMembers.roomId, roomId), eq(chatMembers.userId, actor.id)))
}

export interface NewRoomInput {
  title: string
  scheduledAt?: Date | null
  caseCode?: string | null
  memberIds: string[]
  retentionDays?: number
}

/**
 * Opens a room. A room on a case may be opened by the case's author or a coordinator; a
 * stand-alone room (e.g. a working group) by any staff member. The creator is a member.
 */
export async function createRoom(
  actor: ChatActor,
  input: NewRoomInput,
  privacyOverride: PrivacyOverrideRequest | null = null,
): Promise<ChatRoom> {
  requirePermission(actor, 'chat:create')
  // The title travels in invitations and e-mails: it must not name the child.
  const clearance = enforcePrivacy(actor, { title: input.title }, privacyOverride)
  let linkedCase: LinkedCase | null = null
  if (input.caseCode) {
    linkedCase = await caseForNewRoom(actor, input.caseCode)
    if (linkedCase.authorId !== actor.id && !can(actor, 'chat:moderate'))
      throw chatRefusal('chat.error.forbidden', { field: 'caseCode' })
  }
  const invited = await approvedUserIds(input.memberIds.filter((id) => id !== actor.id))
  return db.transaction(async (tx) => {
    const [room] = await tx
      .insert(chatRooms)
      .values({
        title: input.title,
        scheduledAt: input.scheduledAt ?? null,
        caseId: linkedCase?.id ?? null,
        createdBy: actor.id,
        ...(input.retentionDays ? { retentionDays: input.retentionDays } : {}),
      })
      .returning()
    await tx
      .insert(chatMembers)
      .values([actor.id, ...invited].map((userId) => ({ roomId: room.id, userId, invitedBy: actor.id })))
    await notifyInvited(tx, actor, room, invited)
    await auditRoom(tx, actor, 'chat.room.create', room.id, { members: invited.length + 1 })
    await recordPrivacyOverride(tx, actor, clearance, { type: 'chat_room', id: room.id })
    return room
  })
}

/** Records what someone did to a room, for the audit log (ids and counts only). */
function auditRoom(tx: Tx, actor: ChatActor, action: string, roomId: string, details: AuditEntry['details']) {
  return recordAudit(tx, { actorId: actor.id, action, targetType: 'chat_room', targetId: roomId, details })
}

/** Tells the people just added to a room who added them (a new room's first members and those invited later). */
async function notifyInvited(tx: Tx, actor: ChatActor, room: { id: string; title: string }, userIds: string[]) {
  await notify(tx, {
    userIds,
    kind: 'chat.invite',
    messageKey: 'chat.notify.invited',
    params: { room: room.title, by: actor.name },
    url: `/chat/${room.id}`,
    exceptUserId: actor.id,
  })
}

async function approvedUserIds(ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return []
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, [...new Set(ids)]), eq(users.status, 'approved')))
  return rows.map((r) => r.id)
}

export async function inviteMembers(actor: ChatActor, roomId: string, userIds: readonly string[]): Promise<number> {
  const access = await requireRoomAccess(actor, roomId)
  if (!access.canInvite) throw chatRefusal('chat.error.forbidden')
  const ids = await approvedUserIds(userIds)
  if (ids.length === 0) return 0
  return db.transaction(async (tx) => {
    const added = await tx
      .insert(chatMembers)
      .values(ids.map((userId) => ({ roomId, userId, invitedBy: actor.id, lastReadSeq: 0 })))
      .onConflictDoNothing()
      .returning({ userId: chatMembers.userId })
    await notifyInvited(
      tx,
      actor,
      { id: roomId, title: access.room.title },
      added.map((a) => a.userId),
    )
    if (added.length) await auditRoom(tx, actor, 'chat.member.add', roomId, { count: added.length })
    return added.length
  })
}

/** A member may leave; whoever may invite may also remove others. Returns whether someone left. */
export async function removeMember(actor: ChatActor, roomId: string, userId: string): Promise<boolean> {
  const access = await requireRoomAccess(actor, roomId)
  if (userId !== actor.id && !access.canInvite) throw chatRefusal('chat.error.forbidden')
  return db
    .transaction(async (tx) => {
      const removed = await tx
        .delete(chatMembers)
        .where(and(eq(chatMembers.roomId, roomId), eq(chatMembers.userId, userId)))
        .returning({ userId: chatMembers.userId })
      if (removed.length) await auditRoom(tx, actor, 'chat.member.remove', roomId, { self: userId === actor.id })
      return removed.length > 0
    })
    .then((left) => {
      // Open tabs of the removed member stop receiving the room at once, in every process.
      if (left) chatServer()?.in(userChannel(userId)).socketsLeave(roomChannel(roomId))
      return left
    })
}

/** Staff who could be invited: approved users not yet in the room. */
export async function inviteCandidates(roomId: string | null): Promise<PersonChoice[]> {
  return approvedPeople(
    db,
    and(
      ne(users.role, 'trainer'),
      roomId
        ? sql`not exists (select 1 from chat_members m where m.room_id = ${roomId} and m.user_id = ${users.id})`
        : undefined,
    ),
  )
    .orderBy(asc(institutions.name), asc(users.name))
    .limit(500)
}

export interface RoomSettingsInput {
  retentionDays?: number
  closed?: boolean
  scheduledAt?: Date | null
}

/** Retention, schedule and closing: the room's creator, the case author or a coordinator. */
export async function updateRoomSettings(
  actor: ChatActor,
  roomId: string,
  input: RoomSettingsInput,
): Promise<ChatRoom> {
  const access = await requireRoomAccess(actor, roomId)
  if (!access.canInvite) throw chatRefusal('chat.error.forbidden')
  return db.transaction(async (tx) => {
    const [room] = await tx
      .update(chatRooms)
      .set({
        ...(input.retentionDays !== undefined ? { retentionDays: input.retentionDays } : {}),
        ...(input.scheduledAt !== undefined ? { scheduledAt: input.scheduledAt } : {}),
        ...(input.closed !== undefined ? { closedAt: input.closed ? (access.room.closedAt ?? new Date()) : null } : {}),
      })
      .where(eq(chatRooms.id, roomId))
      .returning()
    await auditRoom(tx, actor, 'chat.room.settings', roomId, {
      retentionDays: room.retentionDays,
      closed: !!room.closedAt,
    })
    return room
  })
}
