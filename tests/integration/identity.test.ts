import { eq, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'

import { requestPasswordReset } from '../../app/features/identity/accounts.server'
import { DEMO_PASSWORD } from '../../app/features/identity/demo'
import { getSessionUser } from '../../app/features/identity/session.server'
import { hashToken } from '../../app/features/identity/tokens.server'
import * as account from '../../app/routes/account'
import * as adminLayout from '../../app/routes/admin'
import * as approvals from '../../app/routes/admin.approvals'
import * as adminUsers from '../../app/routes/admin.users'
import * as cases from '../../app/routes/cases._index'
import * as forgot from '../../app/routes/forgot-password'
import * as login from '../../app/routes/login'
import * as reset from '../../app/routes/reset-password.$token'
import * as signup from '../../app/routes/signup'
import { auditLog, emailOutbox, passwordResetTokens, sessions, users } from '../../db/schema'
import { makeInstitution, makeUser, TEST_PASSWORD } from '../../seed/builders/identity'
import { db } from '../support/database'
import { context, formRequest, getRequest, payloadOf, sessionCookieFor, settle, statusOf } from '../support/http'
import { countPasswordHashes } from '../support/password-hashing'

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context })

function cookieFrom(response: Response) {
  return (response.headers.get('set-cookie') ?? '').split(';')[0]
}

/** The token of the latest reset link mailed to an address. */
async function resetTokenMailedTo(email: string) {
  const mails = await db
    .select()
    .from(emailOutbox)
    .where(eq(emailOutbox.toAddress, email))
    .orderBy(emailOutbox.createdAt)
  return /reset-password\/([\w-]+)/.exec(mails.at(-1)!.textBody)![1]
}

const newPassword = (password: string) => ({ password, passwordConfirm: password })

