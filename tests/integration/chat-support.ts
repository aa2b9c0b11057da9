import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'

import { io as connectClient, type Socket } from 'socket.io-client'

import type { Ack, ChatMessageView, ClientToServerEvents, ServerToClientEvents } from '../../app/features/chat/types'
import { startServices, type Services } from '../../app/services.server'

export type ChatClient = Socket<ServerToClientEvents, ClientToServerEvents>

export interface RunningServer {
  url: string
  port: number
  stop: () => Promise<void>
}

/** The app's realtime side on a real HTTP server, as server.ts starts it (no Remix handler needed). */
export async function startChatServer(port = 0): Promise<RunningServer> {
  const httpServer: HttpServer = createServer((_req, res) => {
    res.statusCode = 404
    res.end()
  })
  const services: Services = await startServices({ httpServer, runJobs: false })
  await new Promise<void>((resolve) => httpServer.listen(port, '127.0.0.1', resolve))
  const actual = (httpServer.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    stop: async () => {
      await services.stop()
      await new Promise<void>((resolve) => httpServer.close(() => resolve()))
    },
  }
}

/** A socket.io client like the browser's (websocket, cookie sent with the handshake). */
export function chatClient(url: string, cookie?: string, options: { reconnectionDelay?: number } = {}): ChatClient {
  return connectClient(url, {
    transports: ['websocket'],
    extraHeaders: cookie ? { cookie } : {},
    reconnectionDelay: options.reconnectionDelay ?? 100,
    reconnectionDelayMax: 500,
    forceNew: true,
  }) as ChatClient
}

export function connected(client: ChatClient): Promise<void> {
  return new Promise((resolve, reject) => {
    if (client.connected) return resolve()
    client.once('connect', () => resolve())
    client.once('connect_error', (error) => reject(error))
  })
}

/** Emits and waits for the acknowledgement (fails the test after 10 s). */
export function request<E extends keyof ClientToServerEvents>(
  client: ChatClient,
  event: E,
  payload: Parameters<ClientToServerEvents[E]>[0],
): Promise<Parameters<NonNullable<Parameters<ClientToServerEvents[E]>[1]>>[0]> {
  return (client.timeout(10_000) as unknown as { emitWithAck: (e: string, p: unknown) => Promise<never> }).emitWithAck(
    event,
    payload,
  )
}

export type { Ack, ChatMessageView }

export function waitFor(check: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (check()) return resolve()
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`))
      setTimeout(tick, 20)
    }
    tick()
  })
}

/** A port that is free now (for a server that must come back on the same port after a restart). */
export async function freePort(): Promise<number> {
  const { createServer: createNetServer } = await import('node:net')
  return new Promise((resolve, reject) => {
    const probe = createNetServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo
      probe.close(() => resolve(port))
    })
  })
}
