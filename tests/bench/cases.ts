/**
 * The case page under load, beside a bare Node server that answers with the same bytes (measured in the same run, so
 * other work on the machine slows both alike): a production build on PostgreSQL, a case with 300 replies, 50
 * signed-in connections for 20 s on GET /cases/:code, the page as a browser gets it (compressed when it asks).
 *
 *   npm run bench:cases
 *
 * Scenarios (SCENARIOS, comma-separated, all by default):
 *   first    — the first page as users get it, one server process
 *   hundred  — a page of 100 replies (the server started with CASE_PAGE_SIZE=100), one process
 *   cluster  — the first page with WEB_CONCURRENCY=2 (several processes on the two cores)
 *
 * Environment: DATABASE_URL (a PostgreSQL server; default postgres://postgres@127.0.0.1:5432/test — a fresh database
 * `iwb_bench_cases` is created next to it, BENCH_DB to name it otherwise), PORT (3201), BUILD_DIR (build),
 * SKIP_BUILD=1 to reuse a build, CONNECTIONS (50), DURATION (20 s), CPU_PAGES (200: pages sent at 4 connections to
 * measure CPU time per page, which other work on the machine distorts least), REPLIES (300), SQL_COUNT=0 to skip
 * counting SQL
 * statements (it takes a minute), SERVER_NODE_ARGS (to profile the server).
 *
 * Prints requests/s, latency p50/p95/p99, CPU time per page and peak RSS for the app and the bare server, the ratio,
 * how many SQL statements one page costs (from pg_stat_database) for a small case and for the big one, and the CPU
 * time of the app's shell alone (its 404 page for the same user), the floor under every page.
 */
import { execSync } from 'node:child_process'

import autocannon from 'autocannon'
import postgres from 'postgres'

import { freshDatabase } from '../support/fresh-database'
import {
  captureResponse,
  comparison,
  load,
  loadNow,
  machineNote,
  sleep,
  startAppServer,
  startBareServer,
  stopServer,
} from './support/load'

const BASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test'
const DB_NAME = process.env.BENCH_DB ?? 'iwb_bench_cases'
const PORT = Number(process.env.PORT ?? 3201)
const BUILD_DIR = process.env.BUILD_DIR ?? 'build'
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50)
const DURATION = Number(process.env.DURATION ?? 20)
const REPLIES = Number(process.env.REPLIES ?? 300)
const SESSION_SECRET = process.env.SESSION_SECRET ?? 'bench-cases-session-secret-0123456789'
const ORIGIN = `http://127.0.0.1:${PORT}`
const CPU_PAGES = Number(process.env.CPU_PAGES ?? 200)
const SCENARIOS = (process.env.SCENARIOS ?? 'first,hundred,cluster').split(',').map((s) => s.trim())
/** What a browser sends. */
const BROWSER = { 'accept-encoding': 'gzip, deflate, br', accept: 'text/html' }

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
    'Проведохме посещение в дома заедно с колегите от ДСП. ' +
      'Семейството е съгласно детето да се върне в училище от следващата седмица.',
    'Училището подготви индивидуален план за подкрепа. ' +
      'Класният ръководител ще следи присъствието ежедневно и ще информира екипа.',
    'Здравният медиатор уреди преглед при личния лекар, за да се издаде медицинска бележка за пропуснатите дни.',
    'Районната администрация потвърди, че семейството има право на помощ за ученически пособия. ' +
      'Документите са подадени.',
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

const startServer = (databaseUrl: string, env: Record<string, string> = {}) =>
  startAppServer({
    port: PORT,
    buildDir: BUILD_DIR,
    env: { DATABASE_URL: databaseUrl, SESSION_SECRET, RATE_LIMIT: 'false', RUN_JOBS: 'false', ...env },
  })

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

interface Scenario {
  name: string
  title: string
  env: Record<string, string>
  expectShown: number
}

const ALL: Scenario[] = [
  { name: 'first', title: 'first page, one process', env: {}, expectShown: 0 },
  { name: 'hundred', title: 'page of 100 replies, one process', env: { CASE_PAGE_SIZE: '100' }, expectShown: 100 },
  { name: 'cluster', title: 'first page, WEB_CONCURRENCY=2', env: { WEB_CONCURRENCY: '2' }, expectShown: 0 },
]

