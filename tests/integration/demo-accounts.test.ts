import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'

import { resetEnvCache } from '../../app/env.server'
import { DEMO_PASSWORD } from '../../app/features/identity/demo'
import {
  forgetDemoAccountState,
  recheckDemoAccounts,
  removeDemoAccounts,
} from '../../app/features/identity/demo-accounts.server'
import { getSessionUser } from '../../app/features/identity/session.server'
import { loader as rootLoader } from '../../app/root'
import * as account from '../../app/routes/account'
import * as login from '../../app/routes/login'
import { sessions, users } from '../../db/schema'
import { makeUser, TEST_PASSWORD } from '../../seed/builders/identity'
import { prepareDatabase } from '../../seed/prepare'
import { db } from '../support/database'
import { context, formRequest, getRequest, payloadOf, sessionCookieFor, statusOf } from '../support/http'

const bannerShown = async () =>
  payloadOf<{ demo: boolean }>(await rootLoader({ request: getRequest('/'), params: {}, context })).demo

describe('accounts with the public demo password', () => {
  const saved = { ...process.env }
  afterEach(async () => {
    process.env = { ...saved }
    resetEnvCache()
    // Nothing left behind for other test files of this worker.
    await removeDemoAccounts()
  })

  it('put a "demo data" banner on every page until the last of them has a new password', async () => {
    const demo = await makeUser(db, { password: DEMO_PASSWORD })
    forgetDemoAccountState()
    expect(await bannerShown()).toBe(true)
    const cookie = await sessionCookieFor(demo.id)
    const changed = (await account.action({
      request: formRequest(
        '/account',
        {
          intent: 'password',
          currentPassword: DEMO_PASSWORD,
          password: 'my-own-password-1',
          passwordConfirm: 'my-own-password-1',
        },
        { cookie },
      ),
      params: {},
      context,
    })) as Response
    expect(changed.status).toBe(302)
    expect(await bannerShown()).toBe(false)
  })

  it('keep an https site from starting until they are removed; http://localhost starts as before', async () => {
    const demo = await makeUser(db, { password: DEMO_PASSWORD, role: 'admin' })
    const cookie = await sessionCookieFor(demo.id)
    delete process.env.APP_URL
    resetEnvCache()
    await expect(prepareDatabase()).resolves.toBeUndefined()

    process.env.APP_URL = 'https://iwb.example.bg'
    resetEnvCache()
    await expect(prepareDatabase()).rejects.toThrow(
      /1 account\(s\) still have the public demo password[\s\S]*npm run db:remove-demo/,
    )

    expect(await removeDemoAccounts()).toBe(1)
    await expect(prepareDatabase()).resolves.toBeUndefined()
    const [row] = await db.select().from(users).where(eq(users.id, demo.id))
    expect(row.status).toBe('disabled')
    expect(await getSessionUser(getRequest('/', { cookie }))).toBeNull()
    expect(await db.select().from(sessions).where(eq(sessions.userId, demo.id))).toEqual([])
    const attempt = await login.action({
      request: formRequest('/login', { email: demo.email, password: DEMO_PASSWORD }),
      params: {},
      context,
    })
    expect(statusOf(attempt)).toBe(400)
    expect(await bannerShown()).toBe(false)
  })

  it('are rechecked at start-up: a mark whose password was changed some other way is cleared', async () => {
    const changedElsewhere = await makeUser(db, { password: TEST_PASSWORD })
    await db.update(users).set({ demoPassword: true }).where(eq(users.id, changedElsewhere.id))
    const stillDemo = await makeUser(db, { password: DEMO_PASSWORD })
    expect(await recheckDemoAccounts()).toBe(1)
    const marks = await db.select({ id: users.id }).from(users).where(eq(users.demoPassword, true))
    expect(marks.map((m) => m.id)).toEqual([stillDemo.id])
  })
})
