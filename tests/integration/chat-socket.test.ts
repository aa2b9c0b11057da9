import { randomUUID } from 'node:crypto'

import { and, eq, sql } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

import { ChatRoomConnection } from '../../app/features/chat/connection'
import { listRevisions } from '../../app/features/chat/conversation.server'
import { SESSION_RECHECK_MS } from '../../app/features/chat/socket.server'
import { changeRole, setUserActive, signOutEverywhere } from '../../app/features/identity/accounts.server'
import { chatMessages, notifications, sessions } from '../../db/schema'
import { makeChatRoom } from '../../seed/builders/chat'
import { makeUser } from '../../seed/builders/identity'
import { db, findInEveryTable } from '../support/database'
import { sessionCookieFor } from '../support/http'
import {
  chatClient,
  connected,
  request,
  startChatServer,
  waitFor,
  type ChatClient,
  type ChatMessageView,
  type RunningServer,
} from './chat-support'

let server: RunningServer
const open: ChatClient[] = []

beforeAll(async () => {
  server = await startChatServer()
})
afterEach(() => {
  for (const c of open.splice(0)) c.disconnect()
})
afterAll(async () => {
  await server.stop()
})

async function signedIn(role: 'staff' | 'coordinator' = 'staff') {
  const user = await makeUser(db, { role })
  const cookie = await sessionCookieFor(user.id)
  const client = chatClient(server.url, cookie)
  open.push(client)
  await connected(client)
  const received: ChatMessageView[] = []
  const changed: ChatMessageView[] = []
  client.on('message:new', (m) => received.push(m))
  client.on('message:changed', (m) => changed.push(m))
  return { user, cookie, client, received, changed, actor: { ...user, name: user.name } }
}

async function roomWith(...members: { user: { id: string } }[]) {
  return makeChatRoom(db, { memberIds: members.map((m) => m.user.id) })
}

/** Letters only, so the privacy guard reads no number in them and the scan finds them nowhere else. */
const uniqueLetters = () => randomUUID().replace(/[^a-f]/g, '')

const send = (client: ChatClient, roomId: string, body: string, clientId = randomUUID()) =>
  request(client, 'message:send', { roomId, clientId, body })

describe('who may connect and join', () => {
  it('refuses a signed-out client and a forged cookie at the handshake', async () => {
    for (const cookie of [undefined, 'iwb_session=forged-value-that-is-long-enough']) {
      const client = chatClient(server.url, cookie)
      open.push(client)
      client.io.reconnection(false)
      await expect(connected(client)).rejects.toThrow('unauthorized')
    }
  })

  it('a non-member can neither join, nor post, nor read the history of a room', async () => {
    const a = await signedIn()
    const outsider = await signedIn()
    const room = await roomWith(a)
    await request(a.client, 'room:join', { roomId: room.id })
    await send(a.client, room.id, 'Училището потвърди записването.')

    expect(await request(outsider.client, 'room:join', { roomId: room.id })).toEqual({
      ok: false,
      error: 'chat.error.forbidden',
    })
    expect(await send(outsider.client, room.id, 'Опит')).toEqual({ ok: false, error: 'chat.error.forbidden' })
    expect(await request(outsider.client, 'room:history', { roomId: room.id, beforeSeq: 100 })).toEqual({
      ok: false,
      error: 'chat.error.forbidden',
    })
    expect(await request(outsider.client, 'room:sync', { roomId: room.id, afterSeq: 0 })).toEqual({
      ok: false,
      error: 'chat.error.forbidden',
    })
    await new Promise((r) => setTimeout(r, 100))
    expect(outsider.received).toEqual([])
    const [{ n }] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(chatMessages)
      .where(eq(chatMessages.roomId, room.id))
    expect(n).toBe(1)
  })

  it('a coordinator who is not a member may join to moderate', async () => {
    const a = await signedIn()
    const coordinator = await signedIn('coordinator')
    const room = await roomWith(a)
    const joined = await request(coordinator.client, 'room:join', { roomId: room.id })
    expect(joined.ok).toBe(true)
  })

  it('rejects malformed payloads with a clear code', async () => {
    const a = await signedIn()
    expect(await request(a.client, 'room:join', { roomId: 'not-a-uuid' } as never)).toEqual({
      ok: false,
      error: 'chat.error.invalid',
    })
  })
})