async function main() {
  if (process.env.SKIP_BUILD !== '1') {
    console.log('Building the production bundle (the app and build/server.js)…')
    execSync('npm run build', { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
  }
  const databaseUrl = await freshDatabase(BASE_URL, DB_NAME)
  console.log(`Seeding ${DB_NAME} and a case with ${REPLIES} replies…`)
  const { bigCode, smallCode, cookie } = await prepareData(databaseUrl)
  const path = `/cases/${encodeURIComponent(bigCode)}`
  const report: string[] = []
  for (const scenario of ALL.filter((s) => SCENARIOS.includes(s.name))) {
    const server = await startServer(databaseUrl, scenario.env)
    try {
      const first = await fetch(`${ORIGIN}${path}`, { headers: { cookie }, redirect: 'manual' })
      const html = await first.text()
      const shown = html.match(/<li id="reply-\d+"/g)?.length ?? 0
      if (first.status !== 200 || !html.includes('id="reply-1"') || shown === 0) {
        throw new Error(`unexpected page: HTTP ${first.status}, ${html.length} bytes`)
      }
      if (scenario.expectShown && shown !== scenario.expectShown) {
        throw new Error(`expected ${scenario.expectShown} replies on the page, found ${shown}`)
      }
      const lines: string[] = []
      if (scenario.name === 'first' && process.env.SQL_COUNT !== '0') {
        const perSmall = await statementsPerPage(
          `${ORIGIN}/cases/${encodeURIComponent(smallCode)}`,
          cookie,
          databaseUrl,
        )
        const perBig = await statementsPerPage(`${ORIGIN}${path}`, cookie, databaseUrl)
        const perLast = await statementsPerPage(`${ORIGIN}${path}?page=3`, cookie, databaseUrl)
        lines.push(
          `SQL statements per page view: small case (2 replies) ${perSmall.toFixed(1)}, ` +
            `big case page 1 ${perBig.toFixed(1)}, page 3 ${perLast.toFixed(1)}`,
        )
      }
      const headers = { cookie, ...BROWSER }
      const canned = await captureResponse(`${ORIGIN}${path}`, { headers })
      const bare = await startBareServer(canned)
      try {
        await autocannon({ url: `${ORIGIN}${path}`, connections: 10, duration: 3, headers }) // warm-up
        // One connection: the time one page costs the server when nothing queues in front of it.
        const single = await autocannon({ url: `${ORIGIN}${path}`, connections: 1, duration: 5, headers })
        // CPU time per page from a fixed number of requests at low concurrency: the figure other work on the
        // machine distorts least.
        const cpu = (url: string, pid: number, amount: number) => load({ url, pid, connections: 4, amount, headers })
        const appCpu = await cpu(`${ORIGIN}${path}`, server.pid!, CPU_PAGES)
        const bareCpu = await cpu(`${bare.url}${path}`, bare.pid, CPU_PAGES * 20)
        report.push(comparison(`GET ${path} — ${scenario.title}: ${CPU_PAGES} pages at 4 connections`, appCpu, bareCpu))
        if (scenario.name === 'first') {
          // The app's shell alone — its 404 page for the same user: the framework, the session, the header's
          // counters and the layout, without a page's own data. What a page of ours cannot cost less than.
          const shell = await load({
            url: `${ORIGIN}/bench-no-such-page`,
            pid: server.pid!,
            connections: 4,
            amount: CPU_PAGES,
            headers,
            ok: (status) => status === 404,
          })
          lines.push(
            `the app's shell alone (its 404 page, same user): ${shell.cpuPerRequest.toFixed(2)} ms CPU per page, ` +
              `${((shell.cpuPerRequest / appCpu.cpuPerRequest) * 100).toFixed(0)} % of the case page's`,
          )
        }
        console.log(`\n${report.at(-1)}`)
        const before = loadNow()
        const app = await load({
          url: `${ORIGIN}${path}`,
          pid: server.pid!,
          connections: CONNECTIONS,
          duration: DURATION,
          headers,
        })
        const baseline = await load({
          url: `${bare.url}${path}`,
          pid: bare.pid,
          connections: CONNECTIONS,
          duration: DURATION,
          headers,
        })
        lines.push(
          `page: ${shown} replies shown, ${(html.length / 1024).toFixed(0)} KiB of HTML, ` +
            `${(canned.body.length / 1024).toFixed(0)} KiB sent ` +
            `(${canned.headers['content-encoding'] ?? 'not compressed'})`,
          `one connection: ${single.latency.average.toFixed(1)} ms per page ` +
            `(${single.requests.average.toFixed(0)} requests/s)`,
          `machine: ${machineNote(before)}`,
          ...lines.splice(0),
        )
        report.push(
          comparison(
            `GET ${path} — ${scenario.title} ` +
              `(signed in as staff@demo.bg, ${REPLIES} replies, ${CONNECTIONS} connections for ${DURATION} s)`,
            app,
            baseline,
            lines,
          ),
        )
        console.log(`\n${report.at(-1)}`)
      } finally {
        await bare.stop()
      }
    } finally {
      await stopServer(server)
    }
  }
  console.log(`\n${report.join('\n\n')}`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
