import { sql } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'

import { getEnv, resetEnvCache, serverNodeArgs } from '../../app/env.server'
import { getAccount } from '../../app/features/identity/accounts.server'
import {
  hitRateLimit,
  hitRateLimits,
  purgeStaleRateLimits,
  requireWithinRateLimits,
} from '../../app/features/platform/rate-limit.server'
import { crossSiteWriteRefused, sentFromThisSite } from '../../app/features/platform/same-origin.server'
import { loader as rootLoader } from '../../app/root'
import { loader as healthz } from '../../app/routes/healthz'
import { action as setLanguage } from '../../app/routes/set-language'
import { queryRows, queryRowsPrepared } from '../../db/client.server'
import { makeUser } from '../../seed/builders/identity'
import { db } from '../support/database'
import { context, formRequest, getRequest, payloadOf, sessionCookieFor } from '../support/http'

describe('configuration', () => {
  const saved = { ...process.env }
  afterEach(() => {
    process.env = { ...saved }
    resetEnvCache()
  })

  it('stops with a clear message on a bad value', () => {
    process.env.PORT = 'eighty'
    resetEnvCache()
    expect(() => getEnv()).toThrow(/PORT/)
  })

  it('serves the embedded mode without any configuration', () => {
    for (const key of ['PORT', 'DATA_DIR', 'DATABASE_URL', 'SESSION_SECRET', 'SMTP_URL', 'MEILI_HOST'])
      delete process.env[key]
    resetEnvCache()
    expect(getEnv()).toMatchObject({ PORT: 3000, DATA_DIR: './data', appUrl: 'http://localhost:3000' })
  })

  it('bounds the heap of each server process unless told not to, and refuses a bound too small to run in', () => {
    delete process.env.HEAP_LIMIT_MB
    resetEnvCache()
    expect(serverNodeArgs(getEnv())).toEqual(['--max-old-space-size=1024'])
    process.env.HEAP_LIMIT_MB = '0'
    expect(serverNodeArgs(getEnv())).toEqual([])
    process.env.HEAP_LIMIT_MB = '32'
    expect(() => getEnv()).toThrow(/HEAP_LIMIT_MB: must be 0 or between 64 and 65536/)
  })

  it('shares the PostgreSQL connections among the server processes unless DATABASE_POOL_SIZE says otherwise', () => {
    delete process.env.DATABASE_POOL_SIZE
    delete process.env.WEB_CONCURRENCY
    resetEnvCache()
    expect(getEnv().databasePoolSize).toBe(10)
    process.env.WEB_CONCURRENCY = '2'
    expect(getEnv().databasePoolSize).toBe(5)
    process.env.WEB_CONCURRENCY = '3'
    expect(getEnv().databasePoolSize).toBe(4)
    process.env.WEB_CONCURRENCY = '16'
    expect(getEnv().databasePoolSize).toBe(2)
    process.env.DATABASE_POOL_SIZE = '12'
    expect(getEnv().databasePoolSize).toBe(12)
  })

  it('reads the environment again after a change, except in production, where it is read once', () => {
    process.env.PORT = '3100'
    resetEnvCache()
    expect(getEnv().PORT).toBe(3100)
    process.env.PORT = '3101'
    expect(getEnv().PORT).toBe(3101)
    process.env.NODE_ENV = 'production'
    process.env.SESSION_SECRET = 'a-production-secret-of-some-length'
    expect(getEnv().PORT).toBe(3101)
    process.env.PORT = '3102'
    expect(getEnv().PORT).toBe(3101)
    resetEnvCache()
    expect(getEnv().PORT).toBe(3102)
  })

  it('requires a session secret in production with PostgreSQL', () => {
    process.env.NODE_ENV = 'production'
    process.env.DATABASE_URL = 'postgres://x@127.0.0.1/db'
    delete process.env.SESSION_SECRET
    resetEnvCache()
    expect(() => getEnv()).toThrow(/SESSION_SECRET/)
  })
})

describe('raw SQL prepared on the server', () => {
  it('answers as queryRows does, on the database door and inside a transaction, call after call', async () => {
    const statement = (n: number) => sql`SELECT ${n}::int AS n, 'едно' AS word UNION ALL SELECT ${n + 1}::int, 'две'`
    for (const n of [1, 5, 9]) {
      const prepared = await queryRowsPrepared<{ n: number; word: string }>(db, statement(n))
      expect(prepared).toEqual(await queryRows(db, statement(n)))
      expect(prepared).toEqual([
        { n, word: 'едно' },
        { n: n + 1, word: 'две' },
      ])
    }
    const inside = await db.transaction((tx) => queryRowsPrepared<{ n: number }>(tx, statement(3)))
    expect(inside.map((r) => r.n)).toEqual([3, 4])
  })
})

