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
  register: { bucket: 'event-register', limit: 60, windowSeconds: 600 },
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
function countHit(key: string, windowSeconds: number, alsoRestartWhen = sql`false`) {
  const passed = sql`rate_limits.window_start < now() - make_interval(secs => ${windowSeconds})`
  return sql`INSERT INTO rate_limits (key, count, window_start) VALUES (${key}, 1, now())
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN ${passed} THEN 1 ELSE rate_limits.count + 1 END,
      window_start = CASE WHEN ${passed} OR ${alsoRestartWhen} THEN now() ELSE rate_limits.window_start END`
}

/**
 * Fixed-window counter in the database, so that every app process shares it.
 * One upsert: the window restarts when it has passed, the count grows otherwise.
 */
export async function hitRateLimit(
  rule: RateLimitRule,
  subject: string,
): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  if (!enabled()) return { allowed: true, retryAfterSeconds: 0 }
  const key = `${rule.bucket}:${subject}`
  const [row] = await queryRows<{ count: number; window_start: string | Date }>(
    db,
    sql`${countHit(key, rule.windowSeconds)} RETURNING count, window_start`,
  )
  const started = new Date(row.window_start).getTime()
  const retryAfterSeconds = Math.max(1, Math.ceil((started + rule.windowSeconds * 1000 - Date.now()) / 1000))
  return { allowed: row.count <= rule.limit, retryAfterSeconds }
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
    sql`${countHit(key, rule.lockSeconds, sql`rate_limits.count + 1 = ${rule.failures}`)} RETURNING count`,
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
  const { allowed, retryAfterSeconds } = await hitRateLimit(rule, subject)
  if (!allowed)
    throw new Refusal('errors.rateLimited', {
      status: 429,
      params: { minutes: Math.ceil(retryAfterSeconds / 60) },
      details: { retryAfterSeconds },
    })
}
