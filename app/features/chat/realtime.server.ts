import type { Server as HttpServer } from 'node:http'

import { Server, type Socket } from 'socket.io'

import { findSessionUser, sessionHashFromCookieHeader, type SessionUser } from '../identity/session.server'
import { reportSession } from '../platform/cluster.server'
import { logger } from '../platform/logger.server'
import { sentFromThisSite } from '../platform/same-origin.server'
import { chooseAdapter } from './adapter.server'
import { roomChannel, userChannel } from './channels'
import type { ClientToServerEvents, ServerToClientEvents } from './types'

export interface SocketData {
  user: SessionUser
  sessionHash: string
}

export type ChatServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>
export type ChatSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>

// One socket.io server per process, shared by the routes (a no-JS post broadcasts too) and the handlers.
const holder = globalThis as typeof globalThis & { __iwbChatIo?: ChatServer }

export function chatServer(): ChatServer | undefined {
  return holder.__iwbChatIo
}

/** Broadcasts to everyone in a room, in every process; a no-op when realtime is not running. */
export function emitToRoom<E extends keyof ServerToClientEvents>(
  roomId: string,
  event: E,
  ...args: Parameters<ServerToClientEvents[E]>
) {
  holder.__iwbChatIo?.to(roomChannel(roomId)).emit(event, ...args)
}

/**
 * Drops every open socket of a user in every process (the adapter passes it on): after sign-out everywhere,
 * disabling or a role change. A client whose session still holds connects again and is authorised afresh.
 */
export function disconnectUserSockets(userId: string) {
  holder.__iwbChatIo?.in(userChannel(userId)).disconnectSockets(true)
}

/**
 * Attaches socket.io to the app's HTTP server: the handshake is authenticated from the session
 * cookie, the adapter is chosen by configuration, the event handlers authorise every event.
 */
export async function attachRealtime(httpServer: HttpServer): Promise<{ io: ChatServer; close: () => Promise<void> }> {
  const chosen = await chooseAdapter()
  const io: ChatServer = new Server(httpServer, {
    path: '/socket.io',
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    pingInterval: 20_000,
    pingTimeout: 20_000,
    // A cross-site page must not open a socket with the user's cookie.
    allowRequest: (req, callback) => callback(null, sentFromThisSite(req.headers)),
  })
  if (chosen.adapter) io.adapter(chosen.adapter as never)

  io.use(async (socket, next) => {
    try {
      const hash = await sessionHashFromCookieHeader(socket.handshake.headers.cookie)
      const user = hash ? await findSessionUser(hash) : null
      if (!hash || !user) return next(new Error('unauthorized'))
      socket.data = { user, sessionHash: hash }
      next()
    } catch (error) {
      logger.error({ err: error instanceof Error ? error.message : String(error) }, 'socket handshake failed')
      next(new Error('unavailable'))
    }
  })

  let closing = false
  const { registerChatHandlers } = await import('./socket.server')
  io.on('connection', (socket) => registerChatHandlers(io, socket, { closing: () => closing }))
  // Several processes: the primary sends each long-polling request to the process that holds its session.
  io.engine.on('connection', (socket: { id: string; once: (event: 'close', listener: () => void) => void }) => {
    reportSession(socket.id, true)
    socket.once('close', () => reportSession(socket.id, false))
  })
  holder.__iwbChatIo = io
  logger.info({ adapter: chosen.kind }, 'realtime attached')

  return {
    io,
    close: async () => {
      closing = true
      if (holder.__iwbChatIo === io) holder.__iwbChatIo = undefined
      // Closing the transports (not a socket.io "disconnect") lets clients reconnect to the next process.
      await new Promise<void>((resolve) => io.close(() => resolve()))
      await chosen.close().catch(() => {})
    },
  }
}
