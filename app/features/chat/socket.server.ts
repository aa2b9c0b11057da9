import { z } from 'zod'

import { findSessionUser } from '../identity/session.server'
import { logger } from '../platform/logger.server'
import { Refusal } from '../platform/refusal.server'
import { PrivacyBlockedError } from '../privacy/guard.server'
import { roomChannel, roomIdOfChannel, userChannel } from './channels'
import {
  changedSince,
  deleteMessage,
  editMessage,
  messagesAfter,
  messagesBefore,
  postMessage,
} from './conversation.server'
import { chatRefusal } from './errors'
import type { ChatServer, ChatSocket } from './realtime.server'
import { markRead, requireRoomAccess, type RoomAccess } from './rooms.server'
import { TYPING_THROTTLE_MS, type Ack, type ChatErrorCode, type PresenceMember } from './types'

const RoomId = z.string().uuid()
const Seq = z.number().int().min(0).max(2_147_483_647)
const Schemas = {
  join: z.object({ roomId: RoomId, afterSeq: Seq.optional(), changedSince: z.string().datetime().nullish() }),
  room: z.object({ roomId: RoomId }),
  sync: z.object({ roomId: RoomId, afterSeq: Seq, changedSince: z.string().datetime().nullish() }),
  history: z.object({ roomId: RoomId, beforeSeq: Seq }),
  send: z.object({ roomId: RoomId, clientId: z.string().uuid(), body: z.string().max(20_000) }),
  edit: z.object({ roomId: RoomId, seq: Seq, body: z.string().max(20_000) }),
  remove: z.object({ roomId: RoomId, seq: Seq }),
  read: z.object({ roomId: RoomId, seq: Seq }),
}

type Reply<T> = (result: Ack<T>) => void

/** A refusal as the ack the client shows; the guard's findings point into the message as checked. */
function failure(error: unknown): Ack<never> {
  if (error instanceof PrivacyBlockedError)
    return { ok: false, error: 'chat.error.privacy', findings: error.check.findings.body, text: error.check.texts.body }
  if (error instanceof Refusal) {
    const { retryAfterSeconds } = error.details
    return {
      ok: false,
      error: error.code as ChatErrorCode,
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    }
  }
  if (error instanceof Response && error.status === 403) return { ok: false, error: 'chat.error.forbidden' }
  logger.error({ err: error instanceof Error ? error.message : String(error) }, 'chat event failed')
  return { ok: false, error: 'chat.error.server' }
}

/** Validates the payload, runs the handler, and always answers the acknowledgement exactly once. */
function handle<S extends z.ZodTypeAny, T>(schema: S, run: (input: z.infer<S>) => Promise<T>) {
  return async (payload: unknown, ack?: unknown) => {
    const reply: Reply<T> = typeof ack === 'function' ? (ack as Reply<T>) : () => {}
    const parsed = schema.safeParse(payload)
    if (!parsed.success) return reply({ ok: false, error: 'chat.error.invalid' as ChatErrorCode })
    try {
      reply({ ok: true, ...(await run(parsed.data)) } as Ack<T>)
    } catch (error) {
      reply(failure(error))
    }
  }
}

/**
 * How long a socket may act on the session it last checked. Ending sessions, disabling an account and
 * changing a role also drop the user's sockets at once (disconnectUserSockets); this re-check catches
 * what those do not see (an expired session, a change made in another way).
 */
export const SESSION_RECHECK_MS = 5_000

/**
 * The socket's user, re-read from its session when the last check is older than SESSION_RECHECK_MS (or
 * when forced). A session that has ended, or a role that changed (rooms were opened under the old one),
 * closes the socket; the client connects again and is authorised afresh.
 */
function sessionCheck(socket: ChatSocket) {
  let checkedAt = Date.now()
  return async (options: { force?: boolean } = {}) => {
    if (!options.force && Date.now() - checkedAt < SESSION_RECHECK_MS) return socket.data.user
    const current = await findSessionUser(socket.data.sessionHash)
    if (!current || current.role !== socket.data.user.role) {
      // After the refusal has been answered.
      setImmediate(() => socket.disconnect(true))
      throw chatRefusal('chat.error.forbidden')
    }
    checkedAt = Date.now()
    socket.data.user = current
    return current
  }
}

/** Who is in a room right now, over every process (the adapter asks the others). */
export async function roomPresence(io: ChatServer, roomId: string): Promise<PresenceMember[]> {
  const sockets = await io.in(roomChannel(roomId)).fetchSockets()
  const members = new Map<string, PresenceMember>()
  for (const s of sockets)
    if (s.data?.user) members.set(s.data.user.id, { userId: s.data.user.id, name: s.data.user.name })
  return [...members.values()].sort((a, b) => a.name.localeCompare(b.name, 'bg'))
}

/**
 * Tells a room who is in it. Asking the other processes takes a moment; if this process began shutting
 * down meanwhile, nothing is sent: the adapter's connections may already be closed, and the Redis
 * adapter's publish would then fail outside any caller's reach (an unhandled rejection at exit).
 */
async function broadcastPresence(io: ChatServer, roomId: string, closing: () => boolean) {
  try {
    const members = await roomPresence(io, roomId)
    if (closing()) return
    io.to(roomChannel(roomId)).emit('presence', { roomId, members })
  } catch (error) {
    logger.warn({ err: error instanceof Error ? error.message : String(error), roomId }, 'presence update failed')
  }
}

