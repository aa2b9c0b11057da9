import { createHmac } from 'node:crypto'

import { sql } from 'drizzle-orm'

import { db, queryRows } from '../../../db/client.server'
import { getEnv } from '../../env.server'
import { Refusal } from './refusal.server'

export interface RateLimitRule {
  /** e.g. 'login', 'signup', 'register' */
  bucket: string
  limit: number
  windowSeconds: number
}

export const RATE_LIMITS = {
  login: { bucket: 'login', limit: 20, windowSeconds: 300 },
  signup: { bucket: 'signup', limit: 5, windowSeconds: 3600 },
  passwordReset: { bucket: 'password-reset', limit: 5, windowSeconds: 3600 },
  // Setting a new password from a link: per source address and per link.
  passwordResetSubmit: { bucket: 'password-reset-submit', limit: 10, windowSeconds: 3600 },
  passwordResetToken: { bucket: 'password-reset-token', limit: 5, windowSeconds: 3600 },
  /**
   * Event registration per IP address: generous, because a school's office, a parents' meeting or a mobile
   * operator's shared address (carrier-grade NAT) sends many families through one address; a script still stops.
   */
  register: { bucket: 'event-register', limit: 300, windowSeconds: 600 },
  /** Event registration per e-mail address and per phone number (as `contactSubject`): tight, one family's own. */
  registerContact: { bucket: 'event-register-contact', limit: 5, windowSeconds: 3600 },
  /** Registrations a signed-in staff member makes for families (instead of the per-address limit). */
  registerOnBehalf: { bucket: 'event-register-staff', limit: 60, windowSeconds: 600 },
} satisfies Record<string, RateLimitRule>

export interface LockoutRule {
  bucket: string
  /** The failure that reaches this count starts the lock. */
  failures: number
  lockSeconds: number
}

/** Sign-in failures per (e-mail address, source address): one attacker cannot lock a colleague out elsewhere. */
export const LOGIN_LOCKOUT: LockoutRule = { bucket: 'login-failures', failures: 5, lockSeconds: 15 * 60 }

function enabled() {
  return getEnv().RATE_LIMIT ?? true
}

/** The upsert of one more hit on a key, whose window restarts `windowSeconds` after it began. */
function upsertHit(key: string, windowSeconds: number, alsoRestartWhen = sql`false`) {
  const passed = sql`rate_limits.window_start < now() - make_interval(secs => ${windowSeconds})`
  return sql`INSERT INTO rate_limits (key, count, window_start) VALUES (${key}, 1, now())
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN ${passed} THEN 1 ELSE rate_limits.count + 1 END,
      window_start = CASE WHEN ${passed} OR ${alsoRestartWhen} THEN now() ELSE rate_limits.window_start END`
}

export interface RateLimitVerdict {
  allowed: boolean
  retryAfterSeconds: number
}

interface Hit {
  key: string
  windowSeconds: number
  resolve: (row: { count: number; windowStart: number }) => void
  reject: (error: unknown) => void
}

/** The most hits one statement counts (three parameters each, well under PostgreSQL's 65,535). */
const MAX_HITS = 1000
const queue: Hit[] = []
let writing = false

/**
 * One statement for a batch of hits: an upsert per window length (a data-modifying CTE each), each key once with
 * the number of its hits, keys in a fixed order so that processes writing overlapping keys cannot deadlock.
 */
function countHits(batch: Hit[]) {
  const perKey = new Map<string, { n: number; windowSeconds: number }>()
  for (const hit of batch) {
    const seen = perKey.get(hit.key)
    if (seen) seen.n += 1
    else perKey.set(hit.key, { n: 1, windowSeconds: hit.windowSeconds })
  }
  const byWindow = new Map<number, Map<string, number>>()
  for (const [key, { n, windowSeconds }] of perKey) {
    const keys = byWindow.get(windowSeconds) ?? new Map<string, number>()
    keys.set(key, n)
    byWindow.set(windowSeconds, keys)
  }
  const upserts = [...byWindow]
    .sort(([a], [b]) => a - b)
    .map(([windowSeconds, keys], i) => {
      const passed = sql`rate_limits.window_start < now() - make_interval(secs => ${windowSeconds})`
      const values = [...keys]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, n]) => sql`(${key}, ${n}::int, now())`)
      return sql`${sql.raw(`w${i}`)} AS (INSERT INTO rate_limits (key, count, window_start)
        VALUES ${sql.join(values, sql`, `)}
        ON CONFLICT (key) DO UPDATE SET
          count = CASE WHEN ${passed} THEN excluded.count ELSE rate_limits.count + excluded.count END,
          window_start = CASE WHEN ${passed} THEN now() ELSE rate_limits.window_start END
        RETURNING key, count, window_start)`
    })
  const results = sql.join(
    upserts.map((_, i) => sql`SELECT key, count, window_start FROM ${sql.raw(`w${i}`)}`),
    sql` UNION ALL `,
  )
  return sql`WITH ${sql.join(upserts, sql`, `)} ${results}`
}

