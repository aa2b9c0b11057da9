/**
 * A rush of parents on an open day, beside a bare Node server that answers with the same bytes (measured in the same
 * run, so other work on the machine slows both alike): a production build on PostgreSQL, a published open day, the
 * public pages a parent opens, registrations through the real HTML form, and the latency at an offered rate.
 *
 *   npm run bench:registration
 *
 * Scenarios (SCENARIOS, comma-separated, all by default), each once per server set-up (PROCESSES, "1,2" by default:
 * one process, then WEB_CONCURRENCY=2):
 *   pages     — GET /events, /events/:slug and a confirmation page /registrations/:token, as a browser without a
 *               cookie asks for them (the first two are then served from the public-page cache), and the CPU time
 *               of each page rendered for every request (a visitor with a cookie)
 *   register  — CLIENTS clients posting the registration form back to back for DURATION s (closed loop), then what
 *               the database holds: confirmed, waitlisted, overbooked (must be 0), and database commits per
 *               registration (pg_stat_database: the figure other work on the machine does not move)
 *   open      — registrations arriving at OFFERED_RATE per second for DURATION s whatever the server answers (open
 *               loop; Poisson arrivals, ARRIVALS=fixed for a fixed interval), latency counted from the scheduled time
 *
 * Every registration is a different family from a different address (X-Forwarded-For, which the server trusts from
 * loopback), posted as a browser without JavaScript posts the form (urlencoded, Origin of the site); the rate limits
 * stay on, as in production.
 *
 * Environment: DATABASE_URL (a PostgreSQL server; default postgres://postgres@127.0.0.1:5432/test — a fresh database
 * `iwb_bench_registration` is created next to it, BENCH_DB to name it otherwise), PORT (3204), BUILD_DIR (build),
 * SKIP_BUILD=1 to reuse a build, CONNECTIONS (50, for the pages), CLIENTS (200), DURATION (10 s), OFFERED_RATE (150/s),
 * CPU_PAGES (300:
 * pages sent at 4 connections to measure CPU time per page), SQL_COUNT=0 to skip counting the SQL statements of a page
 * (a minute), CAPACITY (100 seats per session), SERVER_NODE_ARGS (e.g.
 * "--cpu-prof --cpu-prof-dir=/tmp/prof-reg" to profile the server), BUILD_DIR pointing at another checkout's build to
 * measure it the same way (before/after).
 */
import { execSync, type ChildProcess } from 'node:child_process'
import { Agent, request as httpRequest } from 'node:http'

import autocannon from 'autocannon'
import postgres from 'postgres'

import { freshDatabase } from '../support/fresh-database'
import {
  captureResponse,
  comparison,
  load,
  loadNow,
  machineNote,
  percentile,
  sampler,
  sleep,
  startAppServer,
  startBareServer,
  stopServer,
  type CannedResponse,
  type LoadFigures,
} from './support/load'

const BASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test'
const DB_NAME = process.env.BENCH_DB ?? 'iwb_bench_registration'
const PORT = Number(process.env.PORT ?? 3204)
const BUILD_DIR = process.env.BUILD_DIR ?? 'build'
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50)
const CLIENTS = Number(process.env.CLIENTS ?? 200)
const DURATION = Number(process.env.DURATION ?? 10)
const OFFERED_RATE = Number(process.env.OFFERED_RATE ?? 150)
const ARRIVALS = process.env.ARRIVALS === 'fixed' ? 'fixed' : 'poisson'
const CPU_PAGES = Number(process.env.CPU_PAGES ?? 300)
const CAPACITY = Number(process.env.CAPACITY ?? 100)
const SESSION_SECRET = process.env.SESSION_SECRET ?? 'bench-registration-session-secret-0123456789'
const ORIGIN = `http://127.0.0.1:${PORT}`
const SCENARIOS = (process.env.SCENARIOS ?? 'pages,register,open').split(',').map((s) => s.trim())
const PROCESSES = (process.env.PROCESSES ?? '1,2').split(',').map(Number)
/** What a browser sends for a page. */
const BROWSER = { 'accept-encoding': 'gzip, deflate, br', accept: 'text/html', 'accept-language': 'bg' }

/** The demo data (so /events lists what a real instance lists) and a school that organises the open days. */
async function prepareData(databaseUrl: string) {
  process.env.DATABASE_URL = databaseUrl
  process.env.SESSION_SECRET = SESSION_SECRET
  const { migrateDatabase, db } = await import('../../db/client.server')
  const { seedDemoData } = await import('../../seed/seed')
  const { makeInstitution } = await import('../../seed/builders/identity')
  await migrateDatabase()
  await seedDemoData()
  return makeInstitution(db, { kind: 'school', name: '152 ОУ „Бенчмарк“' })
}

