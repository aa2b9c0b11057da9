import cluster, { type Worker } from 'node:cluster'
import type { Server as HttpServer } from 'node:http'
import { createServer, type Socket } from 'node:net'

import { logger } from './logger.server'

/**
 * Several server processes on one port (WEB_CONCURRENCY, PostgreSQL only). The primary process accepts each
 * connection, reads its first request line and hands the connection to a worker: the one that holds a socket.io
 * session when the request names one (`sid=`, the long-polling transport needs its session's process), otherwise the
 * next in turn. The worker then owns the connection (keep-alive requests stay there); the primary handles no requests.
 */

const SID = /^[A-Z]+ \/socket\.io\/\S*[?&]sid=([\w-]{20})/

interface ConnectionMessage {
  type: 'iwb:connection'
  head: string
}

interface SessionMessage {
  type: 'iwb:sid' | 'iwb:sid-end'
  sid: string
}

interface ReadyMessage {
  type: 'iwb:ready'
}

export async function runPrimary(options: {
  workers: number
  port: number
  host: string
  /** The environment of each worker, by index (e.g. jobs in the first one only). */
  env: (index: number) => Record<string, string>
}): Promise<void> {
  const sessions = new Map<string, Worker>()
  const ready = new Set<Worker>()
  let stopping = false
  let turn = 0
  const fork = (index: number) => {
    const worker = cluster.fork(options.env(index))
    worker.on('exit', (code, signal) => {
      ready.delete(worker)
      for (const [sid, owner] of sessions) if (owner === worker) sessions.delete(sid)
      if (stopping) return
      logger.error({ code, signal, index }, 'worker exited; starting another')
      setTimeout(() => fork(index), 1000)
    })
    const started = new Promise<void>((resolve) =>
      worker.on('message', (message: SessionMessage | ReadyMessage) => {
        if (message?.type === 'iwb:sid') sessions.set(message.sid, worker)
        else if (message?.type === 'iwb:sid-end') sessions.delete(message.sid)
        else if (message?.type === 'iwb:ready') {
          ready.add(worker)
          resolve()
        }
      }),
    )
    return started
  }
  await Promise.all(Array.from({ length: options.workers }, (_, i) => fork(i)))

  const server = createServer((socket: Socket) => {
    socket.once('data', (chunk: Buffer) => {
      socket.pause() // the worker reads the rest of the connection
      const head = chunk.toString('latin1')
      const sid = SID.exec(head)?.[1]
      const alive = [...ready].filter((w) => w.isConnected())
      if (alive.length === 0) return socket.destroy()
      const owner = sid ? sessions.get(sid) : undefined
      const worker = owner?.isConnected() ? owner : alive[turn++ % alive.length]
      const message: ConnectionMessage = { type: 'iwb:connection', head: chunk.toString('base64') }
      worker.send(message, socket, (error) => error && socket.destroy())
    })
    socket.on('error', () => socket.destroy())
  })
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve))
  logger.info({ port: options.port, workers: options.workers }, `listening on http://localhost:${options.port}`)

  const shutdown = (signal: NodeJS.Signals) => {
    stopping = true
    server.close()
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal)
    cluster.once('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0)
    })
    setTimeout(() => process.exit(0), 10_000).unref()
  }
  process.once('SIGTERM', () => shutdown('SIGTERM'))
  process.once('SIGINT', () => shutdown('SIGINT'))
}

/**
 * In a worker: connections the primary hands over are served by this HTTP server (which does not listen itself);
 * tells the primary it is ready for them.
 */
export function serveHandedConnections(httpServer: HttpServer) {
  process.on('message', (message: ConnectionMessage, socket?: Socket) => {
    if (message?.type !== 'iwb:connection' || !socket) return
    httpServer.emit('connection', socket)
    socket.emit('data', Buffer.from(message.head, 'base64'))
    socket.resume()
  })
  process.send?.({ type: 'iwb:ready' } satisfies ReadyMessage)
}

/** In a worker: tells the primary which socket.io sessions live here (for the long-polling transport). */
export function reportSession(sid: string, open: boolean) {
  if (cluster.isWorker) process.send?.({ type: open ? 'iwb:sid' : 'iwb:sid-end', sid } satisfies SessionMessage)
}

export const isClusterWorker = () => cluster.isWorker
