/**
 * npm run bench:chat — case-conference chat under load.
 *
 * Starts the production build on PostgreSQL, signs in N clients (sessions made here), puts them in
 * rooms of ROOM_SIZE and has every client send at a steady rate so that the room total is RATE
 * messages/s for DURATION seconds. Measures, for every message and every other member of its room,
 * the time from send to receipt; counts lost and duplicated deliveries; samples the server's RSS.
 * Then runs the same load against a bare socket.io echo server (no auth, no database) as a baseline.
 *
 * Settings (environment): CHAT_BENCH_CLIENTS=500 CHAT_BENCH_ROOM_SIZE=10 CHAT_BENCH_RATE=250
 * CHAT_BENCH_SECONDS=30 CHAT_BENCH_PORT=3205 CHAT_BENCH_BASELINE_PORT=3215
 * BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres (the bench creates iwb_bench_chat)
 * BUILD_DIR=/tmp/build-chat (built when missing), CHAT_BENCH_SERVER_NODE_ARGS='--cpu-prof' to profile
 * the server. This is not a test: it prints figures.
 */
import { execSync, spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, readFileSync, symlinkSync } from 'node:fs'
import { createServer } from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { io as connect, type Socket } from 'socket.io-client'

import { freshDatabase } from '../support/fresh-database'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback)
const CLIENTS = num('CHAT_BENCH_CLIENTS', 500)
const ROOM_SIZE = num('CHAT_BENCH_ROOM_SIZE', 10)
const RATE = num('CHAT_BENCH_RATE', 250)
const SECONDS = num('CHAT_BENCH_SECONDS', 30)
const PORT = num('CHAT_BENCH_PORT', 3205)
const BASELINE_PORT = num('CHAT_BENCH_BASELINE_PORT', 3215)
const BUILD_DIR = process.env.BUILD_DIR ?? '/tmp/build-chat'
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const BENCH_DB = 'iwb_bench_chat'
const SESSION_SECRET = 'chat-bench-session-secret-0123456789'
const DRAIN_MS = 5000

interface Delivery {
  roomId: string
  seq: number
  clientId: string | null
}

interface RunResult {
  label: string
  sent: number
  acked: number
  refused: number
  delivered: number
  expected: number
  lost: number
  duplicated: number
  /** Per delivery: send → received by one other member. */
  latencies: number[]
  /** Per message: send → received by the last of the other members. */
  allLatencies: number[]
  seconds: number
  peakRssMb: number
}

// ---------------------------------------------------------------- baseline server (child process)

/** The same protocol with nothing behind it: join a room, broadcast with a per-room counter, ack. */
function runBaselineServer(port: number) {
  return import('socket.io').then(({ Server }) => {
    const httpServer = createServer()
    const io = new Server(httpServer, { serveClient: false })
    const counters = new Map<string, number>()
    io.on('connection', (socket) => {
      socket.on('room:join', (p: { roomId: string }, ack: (r: unknown) => void) => {
        void socket.join(`room:${p.roomId}`)
        ack({ ok: true, messages: [], presence: [], lastSeq: counters.get(p.roomId) ?? 0 })
      })
      socket.on('message:send', (p: { roomId: string; clientId: string; body: string }, ack: (r: unknown) => void) => {
        const seq = (counters.get(p.roomId) ?? 0) + 1
        counters.set(p.roomId, seq)
        const message = {
          roomId: p.roomId,
          seq,
          clientId: p.clientId,
          body: p.body,
          createdAt: new Date().toISOString(),
        }
        io.to(`room:${p.roomId}`).emit('message:new', message)
        ack({ ok: true, message })
      })
    })
    httpServer.listen(port, '127.0.0.1', () => console.log('listening'))
  })
}

// ---------------------------------------------------------------- helpers

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
    return kb / 1024
  } catch {
    return 0
  }
}

const children = new Set<ChildProcess>()
// Whatever happens to the bench, it leaves no server running behind it.
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')))