/** Writes the waiting hits, a batch at a time: the hits that arrive during one statement go into the next one. */
async function drain() {
  writing = true
  try {
    while (queue.length > 0) {
      const batch = queue.splice(0, MAX_HITS)
      try {
        const rows = await queryRows<{ key: string; count: number; window_start: string | Date }>(db, countHits(batch))
        const after = new Map(rows.map((r) => [r.key, { count: Number(r.count), start: r.window_start }]))
        // The batch's hits on one key take the counts up to the new total, in arrival order.
        const seen = new Map<string, number>()
        const total = new Map<string, number>()
        for (const hit of batch) total.set(hit.key, (total.get(hit.key) ?? 0) + 1)
        for (const hit of batch) {
          const row = after.get(hit.key)!
          const index = (seen.get(hit.key) ?? 0) + 1
          seen.set(hit.key, index)
          hit.resolve({
            count: row.count - total.get(hit.key)! + index,
            windowStart: new Date(row.start).getTime(),
          })
        }
      } catch (error) {
        for (const hit of batch) hit.reject(error)
      }
    }
  } finally {
    writing = false
  }
}

function countHit(key: string, windowSeconds: number) {
  return new Promise<{ count: number; windowStart: number }>((resolve, reject) => {
    queue.push({ key, windowSeconds, resolve, reject })
    if (!writing) void drain()
  })
}

/**
 * Fixed-window counters in the database, so that every app process shares them. Hits arriving together (a rush
 * of registrations, each counted per address, e-mail and phone) are written as one statement and one commit: the
 * window restarts when it has passed, the count grows otherwise.
 */
export async function hitRateLimits(hits: [RateLimitRule, string][]): Promise<RateLimitVerdict[]> {
  if (!enabled()) return hits.map(() => ({ allowed: true, retryAfterSeconds: 0 }))
  const rows = await Promise.all(
    hits.map(([rule, subject]) => countHit(`${rule.bucket}:${subject}`, rule.windowSeconds)),
  )
  return rows.map(({ count, windowStart }, i) => {
    const rule = hits[i][0]
    const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + rule.windowSeconds * 1000 - Date.now()) / 1000))
    return { allowed: count <= rule.limit, retryAfterSeconds }
  })
}

/** One hit on one counter (see hitRateLimits). */
export async function hitRateLimit(rule: RateLimitRule, subject: string): Promise<RateLimitVerdict> {
  const [verdict] = await hitRateLimits([[rule, subject]])
  return verdict
}

/**
 * Counts one attempt for a subject *before* it is checked, in one statement, so parallel attempts cannot
 * slip past the lock; a success forgets the count (clearFailures). The attempt that reaches the limit
 * restarts the window, so the lock lasts a full `lockSeconds`. Always on (the RATE_LIMIT switch only turns
 * off the per-address request limits). Returns the count in the current window.
 */
export async function countAttempt(rule: LockoutRule, subject: string): Promise<number> {
  const key = `${rule.bucket}:${subject}`
  const [row] = await queryRows<{ count: number }>(
    db,
    // The attempt that reaches the limit restarts the window too.
    sql`${upsertHit(key, rule.lockSeconds, sql`rate_limits.count + 1 = ${rule.failures}`)} RETURNING count`,
  )
  return row.count
}

/** Forgets the failures of one subject, or of every subject that starts with `prefix:`. */
export async function clearFailures(rule: LockoutRule, subject: string, options: { prefix?: boolean } = {}) {
  const key = `${rule.bucket}:${subject}`
  await db.execute(
    options.prefix
      ? sql`DELETE FROM rate_limits WHERE key LIKE ${`${key}:%`}`
      : sql`DELETE FROM rate_limits WHERE key = ${key}`,
  )
}

/** Counters whose window ended long ago say nothing any more (sign-in failures add one per address tried). */
export async function purgeStaleRateLimits() {
  await db.execute(sql`DELETE FROM rate_limits WHERE window_start < now() - interval '1 day'`)
}

/**
 * The subject for a limit per e-mail address or phone number: a keyed hash, so the counters hold no contact
 * details (a plain hash of a phone number could be reversed by trying every number).
 */
export function contactSubject(contact: string): string {
  return createHmac('sha256', getEnv().sessionSecret).update(contact.toLowerCase()).digest('base64url')
}

/** Counts one request and refuses it (429, "try again in N min") when the subject is over the limit. */
export async function requireWithinRateLimit(rule: RateLimitRule, subject: string): Promise<void> {
  await requireWithinRateLimits([[rule, subject]])
}

/**
 * Counts one request on several counters at once (e.g. per address and per e-mail: every counter counts it) and
 * refuses it when any is over its limit, with the longest wait.
 */
export async function requireWithinRateLimits(hits: [RateLimitRule, string][]): Promise<void> {
  const refused = (await hitRateLimits(hits)).filter((v) => !v.allowed)
  if (refused.length === 0) return
  const retryAfterSeconds = Math.max(...refused.map((v) => v.retryAfterSeconds))
  throw new Refusal('errors.rateLimited', {
    status: 429,
    params: { minutes: Math.ceil(retryAfterSeconds / 60) },
    details: { retryAfterSeconds },
  })
}