describe('healthz when the database does not answer', () => {
  it('answers 503 with status error', async () => {
    const holder = globalThis as typeof globalThis & { __iwbDoor?: { db: { execute: () => Promise<never> } } }
    const real = holder.__iwbDoor!
    holder.__iwbDoor = { ...real, db: { execute: () => Promise.reject(new Error('connection refused')) } }
    try {
      const response = await healthz()
      expect(response.status).toBe(503)
      expect(await response.json()).toMatchObject({ status: 'error' })
    } finally {
      holder.__iwbDoor = real as typeof holder.__iwbDoor
    }
  })
})

describe('language', () => {
  it('is Bulgarian by default and remembered in a cookie for guests', async () => {
    const first = payloadOf<{ locale: string }>(await rootLoader({ request: getRequest('/'), params: {}, context }))
    expect(first.locale).toBe('bg')
    const response = (await setLanguage({
      request: formRequest('/set-language', { lang: 'en', redirectTo: '/events' }),
      params: {},
      context,
    })) as Response
    expect(response.headers.get('location')).toBe('/events')
    const cookie = response.headers.get('set-cookie')!.split(';')[0]
    const after = payloadOf<{ locale: string }>(
      await rootLoader({ request: getRequest('/', { cookie }), params: {}, context }),
    )
    expect(after.locale).toBe('en')
  })

  it('is remembered on the account for signed-in users', async () => {
    const user = await makeUser(db, { locale: 'bg' })
    const cookie = await sessionCookieFor(user.id)
    await setLanguage({
      request: formRequest('/set-language', { lang: 'en', redirectTo: '/' }, { cookie }),
      params: {},
      context,
    })
    expect((await getAccount(user.id)).locale).toBe('en')
    const root = payloadOf<{ locale: string }>(
      await rootLoader({ request: getRequest('/', { cookie }), params: {}, context }),
    )
    expect(root.locale).toBe('en')
  })

  it('ignores unknown languages and off-site redirects', async () => {
    const response = (await setLanguage({
      request: formRequest('/set-language', { lang: 'xx', redirectTo: 'https://evil.example' }),
      params: {},
      context,
    })) as Response
    expect(response.headers.get('location')).toBe('/')
    expect(response.headers.get('set-cookie')).toBeNull()
  })

  it('goes back only to a path of this site, however the address is spelt', async () => {
    for (const redirectTo of [
      '/\t/evil.example',
      '/\r\n/evil.example',
      '/\\evil.example',
      '\\/evil.example',
      '//evil.example',
      ' //evil.example',
    ]) {
      const response = (await setLanguage({
        request: formRequest('/set-language', { lang: 'en', redirectTo }),
        params: {},
        context,
      })) as Response
      expect(response.headers.get('location'), JSON.stringify(redirectTo)).toBe('/')
    }
    const back = (await setLanguage({
      request: formRequest('/set-language', { lang: 'en', redirectTo: '/search?q=обхват' }),
      params: {},
      context,
    })) as Response
    expect(back.headers.get('location')).toBe(`/search?q=${encodeURIComponent('обхват')}`)
  })
})

describe('same-origin check of form posts and the chat socket', () => {
  const host = 'iwb.example.bg'
  const post = (headers: Record<string, string>) =>
    crossSiteWriteRefused({ method: 'POST', headers: { host, ...headers } })

  it('accepts posts from this site', () => {
    expect(post({ origin: `https://${host}` })).toBe(false)
    expect(post({ 'sec-fetch-site': 'same-origin' })).toBe(false)
    expect(post({ referer: `https://${host}/login` })).toBe(false)
    // No browser sends a post without any of these: a script or a test client, which carries nobody's cookie.
    expect(post({})).toBe(false)
  })

  it('refuses Origin: null and other sites, and falls back to Sec-Fetch-Site and Referer without an Origin', () => {
    expect(post({ origin: 'null' })).toBe(true)
    expect(post({ origin: 'null', referer: `https://${host}/login` })).toBe(true)
    expect(post({ origin: 'https://evil.example' })).toBe(true)
    expect(post({ origin: 'not a url' })).toBe(true)
    expect(post({ 'sec-fetch-site': 'cross-site' })).toBe(true)
    expect(post({ 'sec-fetch-site': 'same-site', referer: `https://${host}/login` })).toBe(true)
    expect(post({ referer: 'https://evil.example/form' })).toBe(true)
  })

  it('lets safe methods through and checks the socket handshake the same way', () => {
    expect(crossSiteWriteRefused({ method: 'GET', headers: { host, origin: 'null' } })).toBe(false)
    expect(sentFromThisSite({ host, origin: 'null' })).toBe(false)
    expect(sentFromThisSite({ host, origin: `http://${host}` })).toBe(true)
  })
})

