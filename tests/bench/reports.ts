/* eslint-disable max-len -- the seeding SQL and the printed table rows read better unwrapped; wrap them when this file is next changed */
/**
 * The report pages with a year of data for Sofia's 24 districts: /reports (the whole project, one
 * district, one team) and its CSV, XLSX and PDF downloads, each called through its route loader as a
 * coordinator. The data: cases, field rounds of 24 teams (one per district, two rounds a week each, half
 * the cases given to the team of their district), open days, practices, conferences.
 *
 *   npm run bench:reports
 *
 * Environment: DATABASE_URL (PostgreSQL; a fresh database `iwb_bench_reports` is created next to it) or,
 * without it, an embedded PGlite in a temporary folder; CASES_PER_DISTRICT (150), RUNS (20); PROFILE=1 also
 * times each indicator statement alone.
 *
 * Prints, per page, the fastest, median, p95 and slowest time in ms (on a loaded machine the fastest run is
 * the steadiest figure of the work itself) and whether the median is under the 200 ms
 * budget of issue #12.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { freshDatabase } from '../support/fresh-database'
import { percentile } from './support/load'

const CASES_PER_DISTRICT = Number(process.env.CASES_PER_DISTRICT ?? 150)
const RUNS = Number(process.env.RUNS ?? 20)
const BUDGET_MS = 200
const DB_NAME = 'iwb_bench_reports'

async function chooseDatabase(): Promise<() => void> {
  const base = process.env.DATABASE_URL
  if (!base) {
    const dir = mkdtempSync(path.join(tmpdir(), 'iwb-bench-reports-'))
    process.env.DATA_DIR = dir
    return () => rmSync(dir, { recursive: true, force: true })
  }
  process.env.DATABASE_URL = await freshDatabase(base, DB_NAME)
  return () => {}
}

/** `run` once to warm up, then RUNS times: the times in ms, sorted. */
async function sortedTimes(run: () => Promise<unknown>): Promise<number[]> {
  await run()
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now()
    await run()
    times.push(performance.now() - t0)
  }
  return times.sort((a, b) => a - b)
}