/** Every event is authorised here, per room: joining checks membership; the others need the join. */
export function registerChatHandlers(io: ChatServer, socket: ChatSocket, server: { closing: () => boolean }) {
  const currentUser = sessionCheck(socket)
  const lastTyping = new Map<string, number>()
  // Checked when the socket joins; a removed member is taken out of the room (socketsLeave) at once.
  const accessByRoom = new Map<string, RoomAccess>()
  void socket.join(userChannel(socket.data.user.id))

  // One socket's writes run one after another: a person's messages get ids in the order they were sent.
  let writes: Promise<unknown> = Promise.resolve()
  function inOrder<A extends unknown[]>(handler: (...args: A) => Promise<void>) {
    return (...args: A) => {
      writes = writes.then(() => handler(...args))
      return writes
    }
  }

  /** A handler for a room this socket has joined: the session is checked, then the room, then `run` acts. */
  function inJoinedRoom<S extends z.ZodType<{ roomId: string }>, T>(
    schema: S,
    run: (input: z.infer<S>, user: Awaited<ReturnType<typeof currentUser>>) => Promise<T>,
  ) {
    return handle(schema, async (input) => {
      const user = await currentUser()
      if (!socket.rooms.has(roomChannel(input.roomId))) throw chatRefusal('chat.error.forbidden')
      return run(input, user)
    })
  }

  socket.on(
    'room:join',
    handle(Schemas.join, async ({ roomId, afterSeq, changedSince: since }) => {
      // Opening a room always reads the session afresh.
      const current = await currentUser({ force: true })
      const access = await requireRoomAccess(current, roomId)
      accessByRoom.set(roomId, access)
      await socket.join(roomChannel(roomId))
      const page = afterSeq === undefined ? await messagesBefore(roomId, null) : await messagesAfter(roomId, afterSeq)
      const changed = afterSeq !== undefined && since ? await changedSince(roomId, new Date(since), afterSeq) : []
      const presence = await roomPresence(io, roomId)
      io.to(roomChannel(roomId)).emit('presence', { roomId, members: presence })
      return {
        lastSeq: access.room.lastSeq,
        lastReadSeq: access.member?.lastReadSeq ?? access.room.lastSeq,
        messages: [...changed.filter((c) => !page.messages.some((m) => m.seq === c.seq)), ...page.messages],
        more: page.more,
        presence,
        serverTime: new Date().toISOString(),
      }
    }),
  )

  socket.on(
    'room:leave',
    handle(Schemas.room, async ({ roomId }) => {
      await socket.leave(roomChannel(roomId))
      accessByRoom.delete(roomId)
      await broadcastPresence(io, roomId, server.closing)
      return {}
    }),
  )

  socket.on(
    'room:sync',
    inJoinedRoom(Schemas.sync, async ({ roomId, afterSeq, changedSince: since }) => {
      const serverTime = new Date().toISOString()
      const page = await messagesAfter(roomId, afterSeq)
      const changed = since ? await changedSince(roomId, new Date(since), afterSeq) : []
      return { messages: page.messages, changed, more: page.more, serverTime }
    }),
  )

  socket.on(
    'room:history',
    inJoinedRoom(Schemas.history, ({ roomId, beforeSeq }) => messagesBefore(roomId, beforeSeq)),
  )

  socket.on(
    'message:send',
    inOrder(
      inJoinedRoom(Schemas.send, ({ roomId, clientId, body }, user) =>
        postMessage(user, roomId, { body, clientId }, accessByRoom.get(roomId)),
      ),
    ),
  )

  socket.on(
    'message:edit',
    inOrder(
      inJoinedRoom(Schemas.edit, async ({ roomId, seq, body }, user) => ({
        message: await editMessage(user, roomId, seq, body),
      })),
    ),
  )

  socket.on(
    'message:delete',
    inOrder(
      inJoinedRoom(Schemas.remove, async ({ roomId, seq }, user) => ({
        message: await deleteMessage(user, roomId, seq),
      })),
    ),
  )

  socket.on(
    'room:read',
    inJoinedRoom(Schemas.read, async ({ roomId, seq }, user) => {
      await markRead(user, roomId, seq)
      return {}
    }),
  )

  socket.on('typing', (payload: unknown) => {
    const parsed = Schemas.room.safeParse(payload)
    if (!parsed.success || !socket.rooms.has(roomChannel(parsed.data.roomId))) return
    const now = Date.now()
    const roomId = parsed.data.roomId
    // Throttled on the server too: a misbehaving client cannot flood the room with signals.
    if (now - (lastTyping.get(roomId) ?? 0) < TYPING_THROTTLE_MS * 0.9) return
    lastTyping.set(roomId, now)
    currentUser()
      .then((user) => socket.to(roomChannel(roomId)).emit('typing', { roomId, userId: user.id, name: user.name }))
      .catch(() => {})
  })

  socket.on('disconnecting', () => {
    const rooms = [...socket.rooms].map(roomIdOfChannel).filter((id): id is string => !!id)
    // After the socket has left its rooms, tell the others who is still there (not while shutting down:
    // the clients reconnect to the next process and announce themselves there).
    if (server.closing()) return
    setImmediate(() => rooms.forEach((roomId) => void broadcastPresence(io, roomId, server.closing)))
  })
}
