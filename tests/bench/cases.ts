/**
 * The case page under load: a production build on PostgreSQL, a case with 300 replies, 50 signed-in
 * connections for 20 s on GET /cases/:code.
 *
 *   npm run bench:cases
 *
 * Environment: DATABASE_URL (a PostgreSQL server; default postgres://postgres@127.0.0.1:5432/test — a
 * fresh database `iwb_bench_cases` is created next to it), PORT (3201), BUILD_DIR (build), SKIP_BUILD=1
 * to reuse a build, CONNECTIONS (50), DURATION (20 s), REPLIES (300), SERVER_NODE_ARGS (to profile the server).
 *
 * Prints requests/s, latency p50/p95/p99, the server's peak RSS, and how many SQL statements one page
 * costs (from pg_stat_database) for a small case and for the big one — it must not grow with replies.
 */
import { execSync, spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'

import autocannon from 'autocannon'
import postgres from 'postgres'

const BASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test'
const DB_NAME = 'iwb_bench_cases'
const PORT = Number(process.env.PORT ?? 3201)
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50)
const DURATION = Number(process.env.DURATION ?? 20)
const REPLIES = Number(process.env.REPLIES ?? 300)
const SESSION_SECRET = process.env.SESSION_SECRET ?? 'bench-cases-session-secret-0123456789'
const ORIGIN = `http://127.0.0.1:${PORT}`

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

async function freshDatabase(): Promise<string> {
  const admin = postgres(BASE_URL, { max: 1, onnotice: () => {} })
  await admin.unsafe(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`)
  await admin.unsafe(`CREATE DATABASE "${DB_NAME}"`)
  await admin.end()
  const url = new URL(BASE_URL)
  url.pathname = `/${DB_NAME}`
  return url.toString()
}

/** The big case and a signed-in staff cookie, written through the app's own factories. */
async function prepareData(databaseUrl: string) {
  process.env.DATABASE_URL = databaseUrl
  process.env.SESSION_SECRET = SESSION_SECRET
  const { db, migrateDatabase, closeDatabase } = await import('../../db/client.server')
  const { seedDemoData } = await import('../../seed/seed')
  const { users, caseThreads } = await import('../../db/schema')
  const { makeCase, makeReplies } = await import('../../seed/builders/cases')
  const { createUserSession } = await import('../../app/features/identity/session.server')
  const { eq, inArray, asc } = await import('drizzle-orm')
  await migrateDatabase()
  await seedDemoData()
  const people = await db
    .select({ id: users.id, email: users.email, institutionId: users.institutionId })
    .from(users)
    .where(
      inArray(users.email, [
        'staff@demo.bg',
        'social.worker@demo.bg',
        'mediator@demo.bg',
        'inspector@demo.bg',
        'teacher@demo.bg',
        'coordinator@demo.bg',
      ]),
    )
  const staff = people.find((p) => p.email === 'staff@demo.bg')!
  const big = await makeCase(db, {
    authorId: staff.id,
    institutionId: staff.institutionId,
    title: 'Бенчмарк: дълга нишка за семейство, което се мести между три района',
    description: 'Случай с много участници и дълга история на срещите. Използва се за измерване на страницата.',
    involvedInstitutionIds: people.map((p) => p.institutionId),
  })
  const texts = [
    'Проведохме посещение в дома заедно с колегите от ДСП. Семейството е съгласно детето да ' +
      'се върне в училище от следващата седмица.',
    'Училището подготви индивидуален план за подкрепа. Класният ръководител ще следи ' +
      'присъствието ежедневно и ще информира екипа.',
    'Здравният медиатор уреди преглед при личния лекар, за да се издаде медицинска бележка за пропуснатите дни.',
    'Районната администрация потвърди, че семейството има право на помощ за ученически ' +
      'пособия. Документите са подадени.',
  ]
  await makeReplies(
    db,
    big.id,
    Array.from({ length: REPLIES }, (_, i) => ({
      authorId: people[i % people.length].id,
      text: `${texts[i % texts.length]} (${i + 1})`,
      createdAt: new Date(Date.now() - (REPLIES - i) * 60_000),
    })),
  )
  const [small] = await db
    .select({ code: caseThreads.code })
    .from(caseThreads)
    .where(eq(caseThreads.replyCount, 2))
    .orderBy(asc(caseThreads.code))
    .limit(1)
  const setCookie = await createUserSession(staff.id, new Request(ORIGIN))
  await closeDatabase()
  return { bigCode: big.code, smallCode: small.code, cookie: setCookie.split(';')[0] }
}

async function startServer(databaseUrl: string): Promise<ChildProcess> {
  // SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server under load.
  const nodeArgs = (process.env.SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean)
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(PORT),
      DATABASE_URL: databaseUrl,
      SESSION_SECRET,
      LOG_LEVEL: 'warn',
      RATE_LIMIT: 'false',
      RUN_JOBS: 'false',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`)
    try {
      if ((await fetch(`${ORIGIN}/healthz`)).ok) return child
    } catch {
      // not listening yet
    }
    await sleep(250)
  }
  throw new Error('server did not start')
}