describe('messages', () => {
  it('are stored, acknowledged and delivered in order with increasing ids', async () => {
    const a = await signedIn()
    const b = await signedIn()
    const room = await roomWith(a, b)
    await request(a.client, 'room:join', { roomId: room.id })
    await request(b.client, 'room:join', { roomId: room.id })

    const acks = await Promise.all([
      ...Array.from({ length: 15 }, (_, i) => send(a.client, room.id, `А съобщение ${i + 1}`)),
      ...Array.from({ length: 15 }, (_, i) => send(b.client, room.id, `Б съобщение ${i + 1}`)),
    ])
    expect(acks.every((r) => r.ok)).toBe(true)
    const seqs = acks.map((r) => (r.ok ? r.message.seq : 0)).sort((x, y) => x - y)
    expect(seqs).toEqual(Array.from({ length: 30 }, (_, i) => i + 1))

    await waitFor(() => a.received.length === 30 && b.received.length === 30, 10_000, 'all deliveries')
    // Each sender's own messages keep the order it sent them in.
    for (const who of ['А', 'Б']) {
      const own = b.received.filter((m) => m.body.startsWith(who))
      expect(own.map((m) => m.body)).toEqual(Array.from({ length: 15 }, (_, i) => `${who} съобщение ${i + 1}`))
      expect(own.map((m) => m.seq)).toEqual([...own.map((m) => m.seq)].sort((x, y) => x - y))
    }
  })

  it('a resend with the same client id is acknowledged again but stored once', async () => {
    const a = await signedIn()
    const room = await roomWith(a)
    await request(a.client, 'room:join', { roomId: room.id })
    const clientId = randomUUID()
    const first = await send(a.client, room.id, 'Среща в четвъртък в 10:00 ч.', clientId)
    const again = await send(a.client, room.id, 'Среща в четвъртък в 10:00 ч.', clientId)
    expect(first.ok && again.ok).toBe(true)
    if (!first.ok || !again.ok) return
    expect(again.duplicate).toBe(true)
    expect(again.message.seq).toBe(first.message.seq)
    const rows = await db.select().from(chatMessages).where(eq(chatMessages.roomId, room.id))
    expect(rows).toHaveLength(1)
  })

  it('refuses personal data with the findings, and neither stores nor broadcasts it', async () => {
    const a = await signedIn()
    const b = await signedIn()
    const room = await roomWith(a, b)
    await request(a.client, 'room:join', { roomId: room.id })
    await request(b.client, 'room:join', { roomId: room.id })
    const refused = await send(a.client, room.id, 'Майката може да бъде открита на 0888 123 456 след 17 ч.')
    expect(refused.ok).toBe(false)
    if (refused.ok) return
    expect(refused.error).toBe('chat.error.privacy')
    expect(refused.findings?.map((f) => f.type)).toContain('phone')
    expect(refused.findings?.[0].text).toContain('0888')
    await new Promise((r) => setTimeout(r, 150))
    expect(b.received).toEqual([])
    expect(await db.select().from(chatMessages).where(eq(chatMessages.roomId, room.id))).toHaveLength(0)
  })

  it('refuses empty and over-long messages', async () => {
    const a = await signedIn()
    const room = await roomWith(a)
    await request(a.client, 'room:join', { roomId: room.id })
    expect(await send(a.client, room.id, '   ')).toMatchObject({ ok: false, error: 'chat.error.empty' })
    expect(await send(a.client, room.id, 'а'.repeat(2001))).toMatchObject({ ok: false, error: 'chat.error.tooLong' })
  })

  it('limits how fast one person can post, across the whole app', async () => {
    const previous = process.env.RATE_LIMIT
    process.env.RATE_LIMIT = 'true'
    try {
      const a = await signedIn()
      const room = await roomWith(a)
      await request(a.client, 'room:join', { roomId: room.id })
      const results = []
      for (let i = 0; i < 31; i++) results.push(await send(a.client, room.id, `Кратко съобщение ${i}`))
      expect(results.slice(0, 30).every((r) => r.ok)).toBe(true)
      expect(results[30]).toMatchObject({ ok: false, error: 'chat.error.rateLimited' })
      if (!results[30].ok) expect(results[30].retryAfterSeconds).toBeGreaterThan(0)
    } finally {
      process.env.RATE_LIMIT = previous
    }
  })

  it('notifies the members mentioned as @Name', async () => {
    const a = await signedIn()
    const b = await signedIn()
    const room = await roomWith(a, b)
    await request(a.client, 'room:join', { roomId: room.id })
    const sent = await send(a.client, room.id, `@${b.user.name} можеш ли да поемеш посещението?`)
    expect(sent.ok).toBe(true)
    const rows = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, b.user.id), eq(notifications.kind, 'chat.mention')))
    expect(rows).toHaveLength(1)
    expect(rows[0].url).toBe(`/chat/${room.id}#m1`)
  })
})