let openDays = 0
/**
 * A published open day with one session of CAPACITY seats: one per registration run, so each run's result stands
 * alone.
 */
async function openDay(institutionId: string) {
  const { db } = await import('../../db/client.server')
  const { makeEvent } = await import('../../seed/builders/events')
  const { event, sessions } = await makeEvent(db, {
    organiserInstitutionId: institutionId,
    title: `Ден на отворените врати в първи клас ${++openDays}`,
    descriptionText:
      'Заповядайте с детето си: ще разгледаме класните стаи, ще се запознаете с учителите и ще разкажем за ' +
      'занималните, столовата и записването. Вземете лична карта и акт за раждане на детето.',
    locationAddress: 'ул. „Училищна“ 5, София',
    sessions: [{ capacity: CAPACITY, maxSeatsPerRegistration: 5 }],
  })
  return { slug: event.slug, sessionId: sessions[0].id }
}

const startServer = (databaseUrl: string, env: Record<string, string> = {}) =>
  startAppServer({
    port: PORT,
    buildDir: BUILD_DIR,
    env: { HOST: '127.0.0.1', DATABASE_URL: databaseUrl, SESSION_SECRET, APP_URL: ORIGIN, RUN_JOBS: 'false', ...env },
  })

// ---------------------------------------------------------------------------------------------------------------
// One family's form post

let families = 0
/** A family nobody has used yet: its own address, e-mail and phone. */
function family(slug: string, sessionId: string) {
  const n = ++families
  const run = process.pid.toString(36)
  return {
    path: `/events/${slug}/register`,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: ORIGIN,
      'accept-language': 'bg',
      // 10.0.0.0/8: 16 million addresses, one per family.
      'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
    },
    body: new URLSearchParams({
      sessionId,
      name: `Родител ${n}`,
      email: `parent-${run}-${n}@example.bg`,
      phone: `0888 ${String(n % 1_000_000).padStart(6, '0')}`,
      seats: String(1 + (n % 2)),
      ageGroup: '',
      consent: 'on',
      website: '', // the honeypot, left empty as people leave it
    }).toString(),
  }
}

/** The form as autocannon sends it, a new family for every request. */
function registrationRequests(slug: string, sessionId: string): autocannon.Request[] {
  return [
    {
      method: 'POST',
      path: `/events/${slug}/register`,
      setupRequest: (req) => {
        const f = family(slug, sessionId)
        return { ...req, path: f.path, headers: { ...req.headers, ...f.headers }, body: f.body }
      },
    },
  ]
}

async function postForm(slug: string, sessionId: string): Promise<CannedResponse> {
  const f = family(slug, sessionId)
  return captureResponse(`${ORIGIN}${f.path}`, { method: 'POST', headers: f.headers, body: f.body })
}

/** Transactions committed in the bench's database so far (each statement outside a transaction is one). */
async function commits(databaseUrl: string) {
  await sleep(11_000) // idle backends flush their statistics within 10 s
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} })
  const [row] = await sql<
    { n: string }[]
  >`SELECT xact_commit::bigint AS n FROM pg_stat_database WHERE datname = ${DB_NAME}`
  await sql.end()
  return Number(row.n)
}

