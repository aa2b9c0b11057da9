import { eq, sql } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'

import { ChatRoomConnection } from '../../app/features/chat/connection'
import { chatMessages } from '../../db/schema'
import { makeChatRoom } from '../../seed/builders/chat'
import { makeUser } from '../../seed/builders/identity'
import { db } from '../support/database'
import { sessionCookieFor } from '../support/http'
import { chatClient, freePort, startChatServer, waitFor, type ChatClient, type RunningServer } from './chat-support'

const sockets: ChatClient[] = []
let server: RunningServer | null = null

afterAll(async () => {
  for (const s of sockets) s.disconnect()
  await server?.stop()
})

/** Joins as a member: the membership exists before the socket connects, so the join cannot race it. */
async function participant(url: string, roomId: string) {
  const user = await makeUser(db)
  await db.execute(sql`INSERT INTO chat_members (room_id, user_id) VALUES (${roomId}, ${user.id})`)
  const socket = chatClient(url, await sessionCookieFor(user.id))
  sockets.push(socket)
  const conn = new ChatRoomConnection(socket, { roomId, meId: user.id }).start()
  return { user, socket, conn }
}

const bodies = (conn: ChatRoomConnection) => conn.getSnapshot().messages.map((m) => m.body)
const seqs = (conn: ChatRoomConnection) => conn.getSnapshot().messages.map((m) => m.seq)

describe('a server restart in the middle of a conversation', () => {
  it('loses nothing and duplicates nothing: both clients end with every message once, in the same order', async () => {
    const port = await freePort()
    server = await startChatServer(port)
    const url = server.url
    const room = await makeChatRoom(db, { memberIds: [] })
    const a = await participant(url, room.id)
    const b = await participant(url, room.id)
    await waitFor(
      () => a.conn.getSnapshot().connection === 'online' && b.conn.getSnapshot().connection === 'online',
      10_000,
      'both online',
    )
    await waitFor(() => a.conn.getSnapshot().presence.length === 2, 10_000, 'both joined')

    for (let i = 1; i <= 3; i++) {
      await a.conn.send(`А казва ${i}`)
      await b.conn.send(`Б отговаря ${i}`)
    }

    // A keeps writing every 40 ms while the server goes down and comes back.
    const sent: string[] = []
    const sending = (async () => {
      for (let i = 1; i <= 40; i++) {
        const body = `А продължава ${i}`
        sent.push(body)
        void a.conn.send(body)
        await new Promise((r) => setTimeout(r, 40))
      }
    })()
    await waitFor(() => sent.length >= 10, 10_000, 'ten sends before the stop')
    await server.stop()
    await waitFor(
      () => a.conn.getSnapshot().connection === 'offline' && b.conn.getSnapshot().connection === 'offline',
      10_000,
      'both offline',
    )
    await new Promise((r) => setTimeout(r, 600))
    expect(a.conn.getSnapshot().pending.length).toBeGreaterThan(0)
    server = await startChatServer(port)
    await sending
    await waitFor(() => b.conn.getSnapshot().connection === 'online', 10_000, 'B back online')
    await b.conn.send('Б след рестарта')

    const expectedCount = 6 + 40 + 1
    const report = () => {
      const sa = a.conn.getSnapshot()
      const sb = b.conn.getSnapshot()
      return (
        `A: ${sa.connection} ${sa.messages.length} msgs, pending ` +
        `${JSON.stringify(sa.pending.map((p) => [p.body, p.state, p.error]))}; B: ` +
        `${sb.connection} ${sb.messages.length} msgs, seqs ${seqs(b.conn).join(',')}`
      )
    }
    await waitFor(
      () =>
        a.conn.getSnapshot().pending.length === 0 &&
        a.conn.getSnapshot().messages.length === expectedCount &&
        b.conn.getSnapshot().messages.length === expectedCount,
      20_000,
      'every message at both clients',
    ).catch((error) => {
      throw new Error(`${error.message}: ${report()}`)
    })

    const everySeq = Array.from({ length: expectedCount }, (_, i) => i + 1)
    expect(seqs(a.conn)).toEqual(everySeq)
    expect(seqs(b.conn)).toEqual(everySeq)
    expect(bodies(a.conn)).toEqual(bodies(b.conn))
    expect(new Set(bodies(a.conn)).size).toBe(expectedCount)
    // A's messages appear in the order A wrote them, none lost.
    expect(bodies(a.conn).filter((text) => text.startsWith('А продължава'))).toEqual(sent)

    const [counts] = await db
      .select({
        n: sql<number>`count(*)::int`,
        distinctClient: sql<number>`count(distinct ${chatMessages.clientId})::int`,
        distinctBody: sql<number>`count(distinct ${chatMessages.body})::int`,
      })
      .from(chatMessages)
      .where(eq(chatMessages.roomId, room.id))
    expect(counts).toEqual({ n: expectedCount, distinctClient: expectedCount, distinctBody: expectedCount })
  }, 60_000)
})