describe('rate-limit counters', () => {
  it('are purged a day after their window, so counting sign-in failures per address does not grow the table for ever', async () => {
    const stale = `test-stale:${Date.now()}`
    const fresh = `test-fresh:${Date.now()}`
    await db.execute(
      sql`INSERT INTO rate_limits (key, count, window_start)
          VALUES (${stale}, 3, now() - interval '2 days'), (${fresh}, 3, now())`,
    )
    await purgeStaleRateLimits()
    const left = await queryRows<{ key: string }>(
      db,
      sql`SELECT key FROM rate_limits WHERE key IN (${stale}, ${fresh})`,
    )
    expect(left.map((r) => r.key)).toEqual([fresh])
  })

  describe('counting', () => {
    afterEach(() => {
      process.env.RATE_LIMIT = 'false'
    })
    const rule = (limit: number, windowSeconds = 600) => ({
      bucket: `test-${Date.now()}-${Math.random()}`,
      limit,
      windowSeconds,
    })

    it('counts hits that arrive together exactly, each in arrival order, and refuses those over the limit', async () => {
      process.env.RATE_LIMIT = 'true'
      const shared = rule(25)
      const verdicts = await Promise.all(Array.from({ length: 40 }, () => hitRateLimit(shared, 'one-address')))
      expect(verdicts.map((v) => v.allowed)).toEqual([...Array(25).fill(true), ...Array(15).fill(false)])
      expect(verdicts.every((v) => v.retryAfterSeconds > 0 && v.retryAfterSeconds <= 600)).toBe(true)
      const [row] = await queryRows<{ count: number }>(
        db,
        sql`SELECT count FROM rate_limits WHERE key = ${`${shared.bucket}:one-address`}`,
      )
      expect(Number(row.count)).toBe(40)
      // The next hit continues the count.
      expect(await hitRateLimit(shared, 'one-address')).toMatchObject({ allowed: false })
      expect(await hitRateLimit(shared, 'another-address')).toMatchObject({ allowed: true })
    })

    it('counts one request on counters of different windows in one go, and restarts a window that has passed', async () => {
      process.env.RATE_LIMIT = 'true'
      const perAddress = rule(3, 600)
      const perContact = rule(1, 3600)
      const first = await hitRateLimits([
        [perAddress, 'a'],
        [perContact, 'c'],
      ])
      expect(first.map((v) => v.allowed)).toEqual([true, true])
      await expect(
        requireWithinRateLimits([
          [perAddress, 'a'],
          [perContact, 'c'],
        ]),
      ).rejects.toMatchObject({ status: 429 })
      // Both counted, though one refused.
      const rows = await queryRows<{ key: string; count: number }>(
        db,
        sql`SELECT key, count FROM rate_limits
            WHERE key IN (${`${perAddress.bucket}:a`}, ${`${perContact.bucket}:c`}) ORDER BY key`,
      )
      expect(rows.map((r) => Number(r.count))).toEqual([2, 2])
      await db.execute(
        sql`UPDATE rate_limits SET window_start = now() - interval '2 hours' WHERE key = ${`${perContact.bucket}:c`}`,
      )
      expect(await hitRateLimit(perContact, 'c')).toMatchObject({ allowed: true })
    })

    it('lets everything through when switched off (RATE_LIMIT=false)', async () => {
      process.env.RATE_LIMIT = 'false'
      const tight = rule(1)
      const verdicts = await Promise.all([hitRateLimit(tight, 'x'), hitRateLimit(tight, 'x')])
      expect(verdicts.every((v) => v.allowed)).toBe(true)
    })
  })
})