describe('editing and deleting', () => {
  it('an author edits and deletes their own message; others see the change', async () => {
    const a = await signedIn()
    const b = await signedIn()
    const room = await roomWith(a, b)
    await request(a.client, 'room:join', { roomId: room.id })
    await request(b.client, 'room:join', { roomId: room.id })
    await send(a.client, room.id, 'Посещение в понеделник')

    const edited = await request(a.client, 'message:edit', { roomId: room.id, seq: 1, body: 'Посещение във вторник' })
    expect(edited).toMatchObject({ ok: true, message: { seq: 1, body: 'Посещение във вторник' } })
    await waitFor(() => b.changed.length === 1)
    expect(b.changed[0].editedAt).not.toBeNull()

    expect(await request(b.client, 'message:edit', { roomId: room.id, seq: 1, body: 'Чужда редакция' })).toMatchObject({
      ok: false,
      error: 'chat.error.notAuthor',
    })
    expect(await request(b.client, 'message:delete', { roomId: room.id, seq: 1 })).toMatchObject({
      ok: false,
      error: 'chat.error.notAuthor',
    })

    const deleted = await request(a.client, 'message:delete', { roomId: room.id, seq: 1 })
    expect(deleted).toMatchObject({ ok: true, message: { seq: 1, body: '' } })
    await waitFor(() => b.changed.length === 2)
    expect(b.changed[1].deletedAt).not.toBeNull()
    expect(await request(a.client, 'message:edit', { roomId: room.id, seq: 1, body: 'Отново' })).toMatchObject({
      ok: false,
      error: 'chat.error.deleted',
    })
  })

  it('closes the edit window after 15 minutes', async () => {
    const a = await signedIn()
    const room = await roomWith(a)
    await request(a.client, 'room:join', { roomId: room.id })
    await send(a.client, room.id, 'Старо съобщение')
    await db
      .update(chatMessages)
      .set({ createdAt: new Date(Date.now() - 16 * 60 * 1000) })
      .where(eq(chatMessages.roomId, room.id))
    expect(await request(a.client, 'message:edit', { roomId: room.id, seq: 1, body: 'Късна редакция' })).toMatchObject({
      ok: false,
      error: 'chat.error.editWindow',
    })
    expect(await request(a.client, 'message:delete', { roomId: room.id, seq: 1 })).toMatchObject({
      ok: false,
      error: 'chat.error.editWindow',
    })
  })

  it('an edit passes the privacy guard too', async () => {
    const a = await signedIn()
    const room = await roomWith(a)
    await request(a.client, 'room:join', { roomId: room.id })
    await send(a.client, room.id, 'Ще се обадя на майката')
    const refused = await request(a.client, 'message:edit', {
      roomId: room.id,
      seq: 1,
      body: 'Ще се обадя на майката на 0888 123 456',
    })
    expect(refused).toMatchObject({ ok: false, error: 'chat.error.privacy' })
    const [row] = await db.select().from(chatMessages).where(eq(chatMessages.roomId, room.id))
    expect(row.body).toBe('Ще се обадя на майката')
  })

  it('keeps earlier versions for coordinators only; a coordinator may remove any message', async () => {
    const a = await signedIn()
    const coordinator = await signedIn('coordinator')
    const room = await roomWith(a)
    await request(a.client, 'room:join', { roomId: room.id })
    await request(coordinator.client, 'room:join', { roomId: room.id })
    await send(a.client, room.id, 'Първи вариант')
    await request(a.client, 'message:edit', { roomId: room.id, seq: 1, body: 'Втори вариант' })
    await expect(listRevisions(a.actor, room.id, 1)).rejects.toMatchObject({ code: 'chat.error.forbidden' })
    expect((await listRevisions(coordinator.actor, room.id, 1)).map((r) => [r.change, r.body])).toEqual([
      ['edit', 'Първи вариант'],
    ])

    await db
      .update(chatMessages)
      .set({ createdAt: new Date(Date.now() - 60 * 60 * 1000) })
      .where(eq(chatMessages.roomId, room.id))
    expect(await request(coordinator.client, 'message:delete', { roomId: room.id, seq: 1 })).toMatchObject({
      ok: true,
      message: { body: '' },
    })
    // Deleted, it keeps no earlier version: only who deleted it and when.
    expect((await listRevisions(coordinator.actor, room.id, 1)).map((r) => [r.change, r.body])).toEqual([
      ['delete', ''],
    ])
  })

  it('a deleted message leaves no text behind (body, mentions, earlier versions); catch-up shows it deleted', async () => {
    const a = await signedIn()
    const b = await signedIn()
    const coordinator = await signedIn('coordinator')
    const room = await roomWith(a, b)
    await request(a.client, 'room:join', { roomId: room.id })
    await request(b.client, 'room:join', { roomId: room.id })
    const first = `проба${uniqueLetters()}`
    const second = `проба${uniqueLetters()}`
    expect((await send(a.client, room.id, `@${b.user.name} ${first}`)).ok).toBe(true)
    await request(a.client, 'message:edit', { roomId: room.id, seq: 1, body: `@${b.user.name} ${second}` })
    const stored = await findInEveryTable([first, second])
    expect(stored.some((hit) => hit.startsWith('chat_message_revisions:'))).toBe(true)
    const since = new Date().toISOString()

    const deleted = await request(a.client, 'message:delete', { roomId: room.id, seq: 1 })
    expect(deleted).toMatchObject({ ok: true, message: { seq: 1, body: '', mentions: [] } })
    expect(await findInEveryTable([first, second])).toEqual([])
    const [row] = await db.select().from(chatMessages).where(eq(chatMessages.roomId, room.id))
    expect(row).toMatchObject({ body: '', mentions: [], deletedBy: a.user.id })
    expect(row.deletedAt).not.toBeNull()
    await waitFor(() => b.changed.some((m) => m.deletedAt !== null))

    // A member who was away catches up from the database: the message keeps its place, deleted, without text.
    const sync = await request(b.client, 'room:sync', { roomId: room.id, afterSeq: 1, changedSince: since })
    if (!sync.ok) throw new Error('sync failed')
    expect(sync.changed.map((m) => [m.seq, m.body, m.deletedAt !== null])).toEqual([[1, '', true]])
    const rejoined = await request(b.client, 'room:join', { roomId: room.id })
    if (!rejoined.ok) throw new Error('join failed')
    expect(rejoined.messages.map((m) => [m.seq, m.body, m.deletedAt !== null])).toEqual([[1, '', true]])
    expect(await listRevisions(coordinator.actor, room.id, 1)).toMatchObject([
      { change: 'delete', body: '', changedByName: a.user.name },
    ])
  })
})

