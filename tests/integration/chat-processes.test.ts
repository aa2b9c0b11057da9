import { spawn, type ChildProcess } from 'node:child_process'
import { connect } from 'node:net'

import { eq, sql } from 'drizzle-orm'
import { afterAll, afterEach, describe, expect, it } from 'vitest'

import { ChatRoomConnection } from '../../app/features/chat/connection'
import { SESSION_RECHECK_MS } from '../../app/features/chat/socket.server'
import { setUserActive } from '../../app/features/identity/accounts.server'
import { chatMessages } from '../../db/schema'
import { makeChatRoom } from '../../seed/builders/chat'
import { makeUser } from '../../seed/builders/identity'
import { db } from '../support/database'
import { sessionCookieFor } from '../support/http'
import { chatClient, connected, freePort, startChatServer, waitFor, type ChatClient } from './chat-support'

// Several processes can only share PostgreSQL (PGlite lives inside one process).
const shared = !!process.env.DATABASE_URL

const children = new Set<ChildProcess>()
const sockets: ChatClient[] = []

function startProcess(port: number, adapterEnv: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/integration/chat-process.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      RUN_JOBS: 'false',
      ...adapterEnv,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  children.add(child)
  child.once('exit', () => children.delete(child))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`process on ${port} did not start`)), 30_000)
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) {
        clearTimeout(timer)
        resolve(child)
      }
    })
    child.once('exit', (code) => reject(new Error(`process on ${port} exited with ${code}`)))
  })
}

function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill(signal)
  })
}

afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect()
  await Promise.all([...children].map((c) => stopProcess(c)))
})
afterAll(async () => {
  await Promise.all([...children].map((c) => stopProcess(c, 'SIGKILL')))
})

async function member(port: number, roomId: string, userId: string) {
  const socket = chatClient(`http://127.0.0.1:${port}`, await sessionCookieFor(userId))
  sockets.push(socket)
  const conn = new ChatRoomConnection(socket, { roomId, meId: userId }).start()
  return conn
}

const presenceOf = (conn: ChatRoomConnection) =>
  conn
    .getSnapshot()
    .presence.map((p) => p.userId)
    .sort()

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

/** Whether a Redis server answers; CI always has one, a laptop may not (then the Redis case says it skipped). */
function redisAnswers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 6379), timeout: 1000 })
    const settle = (answer: boolean) => {
      socket.destroy()
      resolve(answer)
    }
    socket
      .once('connect', () => settle(true))
      .once('error', () => settle(false))
      .once('timeout', () => settle(false))
  })
}
const redis = shared && (process.env.CI === 'true' || (await redisAnswers(REDIS_URL)))
if (shared && !redis) console.log(`redis adapter case skipped: no Redis at ${REDIS_URL}`)

const ADAPTERS: [string, Record<string, string>][] = [
  ['postgres', { REALTIME_ADAPTER: 'postgres' }],
  ...(redis ? [['redis', { REALTIME_ADAPTER: 'redis', REDIS_URL }] as [string, Record<string, string>]] : []),
]