/** What the database holds for a session after a run. */
async function outcome(databaseUrl: string, sessionId: string) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} })
  const rows = await sql<{ status: string; n: number; seats: number }[]>`
    SELECT status, count(*)::int AS n, coalesce(sum(seats), 0)::int AS seats
    FROM event_registrations WHERE session_id = ${sessionId} GROUP BY status`
  const [session] = await sql<{ capacity: number; confirmed_seats: number; waitlist_count: number }[]>`
    SELECT capacity, confirmed_seats, waitlist_count FROM event_sessions WHERE id = ${sessionId}`
  const tickets = await sql<{ ticket: number }[]>`
    SELECT waitlist_ticket AS ticket FROM event_registrations
    WHERE session_id = ${sessionId} AND status = 'waitlisted' ORDER BY waitlist_ticket`
  await sql.end()
  const by = Object.fromEntries(rows.map((r) => [r.status, r]))
  const confirmedSeats = by.confirmed?.seats ?? 0
  const waitlisted = by.waitlisted?.n ?? 0
  const gapless = tickets.every((t, i) => t.ticket === i + 1)
  const agree = session.confirmed_seats === confirmedSeats && session.waitlist_count === waitlisted
  return {
    registrations: rows.reduce((sum, r) => sum + r.n, 0),
    overbooked: Math.max(0, confirmedSeats - session.capacity),
    line:
      `database: ${by.confirmed?.n ?? 0} confirmed (${confirmedSeats} of ${session.capacity} seats), ` +
      `${waitlisted} waitlisted (tickets 1…${tickets.length} ${gapless ? 'without gaps' : 'WITH GAPS'}), ` +
      `overbooked ${Math.max(0, confirmedSeats - session.capacity)}; session counters agree: ${agree ? 'yes' : 'NO'}`,
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Open loop: arrivals on a schedule that does not wait for answers

interface OpenFigures {
  sent: number
  ok: number
  failed: number
  /** Arrivals the sender itself started more than 10 ms after their time (the load generator fell behind). */
  late: number
  over200: number
  p50: number
  p95: number
  p99: number
  cpuPerRequest: number
  peakRss: number
  achieved: number
}

/** A small seeded generator, so a run's schedule can be repeated. */
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function schedule(rate: number, seconds: number): number[] {
  const random = mulberry32(17)
  const at: number[] = []
  for (let t = 0, i = 0; t < seconds * 1000; i++) {
    at.push(t)
    t = ARRIVALS === 'fixed' ? ((i + 1) * 1000) / rate : t - (Math.log(1 - random()) * 1000) / rate
  }
  return at
}

async function openLoop(
  base: string,
  pid: number,
  next: () => { path: string; headers: Record<string, string>; body: string },
  isOk: (status: number) => boolean,
): Promise<OpenFigures> {
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity })
  const url = new URL(base)
  const times = schedule(OFFERED_RATE, DURATION)
  const latencies: number[] = []
  let ok = 0
  let failed = 0
  let late = 0
  const probe = sampler(pid)
  const start = performance.now() + 50
  const pending: Promise<void>[] = []
  for (const at of times) {
    const wait = start + at - performance.now()
    if (wait > 1) await sleep(wait)
    if (performance.now() - (start + at) > 10) late++
    const f = next()
    pending.push(
      new Promise<void>((resolve) => {
        const done = (good: boolean) => {
          latencies.push(performance.now() - (start + at))
          if (good) ok++
          else failed++
          resolve()
        }
        const req = httpRequest(
          {
            host: url.hostname,
            port: url.port,
            path: f.path,
            method: 'POST',
            agent,
            headers: { ...f.headers, 'content-length': Buffer.byteLength(f.body) },
            timeout: 30_000,
          },
          (res) => {
            res.resume()
            res.on('end', () => done(isOk(res.statusCode ?? 0)))
            res.on('error', () => done(false))
          },
        )
        req.on('timeout', () => req.destroy(new Error('timeout')))
        req.on('error', () => done(false))
        req.end(f.body)
      }),
    )
  }
  await Promise.all(pending)
  const elapsed = (performance.now() - start) / 1000
  const used = probe.stop()
  agent.destroy()
  latencies.sort((a, b) => a - b)
  return {
    sent: times.length,
    ok,
    failed,
    late,
    over200: latencies.filter((l) => l >= 200).length,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    cpuPerRequest: used.cpuMs / Math.max(1, times.length),
    peakRss: used.peakRss,
    achieved: ok / elapsed,
  }
}