describe('history, catch-up, presence and typing', () => {
  it('pages older history by cursor and answers catch-up from the database', async () => {
    const a = await signedIn()
    const room = await roomWith(a)
    await request(a.client, 'room:join', { roomId: room.id })
    for (let i = 1; i <= 60; i++) await send(a.client, room.id, `Ред ${i}`)
    const reopened = await request(a.client, 'room:join', { roomId: room.id })
    if (!reopened.ok) throw new Error('join failed')
    expect(reopened.messages.map((m) => m.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 11))
    expect(reopened.more).toBe(true)
    const older = await request(a.client, 'room:history', { roomId: room.id, beforeSeq: 11 })
    expect(older).toMatchObject({ ok: true, more: false })
    if (older.ok) expect(older.messages.map((m) => m.seq)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1))
    const since = new Date().toISOString()
    await request(a.client, 'message:edit', { roomId: room.id, seq: 58, body: 'Ред 58 (поправен)' })
    const sync = await request(a.client, 'room:sync', { roomId: room.id, afterSeq: 55, changedSince: since })
    if (!sync.ok) throw new Error('sync failed')
    expect(sync.messages.map((m) => m.seq)).toEqual([56, 57, 58, 59, 60])
    const sync2 = await request(a.client, 'room:sync', { roomId: room.id, afterSeq: 60, changedSince: since })
    if (!sync2.ok) throw new Error('sync failed')
    expect(sync2.messages).toEqual([])
    expect(sync2.changed.map((m) => [m.seq, m.body])).toEqual([[58, 'Ред 58 (поправен)']])
  })

  it('shows who is in the room, and typing signals that are throttled', async () => {
    const a = await signedIn()
    const b = await signedIn()
    const room = await roomWith(a, b)
    const presence: string[][] = []
    a.client.on('presence', (p) => presence.push(p.members.map((m) => m.userId).sort()))
    const typing: string[] = []
    b.client.on('typing', (t) => typing.push(t.userId))
    await request(a.client, 'room:join', { roomId: room.id })
    const joined = await request(b.client, 'room:join', { roomId: room.id })
    if (!joined.ok) throw new Error('join failed')
    expect(joined.presence.map((m) => m.userId).sort()).toEqual([a.user.id, b.user.id].sort())
    await waitFor(() => presence.some((p) => p.length === 2), 5000, 'presence of both')

    a.client.emit('typing', { roomId: room.id })
    a.client.emit('typing', { roomId: room.id })
    await waitFor(() => typing.length >= 1)
    await new Promise((r) => setTimeout(r, 200))
    expect(typing).toEqual([a.user.id])

    b.client.disconnect()
    await waitFor(() => JSON.stringify(presence.at(-1)) === JSON.stringify([a.user.id]), 5000, 'presence after leave')
  })
})