async function main() {
  const cleanUp = await chooseDatabase()
  process.env.LOG_LEVEL = 'silent'
  const { db, migrateDatabase, closeDatabase, dbKind } = await import('../../db/client.server')
  const { sql } = await import('drizzle-orm')
  const { DISTRICT_CODES } = await import('../../app/features/platform/districts')
  const { plainTextToDoc } = await import('../../app/features/richtext/document')
  const { makeInstitution, makeUser } = await import('../../seed/builders/identity')
  const { createUserSession } = await import('../../app/features/identity/session.server')
  const reports = await import('../../app/routes/reports._index')
  const reportFile = await import('../../app/routes/reports.$file')
  await migrateDatabase()

  const started = Date.now()
  const institution = await makeInstitution(db, { kind: 'district_administration' })
  const coordinator = await makeUser(db, { role: 'coordinator', institutionId: institution.id })
  const districts = `{${DISTRICT_CODES.join(',')}}`
  const total = CASES_PER_DISTRICT * DISTRICT_CODES.length
  const doc = JSON.stringify(plainTextToDoc('Дете от начален етап не посещава училище.'))

  // A year of cases: every district, every age band; 3 of 5 resolved 1–60 days after opening.
  await db.execute(sql`
    INSERT INTO case_threads (code, title, description_doc, description_text, district_code, age_band, education_stage,
                              status, outcome, author_id, institution_id, created_at, status_changed_at, last_activity_at)
    SELECT 'Б-' || i, 'Случай ' || i, ${doc}::jsonb, 'Дете от начален етап не посещава училище.',
           (${districts}::text[])[1 + i % 24], (array['0-6','7-10','11-14','15-18'])[1 + (i / 24) % 4], 'primary',
           CASE WHEN i % 5 < 3 THEN 'resolved' ELSE 'open' END,
           CASE WHEN i % 5 < 3 THEN (array['enrolled_first_time','returned_to_school','moved_school','moved_abroad','referred_service','not_resolved'])[1 + i % 6] END,
           ${coordinator.id}, ${institution.id}, now() - ((i * 7) % 365) * interval '1 day',
           now(), now()
    FROM generate_series(1, ${total}) i`)
  await db.execute(sql`
    INSERT INTO case_status_changes (case_id, actor_id, from_status, to_status, outcome, at)
    SELECT id, author_id, 'open', 'resolved', outcome, least(now(), created_at + (1 + length(code) * 7 % 60) * interval '1 day')
    FROM case_threads WHERE status = 'resolved'`)

  // Open days: one per district with a session a month, 20 registrations each (half checked in).
  await db.execute(sql`
    INSERT INTO events (slug, kind, title, organiser_institution_id, district_code, location_address, status)
    SELECT 'bench-open-day-' || d, 'open_day', 'Ден на отворените врати ' || d, ${institution.id}, d, 'ул. Тестова 1', 'published'
    FROM unnest(${districts}::text[]) d`)
  await db.execute(sql`
    INSERT INTO event_sessions (event_id, starts_at, ends_at, capacity)
    SELECT e.id, now() - m * interval '30 days', now() - m * interval '30 days' + interval '2 hours', 40
    FROM events e CROSS JOIN generate_series(0, 11) m WHERE e.slug LIKE 'bench-open-day-%'`)
  await db.execute(sql`
    INSERT INTO event_registrations (event_id, session_id, status, seats, email, checked_in_at)
    SELECT s.event_id, s.id, 'confirmed', 1 + r % 2, 'parent-' || r || '-' || s.id || '@example.bg',
           CASE WHEN r % 2 = 0 THEN s.starts_at END
    FROM event_sessions s CROSS JOIN generate_series(1, 20) r`)

  // Practices published through the year with "useful" marks, and conferences on cases.
  await db.execute(sql`
    INSERT INTO practices (slug, status, title, summary, sections, section_texts, districts, author_id, institution_id, published_at)
    SELECT 'bench-practice-' || i, 'published', 'Практика ' || i, 'Кратко описание.', '{}'::jsonb, '{}'::jsonb,
           ARRAY[(${districts}::text[])[1 + i % 24]], ${coordinator.id}, ${institution.id}, now() - (i % 365) * interval '1 day'
    FROM generate_series(1, 240) i`)
  await db.execute(sql`
    INSERT INTO practice_useful_marks (practice_id, user_id, created_at)
    SELECT id, ${coordinator.id}, published_at FROM practices WHERE slug LIKE 'bench-practice-%'`)
  await db.execute(sql`
    INSERT INTO chat_rooms (title, case_id, scheduled_at, last_seq)
    SELECT 'Конференция ' || code, id, created_at + interval '3 days', 5 FROM case_threads WHERE code LIKE 'Б-%' AND length(code) % 4 = 0`)
  // Field rounds: a team per district, two rounds a week for a year; half the cases given to their district's team.
  await db.execute(sql`
    INSERT INTO teams (slug, name, kind, district_codes)
    SELECT 'bench-team-' || d, 'Екип ' || d, 'mobile', ARRAY[d] FROM unnest(${districts}::text[]) d`)
  await db.execute(sql`
    INSERT INTO field_rounds (team_id, author_id, round_date, district_codes, households_visited, children_met,
                              children_out_of_school, referred, enrolled, returned)
    SELECT t.id, ${coordinator.id}, current_date - (w * 7 + k * 3), t.district_codes, 4 + w % 5, 3 + (w + k) % 9,
           1 + w % 3, w % 2, k, (w + k) % 2
    FROM teams t CROSS JOIN generate_series(0, 51) w CROSS JOIN generate_series(0, 1) k
    WHERE t.slug LIKE 'bench-team-%'`)
  await db.execute(sql`
    INSERT INTO case_teams (case_id, team_id)
    SELECT c.id, t.id FROM case_threads c JOIN teams t ON t.slug = 'bench-team-' || c.district_code
    WHERE c.code LIKE 'Б-%' AND length(c.code) % 2 = 0`)
  // Follow-through (#14): three actions per case (done on time, done late, open — some overdue), and the three
  // retention checks of every return, the earlier ones answered.
  await db.execute(sql`
    INSERT INTO case_actions (case_id, text, owner_institution_id, due_date, status, completed_at, created_by, created_at)
    SELECT c.id, 'Задача ' || k, c.institution_id, (c.created_at + (5 + k * 7) * interval '1 day')::date,
           CASE WHEN k = 3 THEN 'open' ELSE 'done' END,
           CASE WHEN k < 3 THEN c.created_at + (5 + k * 7 + (k - 1) * 3) * interval '1 day' END,
           c.author_id, c.created_at
    FROM case_threads c CROSS JOIN generate_series(1, 3) k WHERE c.code LIKE 'Б-%'`)
  await db.execute(sql`
    INSERT INTO case_actions (case_id, kind, owner_institution_id, due_date, retention_months, returned_on, status, answer,
                              completed_at, created_by)
    SELECT s.case_id, 'retention_check', c.institution_id, (s.at + m * interval '1 month')::date, m, s.at::date,
           CASE WHEN s.at + m * interval '1 month' < now() THEN 'done' ELSE 'open' END,
           CASE WHEN s.at + m * interval '1 month' < now() THEN (array['attending','irregular','left_again'])[1 + length(c.code) % 3] END,
           CASE WHEN s.at + m * interval '1 month' < now() THEN s.at + m * interval '1 month' END, c.author_id
    FROM case_status_changes s JOIN case_threads c ON c.id = s.case_id CROSS JOIN unnest(array[1, 3, 6]) m
    WHERE s.outcome IN ('returned_to_school', 'enrolled_first_time')`)
  await db.execute(sql`ANALYZE`)
  console.log(
    `${dbKind()}: ${total} cases with ${total * 3} actions and the retention checks of every return, 2,496 field rounds of 24 teams, 288 open-day sessions with 5,760 registrations, 240 practices — seeded in ${Date.now() - started} ms`,
  )

  const cookie = (await createUserSession(coordinator.id, new Request('http://localhost'))).split(';')[0]
  const context = { clientIp: '127.0.0.1', cspNonce: '' }
  const today = new Date().toISOString().slice(0, 10)
  const from = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10)
  const query = `from=${from}&to=${today}`
  const request = (path: string) => new Request(`http://localhost${path}`, { headers: { cookie } })
  const pages: [string, () => Promise<unknown>][] = [
    [
      '/reports (project, a year)',
      () => reports.loader({ request: request(`/reports?${query}`), params: {}, context }),
    ],
    [
      '/reports (one district)',
      () => reports.loader({ request: request(`/reports?${query}&district=lyulin`), params: {}, context }),
    ],
    [
      '/reports (one team)',
      () => reports.loader({ request: request(`/reports?${query}&team=bench-team-lyulin`), params: {}, context }),
    ],
    ...(['csv', 'xlsx', 'pdf'] as const).map(
      (ext) =>
        [
          `/reports/indicators.${ext}`,
          async () => {
            const file = `indicators.${ext}`
            const res = (await reportFile.loader({
              request: request(`/reports/${file}?${query}`),
              params: { file },
              context,
            })) as Response
            await res.arrayBuffer()
          },
        ] as [string, () => Promise<unknown>],
    ),
  ]
  if (process.env.PROFILE) {
    // Each statement of the project's year alone (fastest of RUNS): where a /reports page's time goes.
    const { periodOf } = await import('../../app/features/indicators/period')
    const at = periodOf(from, today).instants
    const scope = {}
    const parts: [string, () => Promise<unknown>][] = [
      ['cases', async () => (await import('../../app/features/cases/indicators.server')).caseFigures(at, scope)],
      [
        'field rounds',
        async () => (await import('../../app/features/teams/indicators.server')).roundFigures(at, scope),
      ],
      [
        'training',
        async () => (await import('../../app/features/training/indicators.server')).trainingFigures(at, scope),
      ],
      ['events', async () => (await import('../../app/features/events/indicators.server')).eventFigures(at, scope)],
      [
        'practices',
        async () => (await import('../../app/features/practices/indicators.server')).practiceFigures(at, scope),
      ],
      [
        'conferences',
        async () => (await import('../../app/features/chat/indicators.server')).conferencesHeld(at, scope),
      ],
      [
        'follow-through (#14)',
        async () =>
          (await import('../../app/features/actions/indicators.server')).followThroughFigures({ period: at, scope }),
      ],
    ]
    for (const [name, run] of parts) {
      const times = await sortedTimes(run)
      console.log(
        `  statement ${name.padEnd(22)} min ${times[0].toFixed(1).padStart(6)} ms  median ${percentile(times, 50).toFixed(1).padStart(6)} ms`,
      )
    }
  }
  let over = 0
  for (const [name, run] of pages) {
    const times = await sortedTimes(run)
    const median = percentile(times, 50)
    const pagesOnly = name.startsWith('/reports (')
    if (pagesOnly && median >= BUDGET_MS) over++
    console.log(
      `${name.padEnd(28)} min ${times[0].toFixed(1).padStart(6)} ms  median ${median.toFixed(1).padStart(7)} ms  p95 ${percentile(times, 95).toFixed(1).padStart(7)} ms  max ${times.at(-1)!.toFixed(1).padStart(7)} ms${pagesOnly ? (median < BUDGET_MS ? '  ✓ under 200 ms' : '  ✗ OVER 200 ms') : ''}`,
    )
  }
  await closeDatabase()
  cleanUp()
  if (over) process.exitCode = 1
}

await main()