describe('sign-in with the HTML form', () => {
  let email: string
  beforeAll(async () => {
    email = (await makeUser(db, { role: 'staff' })).email
  })

  it('redirects with a session cookie for the right password', async () => {
    const response = (await login.action(
      args(formRequest('/login', { email, password: TEST_PASSWORD, redirectTo: '/cases' })),
    )) as Response
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/cases')
    const setCookie = response.headers.get('set-cookie') ?? ''
    expect(setCookie).toMatch(/iwb_session=/)
    expect(setCookie).toMatch(/HttpOnly/)
    expect(setCookie).toMatch(/SameSite=Lax/)
    const user = await getSessionUser(getRequest('/', { cookie: cookieFrom(response) }))
    expect(user?.email).toBe(email)
  })

  it('comes back with an error in the page language for a wrong password', async () => {
    const result = await login.action(args(formRequest('/login', { email, password: 'wrong-password' })))
    expect(statusOf(result)).toBe(400)
    expect(payloadOf<{ formError: string; values: Record<string, string> }>(result)).toMatchObject({
      formError: 'auth.error.invalid',
      values: { email },
    })
    expect(payloadOf<{ values: Record<string, string> }>(result).values.password).toBeUndefined()
  })

  it('does not redirect off-site after sign-in, however the address is spelt', async () => {
    for (const redirectTo of [
      '//evil.example/',
      '/\tevil',
      '/\t/evil.example',
      '/\n/evil.example',
      '/\\evil.example',
      'https://evil.example',
    ]) {
      const response = (await login.action(
        args(formRequest('/login', { email, password: TEST_PASSWORD, redirectTo })),
      )) as Response
      expect(response.headers.get('location'), JSON.stringify(redirectTo)).toMatch(/^\/(?!\/)/)
      expect(new URL(response.headers.get('location')!, 'http://site.test').host, JSON.stringify(redirectTo)).toBe(
        'site.test',
      )
    }
  })

  it('locks one source address out of an account after five wrong passwords; the owner still signs in from theirs', async () => {
    const victim = await makeUser(db)
    const attacker = { clientIp: '203.0.113.7', cspNonce: '' }
    for (let i = 0; i < 5; i++) {
      const result = await login.action({
        request: formRequest('/login', { email: victim.email, password: `nope-${i}` }),
        params: {},
        context: attacker,
      })
      expect(payloadOf<{ formError: string }>(result).formError).toBe(
        i < 4 ? 'auth.error.invalid' : 'auth.error.locked',
      )
    }
    const sixth = await login.action({
      request: formRequest('/login', { email: victim.email, password: TEST_PASSWORD }),
      params: {},
      context: attacker,
    })
    expect(statusOf(sixth)).toBe(423)
    expect(payloadOf<{ formError: string }>(sixth).formError).toBe('auth.error.locked')

    const owner = (await login.action({
      request: formRequest('/login', { email: victim.email, password: TEST_PASSWORD }),
      params: {},
      context: { clientIp: '198.51.100.20', cspNonce: '' },
    })) as Response
    expect(owner.status).toBe(302)
    const events = await db.select().from(auditLog).where(eq(auditLog.targetId, victim.id))
    expect(events.map((e) => e.action)).toContain('auth.login_locked')
    expect(JSON.stringify(events)).not.toContain(victim.email)
  })

  it('counts parallel wrong passwords before checking them, so none slips past the lock', async () => {
    const victim = await makeUser(db)
    const from = { clientIp: '203.0.113.11', cspNonce: '' }
    const attempt = (password: string) =>
      login.action({ request: formRequest('/login', { email: victim.email, password }), params: {}, context: from })
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => attempt(`parallel-${i}`)))
    const reasons = results.map((r) => payloadOf<{ formError: string }>(r).formError)
    expect(reasons.filter((r) => r === 'auth.error.invalid')).toHaveLength(4)
    expect(statusOf(await attempt(TEST_PASSWORD))).toBe(423)
  })

  it('answers an unknown e-mail exactly like a wrong password, lock included', async () => {
    const known = await makeUser(db)
    const from = { clientIp: '203.0.113.9', cspNonce: '' }
    const answers = async (email: string) => {
      const seen: [number, string][] = []
      for (let i = 0; i < 6; i++) {
        const result = await login.action({
          request: formRequest('/login', { email, password: `wrong-${i}` }),
          params: {},
          context: from,
        })
        seen.push([statusOf(result), payloadOf<{ formError: string }>(result).formError])
      }
      return seen
    }
    const forKnown = await answers(known.email)
    expect(await answers(`nobody-${Date.now()}@example.bg`)).toEqual(forKnown)
    expect(forKnown.at(-1)).toEqual([423, 'auth.error.locked'])
  })

  it('lifts the locks on an address when its owner sets a new password from a reset link', async () => {
    const user = await makeUser(db)
    const from = { clientIp: '203.0.113.10', cspNonce: '' }
    for (let i = 0; i < 5; i++)
      await login.action({
        request: formRequest('/login', { email: user.email, password: `nope-${i}` }),
        params: {},
        context: from,
      })
    await requestPasswordReset(user.email)
    const token = await resetTokenMailedTo(user.email)
    await reset.action(
      args(
        formRequest(`/reset-password/${token}`, {
          password: 'brand-new-password',
          passwordConfirm: 'brand-new-password',
        }),
        { token },
      ),
    )
    const after = (await login.action({
      request: formRequest('/login', { email: user.email, password: 'brand-new-password' }),
      params: {},
      context: from,
    })) as Response
    expect(after.status).toBe(302)
  })

  it('refuses pending accounts with a clear message', async () => {
    const pending = await makeUser(db, { status: 'pending' })
    const result = await login.action(args(formRequest('/login', { email: pending.email, password: TEST_PASSWORD })))
    expect(payloadOf<{ formError: string }>(result).formError).toBe('auth.error.pending')
  })

  it('rate-limits sign-in per IP', async () => {
    process.env.RATE_LIMIT = 'true'
    try {
      const ipContext = {
        clientIp: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
        cspNonce: '',
      }
      let last: unknown
      for (let i = 0; i < 21; i++)
        last = await login.action({
          request: formRequest('/login', { email: 'nobody@example.bg', password: 'x' }),
          params: {},
          context: ipContext,
        })
      expect(statusOf(last)).toBe(429)
    } finally {
      process.env.RATE_LIMIT = 'false'
    }
  })
})

