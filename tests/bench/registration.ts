/**
 * Registration under a rush, against a running production build on PostgreSQL.
 *
 *   npm run build && DATABASE_URL=postgres://… SESSION_SECRET=… NODE_ENV=production PORT=3204 npx tsx server.ts
 *   DATABASE_URL=postgres://… BENCH_URL=http://localhost:3204 npm run bench:registration
 *
 * Creates a published event with one session, then N concurrent clients (CLIENTS, default 200) post
 * the real HTML form (REQUESTS_PER_CLIENT each, default 10; every client is its own X-Forwarded-For
 * address, so the per-IP limit applies as to real parents). Prints registrations/s, latency
 * percentiles and what the database holds afterwards: confirmed, waitlisted and overbooked (must be 0).
 */
import { and, eq, sql } from 'drizzle-orm'

import { RATE_LIMITS } from '../../app/features/platform/rate-limit.server'
import { closeDatabase, db, migrateDatabase } from '../../db/client.server'
import { eventRegistrations, eventSessions } from '../../db/schema'
import { makeEvent } from '../../seed/builders/events'
import { makeInstitution } from '../../seed/builders/identity'

const BASE = process.env.BENCH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`
const CLIENTS = Number(process.env.CLIENTS ?? 200)
const PER_CLIENT = Number(process.env.REQUESTS_PER_CLIENT ?? 10)
const CAPACITY = Number(process.env.CAPACITY ?? 100)
const SEATS = Number(process.env.SEATS ?? 1)

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

async function main() {
  if (!process.env.DATABASE_URL) {
    console.error(
      'Set DATABASE_URL to the PostgreSQL database the server under test uses (the bench checks the result there).',
    )
    process.exit(1)
  }
  try {
    await fetch(`${BASE}/healthz`)
  } catch {
    console.error(
      `No server at ${BASE}. Start a production build first (see the header of tests/bench/registration.ts).`,
    )
    process.exit(1)
  }
  await migrateDatabase()
  const institution = await makeInstitution(db, { kind: 'school', name: `Бенчмарк училище ${Date.now()}` })
  const { event, sessions } = await makeEvent(db, {
    organiserInstitutionId: institution.id,
    title: `Бенчмарк: ден на отворените врати ${new Date().toISOString()}`,
    sessions: [{ capacity: CAPACITY, maxSeatsPerRegistration: Math.max(5, SEATS) }],
  })
  const sessionId = sessions[0].id
  const url = `${BASE}/events/${event.slug}/register`
  const run = Date.now().toString(36)
  // Fresh client addresses on every run, so a previous run's per-IP counters do not apply.
  const network = Math.floor(Math.random() * 250) + 1

  const latencies: number[] = []
  const statuses = new Map<number, number>()
  let done = 0
  const total = CLIENTS * PER_CLIENT
  console.log(
    `POST ${url}\n${CLIENTS} concurrent clients × ${PER_CLIENT} registrations = ${total}; ` +
      `capacity ${CAPACITY}, ${SEATS} seat(s) each`,
  )

  const client = async (c: number) => {
    const ip = `10.${network}.${(c >> 8) & 255}.${c & 255}`
    for (let i = 0; i < PER_CLIENT; i++) {
      const body = new URLSearchParams({
        sessionId,
        name: `Родител ${c}-${i}`,
        email: `bench-${run}-${c}-${i}@example.bg`,
        // A family's own number: one place per phone and session, like one per e-mail.
        phone: `0888 ${String(c * PER_CLIENT + i).padStart(6, '0')}`,
        seats: String(SEATS),
        consent: 'on',
        website: '',
      })
      const started = performance.now()
      const response = await fetch(url, {
        method: 'POST',
        body,
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip },
      })
      await response.arrayBuffer()
      latencies.push(performance.now() - started)
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
      done++
    }
  }

  const started = performance.now()
  await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)))
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)

  const rows = await db
    .select({
      status: eventRegistrations.status,
      n: sql<number>`count(*)::int`,
      seats: sql<number>`coalesce(sum(${eventRegistrations.seats}), 0)::int`,
    })
    .from(eventRegistrations)
    .where(eq(eventRegistrations.sessionId, sessionId))
    .groupBy(eventRegistrations.status)
  const by = Object.fromEntries(rows.map((r) => [r.status, r]))
  const [session] = await db.select().from(eventSessions).where(eq(eventSessions.id, sessionId))
  const confirmedSeats = by.confirmed?.seats ?? 0
  const tickets = await db
    .select({ ticket: eventRegistrations.waitlistTicket })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.sessionId, sessionId), eq(eventRegistrations.status, 'waitlisted')))
    .orderBy(eventRegistrations.waitlistTicket)
  const gapless = tickets.every((t, i) => t.ticket === i + 1)

  const created = statuses.get(303) ?? 0
  console.log(`\nresponses: ${[...statuses].map(([s, n]) => `${s}×${n}`).join(', ')} (${done} sent)`)
  console.log(`registrations/s: ${(created / seconds).toFixed(1)}  (${created} in ${seconds.toFixed(2)} s)`)
  console.log(
    `latency ms: p50 ${percentile(latencies, 50).toFixed(1)}  p95 ` +
      `${percentile(latencies, 95).toFixed(1)}  p99 ${percentile(latencies, 99).toFixed(1)}  ` +
      `max ${latencies.at(-1)?.toFixed(1)}`,
  )
  console.log(`confirmed: ${by.confirmed?.n ?? 0} registrations, ${confirmedSeats} seats of ${session.capacity}`)
  console.log(
    `waitlisted: ${by.waitlisted?.n ?? 0} (positions 1…${tickets.length} ` +
      `${gapless ? 'without gaps or duplicates' : 'WITH GAPS'})`,
  )
  console.log(`overbooked: ${Math.max(0, confirmedSeats - session.capacity)}`)
  if (statuses.get(429))
    console.log(
      `(429 = the per-IP limit of ${RATE_LIMITS.register.limit} per ` +
        `${RATE_LIMITS.register.windowSeconds / 60} min; keep REQUESTS_PER_CLIENT ≤ ` +
        `${RATE_LIMITS.register.limit})`,
    )
  console.log(
    `session counters agree with rows: ` +
      (session.confirmedSeats === confirmedSeats && session.waitlistCount === (by.waitlisted?.n ?? 0) ? 'yes' : 'NO'),
  )
  await closeDatabase()
}

main().catch(async (error) => {
  console.error(error)
  await closeDatabase()
  process.exit(1)
})