describe.skipIf(!shared)('two app processes sharing one PostgreSQL (skipped without DATABASE_URL)', () => {
  for (const [name, adapterEnv] of ADAPTERS) {
    it(`${name} adapter: a message from A's client reaches B's client, presence and typing span both`, async () => {
      const [portA, portB] = [await freePort(), await freePort()]
      await Promise.all([startProcess(portA, adapterEnv), startProcess(portB, adapterEnv)])
      const [ua, ub] = [await makeUser(db), await makeUser(db)]
      const room = await makeChatRoom(db, { memberIds: [ua.id, ub.id] })
      const a = await member(portA, room.id, ua.id)
      await waitFor(() => presenceOf(a).length === 1, 15_000, 'A joined')
      const b = await member(portB, room.id, ub.id)
      await waitFor(() => presenceOf(a).length === 2 && presenceOf(b).length === 2, 15_000, 'presence across processes')
      expect(presenceOf(a)).toEqual([ua.id, ub.id].sort())

      const sent = await a.send('Здравейте от процес А')
      expect(sent.result.ok).toBe(true)
      await waitFor(() => b.getSnapshot().messages.some((m) => m.body === 'Здравейте от процес А'), 10_000, 'A → B')
      await b.send('Отговор от процес Б')
      await waitFor(() => a.getSnapshot().messages.some((m) => m.body === 'Отговор от процес Б'), 10_000, 'B → A')

      a.notifyTyping()
      await waitFor(() => b.getSnapshot().typing.some((t) => t.userId === ua.id), 10_000, 'typing across processes')

      sockets.at(-1)!.disconnect()
      await waitFor(() => JSON.stringify(presenceOf(a)) === JSON.stringify([ua.id]), 15_000, 'B gone from presence')
    }, 90_000)
  }

  it('killing and restarting one process while its client keeps sending loses and duplicates nothing', async () => {
    const adapterEnv = { REALTIME_ADAPTER: 'postgres' }
    const [portA, portB] = [await freePort(), await freePort()]
    let processA = await startProcess(portA, adapterEnv)
    await startProcess(portB, adapterEnv)
    const [ua, ub] = [await makeUser(db), await makeUser(db)]
    const room = await makeChatRoom(db, { memberIds: [ua.id, ub.id] })
    const a = await member(portA, room.id, ua.id)
    const b = await member(portB, room.id, ub.id)
    await waitFor(() => presenceOf(a).length === 2 && presenceOf(b).length === 2, 15_000, 'both joined')

    const sent: string[] = []
    const sending = (async () => {
      for (let i = 1; i <= 60; i++) {
        const body = `Съобщение ${i} от А`
        sent.push(body)
        void a.send(body)
        await new Promise((r) => setTimeout(r, 50))
      }
    })()
    await waitFor(() => sent.length >= 15, 10_000, 'sending started')
    await stopProcess(processA, 'SIGKILL')
    await new Promise((r) => setTimeout(r, 500))
    processA = await startProcess(portA, adapterEnv)
    await sending
    await waitFor(
      () =>
        a.getSnapshot().pending.length === 0 &&
        a.getSnapshot().messages.length === 60 &&
        b.getSnapshot().messages.length === 60,
      30_000,
      'all 60 messages at both clients',
    )
    const everySeq = Array.from({ length: 60 }, (_, i) => i + 1)
    expect(a.getSnapshot().messages.map((m) => m.seq)).toEqual(everySeq)
    expect(b.getSnapshot().messages.map((m) => m.body)).toEqual(sent)
    expect(a.getSnapshot().messages.map((m) => m.body)).toEqual(sent)
    const [row] = await db
      .select({
        n: sql<number>`count(*)::int`,
        distinctClient: sql<number>`count(distinct ${chatMessages.clientId})::int`,
      })
      .from(chatMessages)
      .where(eq(chatMessages.roomId, room.id))
    expect(row).toEqual({ n: 60, distinctClient: 60 })
  }, 120_000)

  it('postgres adapter: disabling a user in one process drops their socket on another at once', async () => {
    const port = await freePort()
    await startProcess(port, { REALTIME_ADAPTER: 'postgres' })
    // This process plays the one where the admin's request runs.
    process.env.REALTIME_ADAPTER = 'postgres'
    const here = await startChatServer().finally(() => delete process.env.REALTIME_ADAPTER)
    try {
      const [user, admin] = [await makeUser(db), await makeUser(db, { role: 'admin' })]
      const socket = chatClient(`http://127.0.0.1:${port}`, await sessionCookieFor(user.id))
      sockets.push(socket)
      socket.io.reconnection(false)
      await connected(socket)
      const gone = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)))
      await setUserActive(admin, user.id, false)
      // Sooner than the per-socket session re-check, and without any event from the client.
      const reason = await Promise.race([
        gone,
        new Promise((r) => setTimeout(() => r('still connected'), SESSION_RECHECK_MS - 1000)),
      ])
      expect(reason).toBe('io server disconnect')
    } finally {
      await here.stop()
    }
  }, 60_000)
})