describe('sign-up → approval → sign-in', () => {
  it('creates a pending request that a coordinator approves, with e-mails queued', async () => {
    const institution = await makeInstitution(db, { kind: 'school', districtCode: 'lyulin' })
    const coordinator = await makeUser(db, { role: 'coordinator' })
    const email = `applicant-${Date.now()}@example.bg`
    const sent = (await signup.action(
      args(
        formRequest('/signup', {
          name: 'Мария Тодорова',
          email,
          password: 'a-long-password',
          passwordConfirm: 'a-long-password',
          institutionId: institution.id,
          locale: 'bg',
        }),
      ),
    )) as Response
    expect(sent.status).toBe(302)
    const [created] = await db.select().from(users).where(eq(users.email, email))
    expect(created.status).toBe('pending')

    const beforeApproval = await login.action(args(formRequest('/login', { email, password: 'a-long-password' })))
    expect(payloadOf<{ formError: string }>(beforeApproval).formError).toBe('auth.error.pending')

    const cookie = await sessionCookieFor(coordinator.id)
    const approved = (await approvals.action(
      args(formRequest('/admin/approvals', { userId: created.id, decision: 'approve' }, { cookie })),
    )) as Response
    expect(approved.status).toBe(302)
    const mails = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email))
    expect(mails.map((m) => m.kind)).toContain('signup.approved')

    const signedIn = (await login.action(
      args(formRequest('/login', { email, password: 'a-long-password' })),
    )) as Response
    expect(signedIn.status).toBe(302)
  })

  it('keeps what was typed and explains each error', async () => {
    const result = await signup.action(
      args(
        formRequest('/signup', {
          name: '',
          email: 'not-an-email',
          password: 'short',
          passwordConfirm: 'other',
          institutionId: 'x',
        }),
      ),
    )
    expect(statusOf(result)).toBe(400)
    const body = payloadOf<{ fieldErrors: Record<string, string[]>; values: Record<string, string> }>(result)
    expect(body.fieldErrors.name).toEqual(['errors.required'])
    expect(body.fieldErrors.email).toEqual(['errors.email'])
    expect(body.fieldErrors.password).toEqual(['auth.error.passwordShort'])
    expect(body.fieldErrors.institutionId).toEqual(['errors.choice'])
    expect(body.values.email).toBe('not-an-email')
  })

  it('answers a registered e-mail (in any letter case) exactly like a new one, and tells its owner by e-mail', async () => {
    const existing = await makeUser(db)
    const institution = await makeInstitution(db)
    const request = (email: string) =>
      signup.action(
        args(
          formRequest('/signup', {
            name: 'Някой',
            email,
            password: 'a-long-password',
            passwordConfirm: 'a-long-password',
            institutionId: institution.id,
          }),
        ),
      )
    const taken = (await request(existing.email.toUpperCase())) as Response
    const fresh = (await request(`fresh-${Date.now()}@example.bg`)) as Response
    expect([taken.status, taken.headers.get('location')]).toEqual([302, '/signup?sent=1'])
    expect([fresh.status, fresh.headers.get('location')]).toEqual([302, '/signup?sent=1'])
    const sameAddress = await db
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = ${existing.email}`)
    expect(sameAddress.map((u) => u.id)).toEqual([existing.id])
    const notices = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, existing.email))
    expect(notices.map((m) => m.kind)).toEqual(['signup.existing'])
    expect(notices[0].textBody).toContain('/forgot-password')
  })

  it('refuses the published demo password as a new password', async () => {
    const institution = await makeInstitution(db)
    const result = await signup.action(
      args(
        formRequest('/signup', {
          name: 'Някой',
          email: `demo-pw-${Date.now()}@example.bg`,
          password: DEMO_PASSWORD,
          passwordConfirm: DEMO_PASSWORD,
          institutionId: institution.id,
        }),
      ),
    )
    expect(statusOf(result)).toBe(400)
    expect(payloadOf<{ fieldErrors: Record<string, string[]> }>(result).fieldErrors.password).toEqual([
      'auth.error.passwordPublic',
    ])
  })
})

describe('access control on pages', () => {
  it('gives staff 403 on /admin pages and coordinators 403 on admin-only ones', async () => {
    const staff = await makeUser(db, { role: 'staff' })
    const coordinator = await makeUser(db, { role: 'coordinator' })
    const staffCookie = await sessionCookieFor(staff.id)
    const coordCookie = await sessionCookieFor(coordinator.id)
    expect(statusOf(await settle(() => adminLayout.loader(args(getRequest('/admin', { cookie: staffCookie })))))).toBe(
      403,
    )
    expect(
      statusOf(await settle(() => adminUsers.loader(args(getRequest('/admin/users', { cookie: staffCookie }))))),
    ).toBe(403)
    expect(
      statusOf(await settle(() => adminUsers.loader(args(getRequest('/admin/users', { cookie: coordCookie }))))),
    ).toBe(403)
    const forged = await settle(() =>
      adminUsers.action(
        args(formRequest('/admin/users', { intent: 'role', userId: staff.id, role: 'admin' }, { cookie: staffCookie })),
      ),
    )
    expect(statusOf(forged)).toBe(403)
    const [still] = await db.select().from(users).where(eq(users.id, staff.id))
    expect(still.role).toBe('staff')
  })

  it('redirects a signed-out visitor to /login from staff-only pages', async () => {
    const response = (await settle(() => cases.loader(args(getRequest('/cases?status=open'))))) as Response
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/login?redirectTo=%2Fcases%3Fstatus%3Dopen')
  })
})

describe('sessions and passwords', () => {
  it('signs out everywhere', async () => {
    const user = await makeUser(db)
    const a = await sessionCookieFor(user.id)
    const b = await sessionCookieFor(user.id)
    const response = (await account.action(
      args(formRequest('/account', { intent: 'signout-everywhere' }, { cookie: a })),
    )) as Response
    expect(response.status).toBe(302)
    expect(await getSessionUser(getRequest('/', { cookie: b }))).toBeNull()
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0)
  })

  it('lets an admin revoke another user’s sessions, and records it', async () => {
    const admin = await makeUser(db, { role: 'admin' })
    const user = await makeUser(db)
    const userCookie = await sessionCookieFor(user.id)
    await adminUsers.action(
      args(
        formRequest(
          '/admin/users',
          { intent: 'revoke', userId: user.id },
          { cookie: await sessionCookieFor(admin.id) },
        ),
      ),
    )
    expect(await getSessionUser(getRequest('/', { cookie: userCookie }))).toBeNull()
    const events = await db.select().from(auditLog).where(eq(auditLog.targetId, user.id))
    expect(events.some((e) => e.action === 'auth.sessions_revoked' && e.actorId === admin.id)).toBe(true)
  })

  it('resets a password with a one-time link that expires', async () => {
    const user = await makeUser(db)
    const answer = await forgot.action(args(formRequest('/forgot-password', { email: user.email })))
    expect(payloadOf<{ ok: boolean }>(answer).ok).toBe(true)
    const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, user.email))
    const token = /reset-password\/([\w-]+)/.exec(mail.textBody)![1]
    const first = (await reset.action(
      args(
        formRequest(`/reset-password/${token}`, {
          password: 'brand-new-password',
          passwordConfirm: 'brand-new-password',
        }),
        { token },
      ),
    )) as Response
    expect(first.status).toBe(302)
    const again = await reset.action(
      args(
        formRequest(`/reset-password/${token}`, {
          password: 'another-password!',
          passwordConfirm: 'another-password!',
        }),
        { token },
      ),
    )
    expect(payloadOf<{ formError: string }>(again).formError).toBe('auth.reset.invalid')
    const ok = (await login.action(
      args(formRequest('/login', { email: user.email, password: 'brand-new-password' })),
    )) as Response
    expect(ok.status).toBe(302)

    await requestPasswordReset(user.email)
    const mails = await db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.toAddress, user.email))
      .orderBy(emailOutbox.createdAt)
    const expiredToken = /reset-password\/([\w-]+)/.exec(mails.at(-1)!.textBody)![1]
    // Only the hash is stored: the link in the e-mail cannot be read back from the database.
    const stored = await db.select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, user.id))
    expect(stored.map((r) => r.tokenHash)).toContain(hashToken(expiredToken))
    expect(stored.map((r) => r.tokenHash)).not.toContain(expiredToken)
    await db
      .update(passwordResetTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(passwordResetTokens.userId, user.id))
    const expired = await reset.action(
      args(
        formRequest(`/reset-password/${expiredToken}`, {
          password: 'brand-new-password2',
          passwordConfirm: 'brand-new-password2',
        }),
        { token: expiredToken },
      ),
    )
    expect(payloadOf<{ formError: string }>(expired).formError).toBe('auth.reset.invalid')
  })

  it('checks a reset link before hashing the new password', async () => {
    let result: unknown
    const hashes = await countPasswordHashes(async () => {
      result = await reset.action(
        args(formRequest('/reset-password/made-up-link', newPassword('brand-new-password')), {
          token: 'made-up-link-0000000000000000000000000000000',
        }),
      )
    })
    expect(payloadOf<{ formError: string }>(result).formError).toBe('auth.reset.invalid')
    expect(hashes).toBe(0)
  })

  it('limits new-password attempts per source address and per link', async () => {
    process.env.RATE_LIMIT = 'true'
    try {
      const from = {
        clientIp: `10.8.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
        cspNonce: '',
      }
      const statuses: number[] = []
      for (let i = 0; i < 11; i++) {
        const token = `guess-${i}-${Date.now()}-padding-padding-padding`
        statuses.push(
          statusOf(
            await reset.action({
              request: formRequest(`/reset-password/${token}`, newPassword('brand-new-password')),
              params: { token },
              context: from,
            }),
          ),
        )
      }
      expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true)
      expect(statuses[10]).toBe(429)

      const token = `one-link-${Date.now()}-padding-padding-padding`
      let last: unknown
      for (let i = 0; i < 6; i++) {
        const elsewhere = { clientIp: `10.7.${i}.${Math.floor(Math.random() * 250)}`, cspNonce: '' }
        last = await reset.action({
          request: formRequest(`/reset-password/${token}`, newPassword('brand-new-password')),
          params: { token },
          context: elsewhere,
        })
      }
      expect(statusOf(last)).toBe(429)
    } finally {
      process.env.RATE_LIMIT = 'false'
    }
  })

  it('stops old reset links once the password is changed (on the account page or by another link)', async () => {
    const user = await makeUser(db)
    await requestPasswordReset(user.email)
    const older = await resetTokenMailedTo(user.email)
    const cookie = await sessionCookieFor(user.id)
    const changed = (await account.action(
      args(
        formRequest(
          '/account',
          { intent: 'password', currentPassword: TEST_PASSWORD, ...newPassword('changed-password-1') },
          { cookie },
        ),
      ),
    )) as Response
    expect(changed.status).toBe(302)
    expect(
      payloadOf<{ usable: boolean }>(await reset.loader(args(getRequest(`/reset-password/${older}`), { token: older })))
        .usable,
    ).toBe(false)
    const late = await reset.action(
      args(formRequest(`/reset-password/${older}`, newPassword('attacker-password-1')), { token: older }),
    )
    expect(payloadOf<{ formError: string }>(late).formError).toBe('auth.reset.invalid')

    await requestPasswordReset(user.email)
    const first = await resetTokenMailedTo(user.email)
    await requestPasswordReset(user.email)
    const second = await resetTokenMailedTo(user.email)
    expect(
      (
        (await reset.action(
          args(formRequest(`/reset-password/${second}`, newPassword('reset-password-2')), { token: second }),
        )) as Response
      ).status,
    ).toBe(302)
    const stale = await reset.action(
      args(formRequest(`/reset-password/${first}`, newPassword('attacker-password-2')), { token: first }),
    )
    expect(payloadOf<{ formError: string }>(stale).formError).toBe('auth.reset.invalid')
    const ok = (await login.action(
      args(formRequest('/login', { email: user.email, password: 'reset-password-2' })),
    )) as Response
    expect(ok.status).toBe(302)
  })
})