function rssSampler(pid: number) {
  let peak = 0
  const read = () => {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    if (match) peak = Math.max(peak, Number(match[1]) * 1024)
  }
  read()
  const timer = setInterval(read, 100)
  return { stop: () => (clearInterval(timer), read(), peak) }
}

/** CPU time (user + system) the process has used, in ms: a figure that other load on the machine does not distort. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100 // utime, stime in clock ticks (USER_HZ = 100)
}

/**
 * SQL statements per page view, from the database's commit counter (postgres.js runs each query in its own
 * transaction).
 */
async function statementsPerPage(url: string, cookie: string, databaseUrl: string, samples = 20) {
  const sqlClient = postgres(databaseUrl, { max: 1, onnotice: () => {} })
  const commits = async () => {
    await sleep(11_000) // idle backends flush their statistics within 10 s
    const [row] = await sqlClient`SELECT xact_commit::bigint AS n FROM pg_stat_database WHERE datname = ${DB_NAME}`
    return Number(row.n)
  }
  const before = await commits()
  for (let i = 0; i < samples; i++) await (await fetch(url, { headers: { cookie } })).arrayBuffer()
  const after = await commits()
  await sqlClient.end()
  return (after - before - 1) / samples // the counter query itself commits once
}

async function main() {
  if (process.env.SKIP_BUILD !== '1') {
    console.log('Building the production bundle…')
    execSync('npx remix build', { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
  }
  const databaseUrl = await freshDatabase()
  console.log(`Seeding ${DB_NAME} and a case with ${REPLIES} replies…`)
  const { bigCode, smallCode, cookie } = await prepareData(databaseUrl)
  const server = await startServer(databaseUrl)
  try {
    const path = `/cases/${encodeURIComponent(bigCode)}`
    const first = await fetch(`${ORIGIN}${path}`, { headers: { cookie }, redirect: 'manual' })
    const html = await first.text()
    if (first.status !== 200 || !html.includes('id="reply-100"') || html.includes('id="reply-101"')) {
      throw new Error(`unexpected page: HTTP ${first.status}, ${html.length} bytes (expected replies 1–100 on page 1)`)
    }
    const perSmall = await statementsPerPage(`${ORIGIN}/cases/${encodeURIComponent(smallCode)}`, cookie, databaseUrl)
    const perBig = await statementsPerPage(`${ORIGIN}${path}`, cookie, databaseUrl)
    const perLast = await statementsPerPage(`${ORIGIN}${path}?page=3`, cookie, databaseUrl)

    await autocannon({ url: `${ORIGIN}${path}`, connections: 10, duration: 3, headers: { cookie } }) // warm-up
    // One connection: the time one page costs the server when nothing queues in front of it.
    const single = await autocannon({ url: `${ORIGIN}${path}`, connections: 1, duration: 5, headers: { cookie } })
    const loadBefore = loadavg()[0]
    const rss = rssSampler(server.pid!)
    const cpuBefore = cpuMs(server.pid!)
    const latencies: number[] = []
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        { url: `${ORIGIN}${path}`, connections: CONNECTIONS, duration: DURATION, headers: { cookie } },
        (error, res) => (error ? reject(error) : resolve(res)),
      )
      instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime))
    })
    const peakRss = rss.stop()
    const cpuPerPage = (cpuMs(server.pid!) - cpuBefore) / Math.max(1, result.requests.total)
    latencies.sort((a, b) => a - b)

    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`
    const pages = Math.ceil(REPLIES / 100)
    const { requests } = result
    const kib = (html.length / 1024).toFixed(0)
    const failed = `${result.non2xx} other, ${result.errors} errors, ${result.timeouts} timeouts`
    const oneConnection = `${single.latency.average.toFixed(1)} ms per page on average`
    const load = `load average ${loadBefore.toFixed(1)} before / ${loadavg()[0].toFixed(1)} after`
    console.log(`
GET ${path} (signed in as staff@demo.bg; ${REPLIES} replies, page 1 of ${pages}; ${kib} KiB of HTML)
  connections        ${CONNECTIONS} for ${DURATION} s
  requests           ${requests.total} (${result['2xx']} 2xx, ${failed})
  requests/s         ${result.requests.average.toFixed(0)}
  latency p50        ${percentile(latencies, 50).toFixed(1)} ms
  latency p95        ${percentile(latencies, 95).toFixed(1)} ms   (target < 100 ms)
  latency p99        ${percentile(latencies, 99).toFixed(1)} ms
  server peak RSS    ${mb(peakRss)}
  one connection     ${oneConnection} (${single.requests.average.toFixed(0)} requests/s)
  server CPU         ${cpuPerPage.toFixed(1)} ms per page (one Node process uses one core: \
at most ~${(1000 / cpuPerPage).toFixed(0)} pages/s on an idle core)
  machine            ${cpus().length} cores, ${load} (other processes share the CPUs)
SQL statements per page view (root loader, session, nav badges, case page, access log):
  small case (2 replies)        ${perSmall.toFixed(1)}
  big case, page 1 (100 shown)  ${perBig.toFixed(1)}
  big case, page 3 (100 shown)  ${perLast.toFixed(1)}`)
  } finally {
    server.kill('SIGTERM')
    await new Promise((r) => server.once('exit', r))
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
