import { createHash } from 'node:crypto'
import { chmodSync, mkdirSync, unlinkSync } from 'node:fs'
import { connect, createServer, type Server } from 'node:net'
import os from 'node:os'
import path from 'node:path'

import { getEnv } from '../../env.server'
import { logger } from '../platform/logger.server'

/**
 * A local control socket of the running embedded server. PGlite's folder may be opened by one process
 * only, so `npm run db:backup` asks the server that holds it to take the backup, and `db:restore`
 * refuses to write while a server answers. The socket lives in a folder only its owner can enter.
 */

export interface ControlRequest {
  command: 'ping' | 'backup'
  dir?: string
}
export type ControlReply = { ok: true; result?: unknown } | { ok: false; error: string }

export function controlSocketPath(dataDir = getEnv().DATA_DIR): string {
  const id = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16)
  if (process.platform === 'win32') return `\\\\.\\pipe\\iwb-${id}`
  return path.join(os.tmpdir(), `iwb-control-${id}`, 'control.sock')
}

/** Sends one request to the server of this data folder; null when no server is listening. */
export function askServer(request: ControlRequest, timeoutMs = 60 * 60_000): Promise<ControlReply | null> {
  return new Promise((resolve, reject) => {
    const socket = connect(controlSocketPath())
    let buffer = ''
    const timer = setTimeout(() => {
      socket.destroy()
      reject(new Error('the running server did not answer in time'))
    }, timeoutMs)
    socket.on('connect', () => socket.write(`${JSON.stringify(request)}\n`))
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8')
      const end = buffer.indexOf('\n')
      if (end === -1) return
      clearTimeout(timer)
      socket.end()
      resolve(JSON.parse(buffer.slice(0, end)) as ControlReply)
    })
    socket.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      if (error.code === 'ENOENT' || error.code === 'ECONNREFUSED') resolve(null)
      else reject(error)
    })
  })
}

/** Listens on the control socket; `handle` answers each request. */
export async function startControlServer(
  handle: (request: ControlRequest) => Promise<unknown>,
): Promise<{ close: () => Promise<void> }> {
  const socketPath = controlSocketPath()
  if (process.platform !== 'win32') {
    mkdirSync(path.dirname(socketPath), { recursive: true, mode: 0o700 })
    chmodSync(path.dirname(socketPath), 0o700)
    if ((await askServer({ command: 'ping' }, 2000).catch(() => null)) !== null) {
      logger.error('another server already uses this DATA_DIR: the backup control socket is not started')
      return { close: async () => {} }
    }
    try {
      unlinkSync(socketPath)
    } catch {
      // no stale socket
    }
  }
  const server: Server = createServer((socket) => {
    let buffer = ''
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8')
      const end = buffer.indexOf('\n')
      if (end === -1) return
      let request: ControlRequest
      try {
        request = JSON.parse(buffer.slice(0, end)) as ControlRequest
      } catch {
        socket.end(`${JSON.stringify({ ok: false, error: 'bad request' })}\n`)
        return
      }
      handle(request).then(
        (result) => socket.end(`${JSON.stringify({ ok: true, result })}\n`),
        (error: unknown) =>
          socket.end(
            `${JSON.stringify({ ok: false, error: error instanceof Error ? error.message : String(error) })}\n`,
          ),
      )
    })
    socket.on('error', () => {})
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(socketPath, resolve)
  })
  return { close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}