function openComparison(title: string, app: OpenFigures, bare: OpenFigures, extra: string[]) {
  const row = (label: string, a: string, b: string, ratio = '') =>
    `  ${label.padEnd(20)}${a.padStart(12)}${b.padStart(14)}${ratio.padStart(10)}`
  const times = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(1)}×` : '—')
  return [
    title,
    row('', 'app', 'bare Node', 'ratio'),
    row('sent', String(app.sent), String(bare.sent)),
    row('answered ok/s', app.achieved.toFixed(0), bare.achieved.toFixed(0)),
    row('latency p50 ms', app.p50.toFixed(1), bare.p50.toFixed(1), times(app.p50, bare.p50)),
    row('latency p95 ms', app.p95.toFixed(1), bare.p95.toFixed(1), times(app.p95, bare.p95)),
    row('latency p99 ms', app.p99.toFixed(1), bare.p99.toFixed(1), times(app.p99, bare.p99)),
    row('≥ 200 ms', String(app.over200), String(bare.over200)),
    row('failed', String(app.failed), String(bare.failed)),
    row('sender late >10 ms', String(app.late), String(bare.late)),
    row(
      'CPU ms/request',
      app.cpuPerRequest.toFixed(2),
      bare.cpuPerRequest.toFixed(2),
      times(app.cpuPerRequest, bare.cpuPerRequest),
    ),
    row('peak RSS', `${(app.peakRss / 1048576).toFixed(0)} MB`, `${(bare.peakRss / 1048576).toFixed(0)} MB`),
    ...extra.map((line) => `  ${line}`),
  ].join('\n')
}

// ---------------------------------------------------------------------------------------------------------------

/** SQL statements one page view costs, from the database's commit counter (each statement is its own transaction). */
async function statementsPerPage(url: string, databaseUrl: string, samples = 20) {
  const before = await commits(databaseUrl)
  for (let i = 0; i < samples; i++) await (await fetch(url, { headers: BROWSER })).arrayBuffer()
  const after = await commits(databaseUrl)
  return (after - before - 1) / samples // the counter query itself commits once
}

async function pages(
  server: ChildProcess,
  label: string,
  paths: string[],
  databaseUrl: string,
  report: (text: string) => void,
) {
  for (const path of paths) {
    const first = await fetch(`${ORIGIN}${path}`, { redirect: 'manual' })
    const html = await first.text()
    if (first.status !== 200) throw new Error(`GET ${path}: HTTP ${first.status}`)
    const statements =
      process.env.SQL_COUNT === '0' || label !== 'one process'
        ? null
        : await statementsPerPage(`${ORIGIN}${path}`, databaseUrl)
    const canned = await captureResponse(`${ORIGIN}${path}`, { headers: BROWSER })
    const bare = await startBareServer(canned)
    try {
      await autocannon({ url: `${ORIGIN}${path}`, connections: 10, duration: 2, headers: BROWSER }) // warm-up
      const cpu = (url: string, pid: number, amount: number) =>
        load({ url, pid, connections: 4, amount, headers: BROWSER })
      const appCpu = await cpu(`${ORIGIN}${path}`, server.pid!, CPU_PAGES)
      // Whether a page right after them was served from the cache (a copy lives 5 s).
      const cache = (await fetch(`${ORIGIN}${path}`, { headers: BROWSER })).headers.get('x-public-page-cache')
      const bareCpu = await cpu(`${bare.url}${path}`, bare.pid, CPU_PAGES * 10)
      // The same page rendered for each request: a cookie (any) keeps a visitor out of the public-page cache.
      const rendered = await load({
        url: `${ORIGIN}${path}`,
        pid: server.pid!,
        connections: 4,
        amount: CPU_PAGES,
        headers: { ...BROWSER, cookie: 'bench=rendered' },
      })
      const before = loadNow()
      const run = (url: string, pid: number) =>
        load({ url, pid, connections: CONNECTIONS, duration: DURATION, headers: BROWSER })
      const app = await run(`${ORIGIN}${path}`, server.pid!)
      const baseline = await run(`${bare.url}${path}`, bare.pid)
      report(
        comparison(`GET ${path} — ${label}, ${CONNECTIONS} connections for ${DURATION} s`, app, baseline, [
          `CPU per page from ${CPU_PAGES} pages at 4 connections: ${appCpu.cpuPerRequest.toFixed(2)} ms vs ` +
            `${bareCpu.cpuPerRequest.toFixed(2)} ms bare ` +
            `(${(appCpu.cpuPerRequest / bareCpu.cpuPerRequest).toFixed(1)}×)` +
            (cache ? ` — public-page cache: ${cache}` : ''),
          `rendered for each request (a visitor with a cookie): ${rendered.cpuPerRequest.toFixed(2)} ms CPU per ` +
            `page, ${rendered.rps.toFixed(0)} pages/s at 4 connections`,
          `page: ${(html.length / 1024).toFixed(1)} KiB of HTML, ${(canned.body.length / 1024).toFixed(1)} KiB sent ` +
            `(${canned.headers['content-encoding'] ?? 'not compressed'})`,
          ...(statements === null ? [] : [`SQL statements per page view: ${statements.toFixed(1)}`]),
          `machine: ${machineNote(before)}`,
        ]),
      )
    } finally {
      await bare.stop()
    }
  }
}

async function closedLoop(
  server: ChildProcess,
  label: string,
  databaseUrl: string,
  institutionId: string,
  report: (text: string) => void,
) {
  const day = await openDay(institutionId)
  const canned = await postForm(day.slug, day.sessionId)
  if (canned.status !== 303) throw new Error(`registration answered HTTP ${canned.status}: ${canned.body}`)
  const bare = await startBareServer(canned)
  try {
    const before = loadNow()
    const run = (url: string, pid: number): Promise<LoadFigures> =>
      load({
        url,
        pid,
        connections: CLIENTS,
        duration: DURATION,
        requests: registrationRequests(day.slug, day.sessionId),
        ok: (s) => s === 303,
      })
    const commitsBefore = await commits(databaseUrl)
    const app = await run(ORIGIN, server.pid!)
    const commitsAfter = await commits(databaseUrl)
    const baseline = await run(bare.url, bare.pid)
    const held = await outcome(databaseUrl, day.sessionId)
    const perRegistration = (commitsAfter - commitsBefore - 1) / Math.max(1, held.registrations)
    report(
      comparison(
        `POST /events/:slug/register — ${label}, ${CLIENTS} clients back to back for ${DURATION} s ` +
          '(requests/s = registrations/s)',
        app,
        baseline,
        [
          held.line,
          `database commits per registration: ${perRegistration.toFixed(2)} ` +
            '(pg_stat_database; the figure load does not move)',
          `machine: ${machineNote(before)}`,
        ],
      ),
    )
    if (held.overbooked > 0) process.exitCode = 1
  } finally {
    await bare.stop()
  }
}

async function openLoopRun(
  server: ChildProcess,
  label: string,
  databaseUrl: string,
  institutionId: string,
  report: (text: string) => void,
) {
  const day = await openDay(institutionId)
  const canned = await postForm(day.slug, day.sessionId)
  const bare = await startBareServer(canned)
  try {
    const before = loadNow()
    const next = () => family(day.slug, day.sessionId)
    const app = await openLoop(ORIGIN, server.pid!, next, (s) => s === 303)
    const baseline = await openLoop(bare.url, bare.pid, next, (s) => s === 303)
    const held = await outcome(databaseUrl, day.sessionId)
    report(
      openComparison(
        `POST /events/:slug/register — ${label}, ${ARRIVALS} arrivals at ${OFFERED_RATE}/s for ${DURATION} s ` +
          '(open loop; latency from the scheduled time)',
        app,
        baseline,
        [held.line, `machine: ${machineNote(before)}`],
      ),
    )
    if (held.overbooked > 0) process.exitCode = 1
  } finally {
    await bare.stop()
  }
}

async function main() {
  if (process.env.SKIP_BUILD !== '1') {
    console.log('Building the production bundle (the app and build/server.js)…')
    execSync('npm run build', { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
  }
  const databaseUrl = await freshDatabase(BASE_URL, DB_NAME)
  console.log(`Seeding ${DB_NAME} and a published open day…`)
  const school = await prepareData(databaseUrl)
  const { closeDatabase } = await import('../../db/client.server')
  const shown = await openDay(school.id)
  const report: string[] = []
  const say = (text: string) => {
    report.push(text)
    console.log(`\n${text}`)
  }
  const started = loadNow()
  for (const processes of PROCESSES) {
    const label = processes > 1 ? `WEB_CONCURRENCY=${processes}` : 'one process'
    const server = await startServer(databaseUrl, processes > 1 ? { WEB_CONCURRENCY: String(processes) } : {})
    try {
      if (SCENARIOS.includes('pages')) {
        // A confirmation page as the family gets it after the form: the 303's target.
        const registered = await postForm(shown.slug, shown.sessionId)
        const ticket = registered.headers.location
        if (registered.status !== 303 || !ticket) throw new Error(`registration answered HTTP ${registered.status}`)
        await pages(server, label, ['/events', `/events/${shown.slug}`, ticket], databaseUrl, say)
        if (processes === 1) {
          // The floor under every public page: the app's shell alone (its 404 page), for a visitor without a cookie.
          const shell = await load({
            url: `${ORIGIN}/bench-no-such-page`,
            pid: server.pid!,
            connections: 4,
            amount: CPU_PAGES,
            headers: BROWSER,
            ok: (status) => status === 404,
          })
          say(`The app's shell alone (its 404 page, no cookie): ${shell.cpuPerRequest.toFixed(2)} ms CPU per page`)
        }
      }
      if (SCENARIOS.includes('register')) await closedLoop(server, label, databaseUrl, school.id, say)
      if (SCENARIOS.includes('open')) await openLoopRun(server, label, databaseUrl, school.id, say)
    } finally {
      await stopServer(server)
    }
  }
  await closeDatabase()
  console.log(`\n=== Summary (${machineNote(started)}) ===\n\n${report.join('\n\n')}`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
