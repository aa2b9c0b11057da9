import { sql } from 'drizzle-orm'
import { db, queryRows } from '../../../db/client.server'
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
  /** Event registration per IP: enough for a family or a school office, not for a script. */
  register: { bucket: 'event-register', limit: 12, windowSeconds: 600 },
} satisfies Record<string, RateLimitRule>

function enabled() {
  const flag = process.env.RATE_LIMIT
  if (flag === 'false' || flag === '0') return false
  return true
}

/**
 * Fixed-window counter in the database, so that every app process shares it.
 * One upsert: the window restarts when it has passed, the count grows otherwise.
 */
export async function hitRateLimit(rule: RateLimitRule, subject: string): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  if (!enabled()) return { allowed: true, retryAfterSeconds: 0 }
  const key = `${rule.bucket}:${subject}`
  const [row] = await queryRows<{ count: number; window_start: string | Date }>(
    db,
    sql`INSERT INTO rate_limits (key, count, window_start) VALUES (${key}, 1, now())
        ON CONFLICT (key) DO UPDATE SET
          count = CASE WHEN rate_limits.window_start < now() - make_interval(secs => ${rule.windowSeconds}) THEN 1 ELSE rate_limits.count + 1 END,
          window_start = CASE WHEN rate_limits.window_start < now() - make_interval(secs => ${rule.windowSeconds}) THEN now() ELSE rate_limits.window_start END
        RETURNING count, window_start`,
  )
  const started = new Date(row.window_start).getTime()
  const retryAfterSeconds = Math.max(1, Math.ceil((started + rule.windowSeconds * 1000 - Date.now()) / 1000))
  return { allowed: row.count <= rule.limit, retryAfterSeconds }
}

/** Counts one request and refuses it (429, "try again in N min") when the subject is over the limit. */
export async function requireWithinRateLimit(rule: RateLimitRule, subject: string): Promise<void> {
  const { allowed, retryAfterSeconds } = await hitRateLimit(rule, subject)
  if (!allowed) throw new Refusal('errors.rateLimited', { status: 429, params: { minutes: Math.ceil(retryAfterSeconds / 60) }, details: { retryAfterSeconds } })
}
