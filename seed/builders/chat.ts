import { eq, sql } from 'drizzle-orm'

import type { DbOrTx } from '../../db/client.server'
import { chatMembers, chatMessages, chatRooms } from '../../db/schema'

let counter = 0

/** A room with members (the first member is its creator); numbering starts at `lastSeq`. */
export async function makeChatRoom(
  db: DbOrTx,
  input: {
    memberIds: string[]
    title?: string
    caseId?: string | null
    scheduledAt?: Date | null
    retentionDays?: number
    closedAt?: Date | null
  },
) {
  const [room] = await db
    .insert(chatRooms)
    .values({
      title: input.title ?? `Казусна конференция ${Date.now().toString(36)}-${counter++}`,
      caseId: input.caseId ?? null,
      scheduledAt: input.scheduledAt ?? null,
      createdBy: input.memberIds[0] ?? null,
      retentionDays: input.retentionDays,
      closedAt: input.closedAt ?? null,
    })
    .returning()
  if (input.memberIds.length)
    await db.insert(chatMembers).values(input.memberIds.map((userId) => ({ roomId: room.id, userId })))
  return room
}

/** Appends messages the way the app numbers them (for seeds and history tests; no guard, no broadcast). */
export async function appendChatMessages(
  db: DbOrTx,
  roomId: string,
  lines: { authorId: string; body: string; at?: Date }[],
) {
  const rows = []
  for (const line of lines) {
    const [room] = await db
      .update(chatRooms)
      .set({ lastSeq: sql`${chatRooms.lastSeq} + 1`, lastMessageAt: line.at ?? new Date() })
      .where(eq(chatRooms.id, roomId))
      .returning({ lastSeq: chatRooms.lastSeq })
    const [row] = await db
      .insert(chatMessages)
      .values({ roomId, seq: room.lastSeq, authorId: line.authorId, body: line.body, createdAt: line.at ?? new Date() })
      .returning()
    rows.push(row)
  }
  return rows
}