function startChild(
  args: string[],
  env: Record<string, string>,
  readyText: string,
  nodeArgs: string[] = [],
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.add(child)
  child.once('exit', () => children.delete(child))
  let log = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 60_000)
    const onData = (chunk: Buffer) => {
      log += chunk.toString()
      if (log.includes(readyText)) {
        clearTimeout(timer)
        resolve(child)
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${log}`)))
  })
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

// ---------------------------------------------------------------- the load

interface BenchClient {
  socket: Socket
  roomId: string
}

async function connectClients(
  url: string,
  cookies: (string | null)[],
  roomOf: (i: number) => string,
): Promise<BenchClient[]> {
  const clients: BenchClient[] = []
  const BATCH = 50
  for (let start = 0; start < cookies.length; start += BATCH) {
    const batch = cookies.slice(start, start + BATCH).map(async (cookie, j) => {
      const i = start + j
      const socket = connect(url, {
        transports: ['websocket'],
        extraHeaders: cookie ? { cookie } : {},
        reconnection: true,
        forceNew: true,
      })
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve())
        socket.once('connect_error', reject)
      })
      const roomId = roomOf(i)
      const joined = (await socket.timeout(30_000).emitWithAck('room:join', { roomId })) as {
        ok: boolean
        error?: string
      }
      if (!joined.ok) throw new Error(`join refused: ${joined.error}`)
      return { socket, roomId }
    })
    clients.push(...(await Promise.all(batch)))
  }
  return clients
}

async function runLoad(
  label: string,
  url: string,
  serverPid: number,
  cookies: (string | null)[],
  roomOf: (i: number) => string,
): Promise<RunResult> {
  const clients = await connectClients(url, cookies, roomOf)
  const roomSizes = new Map<string, number>()
  for (const c of clients) roomSizes.set(c.roomId, (roomSizes.get(c.roomId) ?? 0) + 1)
  const sentAt = new Map<string, { at: number; roomId: string; sender: number }>()
  const seen = clients.map(() => new Set<string>())
  const latencies: number[] = []
  const allLatencies: number[] = []
  const receivedBy = new Map<string, number>()
  let duplicated = 0
  let delivered = 0
  const ackedIds = new Set<string>()
  let refused = 0
  let sent = 0

  clients.forEach((client, index) => {
    client.socket.on('message:new', (m: Delivery) => {
      const key = `${m.roomId}:${m.seq}`
      if (seen[index].has(key)) {
        duplicated++
        return
      }
      seen[index].add(key)
      const origin = m.clientId ? sentAt.get(m.clientId) : undefined
      if (!origin || origin.sender === index) return
      delivered++
      const elapsed = performance.now() - origin.at
      latencies.push(elapsed)
      const count = (receivedBy.get(m.clientId!) ?? 0) + 1
      receivedBy.set(m.clientId!, count)
      if (count === (roomSizes.get(origin.roomId) ?? 1) - 1) allLatencies.push(elapsed)
    })
  })

  let peakRss = rssMb(serverPid)
  const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, rssMb(serverPid))), 250)
  const intervalMs = (clients.length / RATE) * 1000
  const started = performance.now()
  const endAt = started + SECONDS * 1000
  const timers = clients.map((client, index) => {
    const fire = () => {
      if (performance.now() >= endAt) return
      const clientId = randomUUID()
      sentAt.set(clientId, { at: performance.now(), roomId: client.roomId, sender: index })
      sent++
      client.socket
        .timeout(30_000)
        .emitWithAck('message:send', {
          roomId: client.roomId,
          clientId,
          body: 'Съобщение от натоварващия тест: уточняваме посещението.',
        })
        .then((r: { ok: boolean }) => (r.ok ? ackedIds.add(clientId) : refused++))
        .catch(() => refused++)
    }
    // Spread the first sends over one interval so the load is steady, not in waves.
    const first = setTimeout(() => {
      fire()
      timers[index].repeat = setInterval(fire, intervalMs)
    }, Math.random() * intervalMs)
    return { first, repeat: undefined as NodeJS.Timeout | undefined }
  })
  await new Promise((r) => setTimeout(r, SECONDS * 1000))
  for (const t of timers) {
    clearTimeout(t.first)
    if (t.repeat) clearInterval(t.repeat)
  }
  // Every acknowledged (stored) message must reach every other member of its room.
  const expectedNow = () => {
    let n = 0
    for (const id of ackedIds) n += (roomSizes.get(sentAt.get(id)!.roomId) ?? 1) - 1
    return n
  }
  const drainUntil = performance.now() + DRAIN_MS
  while (performance.now() < drainUntil && (delivered < expectedNow() || ackedIds.size + refused < sent))
    await new Promise((r) => setTimeout(r, 100))
  const elapsed = (performance.now() - started) / 1000
  clearInterval(rssTimer)
  for (const c of clients) c.socket.disconnect()
  const expected = expectedNow()
  return {
    label,
    sent,
    acked: ackedIds.size,
    refused,
    delivered,
    expected,
    lost: Math.max(0, expected - delivered),
    duplicated,
    latencies: latencies.sort((a, b) => a - b),
    allLatencies: allLatencies.sort((a, b) => a - b),
    seconds: Math.min(elapsed, SECONDS),
    peakRssMb: peakRss,
  }
}

// ---------------------------------------------------------------- the app under test

async function seedClients(databaseUrl: string): Promise<{ cookies: string[]; roomIds: string[] }> {
  process.env.DATABASE_URL = databaseUrl
  process.env.SESSION_SECRET = SESSION_SECRET
  process.env.NODE_ENV = 'production'
  const { db, migrateDatabase } = await import('../../db/client.server')
  await migrateDatabase()
  const { makeInstitution, makeUser } = await import('../../seed/builders/identity')
  const { makeChatRoom } = await import('../../seed/builders/chat')
  const { createUserSession } = await import('../../app/features/identity/session.server')
  const institution = await makeInstitution(db, { name: 'Бенчмарк институция' })
  const userIds: string[] = []
  const cookies: string[] = []
  for (let i = 0; i < CLIENTS; i++) {
    const user = await makeUser(db, {
      institutionId: institution.id,
      email: `bench-${i}@bench.bg`,
      name: `Участник ${i}`,
    })
    userIds.push(user.id)
    cookies.push((await createUserSession(user.id, new Request('http://localhost/'))).split(';')[0])
  }
  const roomIds: string[] = []
  for (let start = 0; start < CLIENTS; start += ROOM_SIZE) {
    roomIds.push(
      (
        await makeChatRoom(db, {
          memberIds: userIds.slice(start, start + ROOM_SIZE),
          title: `Стая ${start / ROOM_SIZE + 1}`,
        })
      ).id,
    )
  }
  return { cookies, roomIds }
}

async function duplicatesInDatabase(): Promise<{ rows: number; distinct: number; seqCollisions: number }> {
  const { db, queryRows } = await import('../../db/client.server')
  const { sql } = await import('drizzle-orm')
  const [row] = await queryRows<{ rows: number; distinct_client: number; distinct_seq: number }>(
    db,
    sql`SELECT count(*)::int AS rows, count(DISTINCT client_id)::int AS distinct_client,
          count(DISTINCT (room_id, seq))::int AS distinct_seq
        FROM chat_messages`,
  )
  return { rows: row.rows, distinct: row.distinct_client, seqCollisions: row.rows - row.distinct_seq }
}

function ensureBuild() {
  if (!existsSync(path.join(BUILD_DIR, 'index.js')) || process.env.BENCH_REBUILD) {
    console.log(`Building the app into ${BUILD_DIR} …`)
    execSync('npx remix build', {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, BUILD_DIR, NODE_ENV: 'production' },
    })
  }
  // A build outside the project resolves its packages from the project's node_modules.
  const modules = path.join(path.resolve(root, BUILD_DIR), 'node_modules')
  if (!existsSync(modules)) symlinkSync(path.join(root, 'node_modules'), modules, 'dir')
}

function printResult(r: RunResult) {
  const p = (n: number) => percentile(r.latencies, n).toFixed(1)
  const all = (n: number) => percentile(r.allLatencies, n).toFixed(1)
  console.log(
    [
      `${r.label}`,
      `  sent ${r.sent} (${(r.sent / r.seconds).toFixed(1)}/s), acknowledged ${r.acked}, refused ${r.refused}`,
      `  delivered ${r.delivered} of ${r.expected} expected → ${(r.delivered / r.seconds).toFixed(0)} deliveries/s`,
      `  latency send → received by every other member (per message, the last member): p50 ` +
        `${all(50)} ms, p95 ${all(95)} ms, p99 ${all(99)} ms, max ` +
        `${r.allLatencies.at(-1)?.toFixed(1)} ms`,
      `  latency send → received by a member (per delivery): p50 ${p(50)} ms, p95 ${p(95)} ms, ` +
        `p99 ${p(99)} ms, max ${r.latencies.at(-1)?.toFixed(1)} ms`,
      `  lost ${r.lost}, duplicated ${r.duplicated}`,
      `  server peak RSS ${r.peakRssMb.toFixed(0)} MB`,
    ].join('\n'),
  )
}

async function main() {
  if (process.argv[2] === '--baseline-server') return runBaselineServer(Number(process.argv[3]))
  console.log(`chat bench: ${CLIENTS} clients in rooms of ${ROOM_SIZE}, ${RATE} messages/s for ${SECONDS} s`)
  ensureBuild()
  const databaseUrl = await freshDatabase(ADMIN_URL, BENCH_DB)
  const { cookies, roomIds } = await seedClients(databaseUrl)
  const roomOf = (i: number) => roomIds[Math.floor(i / ROOM_SIZE)]

  const app = await startChild(
    ['server.ts'],
    {
      BUILD_DIR,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      SESSION_SECRET,
      RUN_JOBS: 'false',
      // 'info' prints the "listening" line the bench waits for; requests are not logged.
      LOG_LEVEL: 'info',
      REALTIME_ADAPTER: process.env.REALTIME_ADAPTER ?? 'memory',
      RATE_LIMIT: process.env.RATE_LIMIT ?? 'true',
    },
    'listening',
    (process.env.CHAT_BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
  )
  let chat: RunResult
  try {
    chat = await runLoad(
      `app (production build, PostgreSQL, ${process.env.REALTIME_ADAPTER ?? 'memory'} adapter)`,
      `http://127.0.0.1:${PORT}`,
      app.pid!,
      cookies,
      roomOf,
    )
  } finally {
    await stopChild(app)
  }
  const db = await duplicatesInDatabase()

  const baselineServer = await startChild(
    [fileURLToPath(import.meta.url), '--baseline-server', String(BASELINE_PORT)],
    {},
    'listening',
  )
  let baseline: RunResult
  try {
    baseline = await runLoad(
      'baseline (bare socket.io echo, no auth, no database)',
      `http://127.0.0.1:${BASELINE_PORT}`,
      baselineServer.pid!,
      cookies.map(() => null),
      roomOf,
    )
  } finally {
    await stopChild(baselineServer)
  }

  console.log('')
  printResult(chat)
  console.log(`  database: ${db.rows} messages, ${db.distinct} distinct client ids, ${db.seqCollisions} id collisions`)
  printResult(baseline)
  const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : 'n/a')
  console.log(
    `\nratio app / baseline (every member): p50 ` +
      `×${ratio(percentile(chat.allLatencies, 50), percentile(baseline.allLatencies, 50))}, ` +
      `p99 ×${ratio(percentile(chat.allLatencies, 99), percentile(baseline.allLatencies, 99))}, ` +
      `deliveries/s ×${ratio(chat.delivered, baseline.delivered)}, peak RSS ` +
      `×${ratio(chat.peakRssMb, baseline.peakRssMb)}`,
  )
  const p99 = percentile(chat.allLatencies, 99)
  console.log(
    `target p99 (every member) < 100 ms: ${p99 < 100 ? 'met' : 'NOT met'} (${p99.toFixed(1)} ` +
      `ms); lost = 0: ${chat.lost === 0 ? 'yes' : 'NO'}; duplicated = 0: ` +
      `${chat.duplicated === 0 && db.rows === db.distinct ? 'yes' : 'NO'}`,
  )
  const { closeDatabase } = await import('../../db/client.server')
  await closeDatabase()
  process.exit(0)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
