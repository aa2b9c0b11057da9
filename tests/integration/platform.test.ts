import { afterEach, describe, expect, it } from 'vitest'
import { getEnv, resetEnvCache } from '../../app/env.server'
import { loader as healthz } from '../../app/routes/healthz'
import { action as setLanguage } from '../../app/routes/set-language'
import { loader as rootLoader } from '../../app/root'
import { db } from '../support/database'
import { context, formRequest, getRequest, payloadOf, sessionCookieFor } from '../support/http'
import { makeUser } from '../factories/identity'
import { getAccount } from '../../app/features/identity/accounts.server'

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
    for (const key of ['PORT', 'DATA_DIR', 'DATABASE_URL', 'SESSION_SECRET', 'SMTP_URL', 'MEILI_HOST']) delete process.env[key]
    resetEnvCache()
    expect(getEnv()).toMatchObject({ PORT: 3000, DATA_DIR: './data', appUrl: 'http://localhost:3000' })
  })

  it('requires a session secret in production with PostgreSQL', () => {
    process.env.NODE_ENV = 'production'
    process.env.DATABASE_URL = 'postgres://x@127.0.0.1/db'
    delete process.env.SESSION_SECRET
    resetEnvCache()
    expect(() => getEnv()).toThrow(/SESSION_SECRET/)
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
    const response = (await setLanguage({ request: formRequest('/set-language', { lang: 'en', redirectTo: '/events' }), params: {}, context })) as Response
    expect(response.headers.get('location')).toBe('/events')
    const cookie = response.headers.get('set-cookie')!.split(';')[0]
    const after = payloadOf<{ locale: string }>(await rootLoader({ request: getRequest('/', { cookie }), params: {}, context }))
    expect(after.locale).toBe('en')
  })

  it('is remembered on the account for signed-in users', async () => {
    const user = await makeUser(db, { locale: 'bg' })
    const cookie = await sessionCookieFor(user.id)
    await setLanguage({ request: formRequest('/set-language', { lang: 'en', redirectTo: '/' }, { cookie }), params: {}, context })
    expect((await getAccount(user.id)).locale).toBe('en')
    const root = payloadOf<{ locale: string }>(await rootLoader({ request: getRequest('/', { cookie }), params: {}, context }))
    expect(root.locale).toBe('en')
  })

  it('ignores unknown languages and off-site redirects', async () => {
    const response = (await setLanguage({ request: formRequest('/set-language', { lang: 'xx', redirectTo: 'https://evil.example' }), params: {}, context })) as Response
    expect(response.headers.get('location')).toBe('/')
    expect(response.headers.get('set-cookie')).toBeNull()
  })
})