describe('when access ends while a socket is open', () => {
  const disconnected = (client: ChatClient) =>
    new Promise<string>((resolve) => client.once('disconnect', (reason) => resolve(reason)))
  const countMessages = async (roomId: string) =>
    (
      await db
        .select({ n: sql<number>`count(*)::int` })
        .from(chatMessages)
        .where(eq(chatMessages.roomId, roomId))
    )[0].n

  async function reconnect(cookie: string) {
    const client = chatClient(server.url, cookie)
    open.push(client)
    client.io.reconnection(false)
    await connected(client)
    return client
  }

  it('drops the sockets of a user who is disabled; the session is refused at the next handshake', async () => {
    const admin = await makeUser(db, { role: 'admin' })
    const a = await signedIn()
    const room = await roomWith(a)
    await request(a.client, 'room:join', { roomId: room.id })
    const gone = disconnected(a.client)
    await setUserActive(admin, a.user.id, false)
    expect(await gone).toBe('io server disconnect')
    await expect(reconnect(a.cookie)).rejects.toThrow('unauthorized')
  })

  it('drops the sockets of a user who signs out everywhere', async () => {
    const a = await signedIn()
    const second = chatClient(server.url, await sessionCookieFor(a.user.id))
    open.push(second)
    await connected(second)
    const gone = Promise.all([disconnected(a.client), disconnected(second)])
    await signOutEverywhere(a.actor)
    expect(await gone).toEqual(['io server disconnect', 'io server disconnect'])
  })

  it('drops the sockets of a coordinator who loses the role; back in, the room they moderated is closed to them', async () => {
    const admin = await makeUser(db, { role: 'admin' })
    const member = await signedIn()
    const coordinator = await signedIn('coordinator')
    const room = await roomWith(member)
    expect((await request(coordinator.client, 'room:join', { roomId: room.id })).ok).toBe(true)
    const gone = disconnected(coordinator.client)
    await changeRole(admin, coordinator.user.id, 'staff')
    expect(await gone).toBe('io server disconnect')
    const again = await reconnect(coordinator.cookie)
    expect(await request(again, 'room:join', { roomId: room.id })).toEqual({ ok: false, error: 'chat.error.forbidden' })
  })

  it('re-reads the session within seconds on any event, whatever ended it', async () => {
    const a = await signedIn()
    const room = await roomWith(a)
    await request(a.client, 'room:join', { roomId: room.id })
    expect((await send(a.client, room.id, 'Преди края на сесията')).ok).toBe(true)
    // Ended without telling the sockets (it expired, or was removed by hand).
    await db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.userId, a.user.id))
    const gone = disconnected(a.client)
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + SESSION_RECHECK_MS + 1000 })
    try {
      expect(await send(a.client, room.id, 'След края на сесията')).toEqual({
        ok: false,
        error: 'chat.error.forbidden',
      })
    } finally {
      vi.useRealTimers()
    }
    expect(await gone).toBe('io server disconnect')
    expect(await countMessages(room.id)).toBe(1)
  })

  it('brings a member whose role changed back into the room by itself (the client connects again)', async () => {
    const admin = await makeUser(db, { role: 'admin' })
    const member = await makeUser(db)
    const room = await makeChatRoom(db, { memberIds: [member.id] })
    const socket = chatClient(server.url, await sessionCookieFor(member.id))
    open.push(socket)
    const conn = new ChatRoomConnection(socket, { roomId: room.id, meId: member.id }).start()
    const inRoom = () =>
      conn.getSnapshot().connection === 'online' && conn.getSnapshot().presence.some((p) => p.userId === member.id)
    try {
      await waitFor(inRoom, 5000, 'joined')
      const gone = disconnected(socket)
      await changeRole(admin, member.id, 'trainer')
      expect(await gone).toBe('io server disconnect')
      await waitFor(inRoom, 5000, 'back in the room')
      expect((await conn.send('Отново в стаята')).result.ok).toBe(true)
    } finally {
      conn.stop()
    }
  })
})
