import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { auditLog, emailOutbox, passwordResetTokens, sessions, users } from '../../db/schema'
import { hashToken } from '../../app/features/identity/tokens.server'
import * as login from '../../app/routes/login'
import * as signup from '../../app/routes/signup'
import * as approvals from '../../app/routes/admin.approvals'
import * as adminUsers from '../../app/routes/admin.users'
import * as adminLayout from '../../app/routes/admin'
import * as cases from '../../app/routes/cases._index'
import * as account from '../../app/routes/account'
import * as reset from '../../app/routes/reset-password.$token'
import * as forgot from '../../app/routes/forgot-password'
import { getSessionUser } from '../../app/features/identity/session.server'
import { requestPasswordReset } from '../../app/features/identity/accounts.server'
import { db } from '../support/database'
import { context, formRequest, getRequest, payloadOf, sessionCookieFor, settle, statusOf } from '../support/http'
import { TEST_PASSWORD, makeInstitution, makeUser } from '../factories/identity'

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context })

function cookieFrom(response: Response) {
  return (response.headers.get('set-cookie') ?? '').split(';')[0]
}

describe('sign-in with the HTML form', () => {
  let email: string
  beforeAll(async () => {
    email = (await makeUser(db, { role: 'staff' })).email
  })

  it('redirects with a session cookie for the right password', async () => {
    const response = (await login.action(args(formRequest('/login', { email, password: TEST_PASSWORD, redirectTo: '/cases' })))) as Response
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
    expect(payloadOf<{ formError: string; values: Record<string, string> }>(result)).toMatchObject({ formError: 'auth.error.invalid', values: { email } })
    expect(payloadOf<{ values: Record<string, string> }>(result).values.password).toBeUndefined()
  })

  it('does not redirect off-site after sign-in', async () => {
    const response = (await login.action(args(formRequest('/login', { email, password: TEST_PASSWORD, redirectTo: '//evil.example/' })))) as Response
    expect(response.headers.get('location')).toBe('/')
  })

  it('locks the account after five wrong passwords: the sixth attempt fails even when right', async () => {
    const victim = await makeUser(db)
    for (let i = 0; i < 5; i++) {
      const result = await login.action(args(formRequest('/login', { email: victim.email, password: `nope-${i}` })))
      expect(payloadOf<{ formError: string }>(result).formError).toBe(i < 4 ? 'auth.error.invalid' : 'auth.error.locked')
    }
    const sixth = await login.action(args(formRequest('/login', { email: victim.email, password: TEST_PASSWORD })))
    expect(statusOf(sixth)).toBe(423)
    expect(payloadOf<{ formError: string }>(sixth).formError).toBe('auth.error.locked')
    const [row] = await db.select().from(users).where(eq(users.id, victim.id))
    expect(row.lockedUntil!.getTime() - Date.now()).toBeGreaterThan(14 * 60 * 1000)
    const events = await db.select().from(auditLog).where(eq(auditLog.targetId, victim.id))
    expect(events.map((e) => e.action)).toContain('auth.account_locked')
    expect(JSON.stringify(events)).not.toContain(victim.email)
  })

  it('refuses pending accounts with a clear message', async () => {
    const pending = await makeUser(db, { status: 'pending' })
    const result = await login.action(args(formRequest('/login', { email: pending.email, password: TEST_PASSWORD })))
    expect(payloadOf<{ formError: string }>(result).formError).toBe('auth.error.pending')
  })

  it('rate-limits sign-in per IP', async () => {
    process.env.RATE_LIMIT = 'true'
    try {
      const ipContext = { clientIp: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`, cspNonce: '' }
      let last: unknown
      for (let i = 0; i < 21; i++) last = await login.action({ request: formRequest('/login', { email: 'nobody@example.bg', password: 'x' }), params: {}, context: ipContext })
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
      args(formRequest('/signup', { name: 'Мария Тодорова', email, password: 'a-long-password', passwordConfirm: 'a-long-password', institutionId: institution.id, locale: 'bg' })),
    )) as Response
    expect(sent.status).toBe(302)
    const [created] = await db.select().from(users).where(eq(users.email, email))
    expect(created.status).toBe('pending')

    const beforeApproval = await login.action(args(formRequest('/login', { email, password: 'a-long-password' })))
    expect(payloadOf<{ formError: string }>(beforeApproval).formError).toBe('auth.error.pending')

    const cookie = await sessionCookieFor(coordinator.id)
    const approved = (await approvals.action(args(formRequest('/admin/approvals', { userId: created.id, decision: 'approve' }, { cookie })))) as Response
    expect(approved.status).toBe(302)
    const mails = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email))
    expect(mails.map((m) => m.kind)).toContain('signup.approved')

    const signedIn = (await login.action(args(formRequest('/login', { email, password: 'a-long-password' })))) as Response
    expect(signedIn.status).toBe(302)
  })

  it('keeps what was typed and explains each error', async () => {
    const result = await signup.action(args(formRequest('/signup', { name: '', email: 'not-an-email', password: 'short', passwordConfirm: 'other', institutionId: 'x' })))
    expect(statusOf(result)).toBe(400)
    const body = payloadOf<{ fieldErrors: Record<string, string[]>; values: Record<string, string> }>(result)
    expect(body.fieldErrors.name).toEqual(['errors.required'])
    expect(body.fieldErrors.email).toEqual(['errors.email'])
    expect(body.fieldErrors.password).toEqual(['auth.error.passwordShort'])
    expect(body.fieldErrors.institutionId).toEqual(['errors.choice'])
    expect(body.values.email).toBe('not-an-email')
  })

  it('refuses a second request with the same e-mail, in any letter case', async () => {
    const existing = await makeUser(db)
    const institution = await makeInstitution(db)
    const result = await signup.action(
      args(formRequest('/signup', { name: 'Някой', email: existing.email.toUpperCase(), password: 'a-long-password', passwordConfirm: 'a-long-password', institutionId: institution.id })),
    )
    expect(payloadOf<{ fieldErrors: Record<string, string[]> }>(result).fieldErrors.email).toEqual(['auth.error.emailTaken'])
  })
})

describe('access control on pages', () => {
  it('gives staff 403 on /admin pages and coordinators 403 on admin-only ones', async () => {
    const staff = await makeUser(db, { role: 'staff' })
    const coordinator = await makeUser(db, { role: 'coordinator' })
    const staffCookie = await sessionCookieFor(staff.id)
    const coordCookie = await sessionCookieFor(coordinator.id)
    expect(statusOf(await settle(() => adminLayout.loader(args(getRequest('/admin', { cookie: staffCookie })))))).toBe(403)
    expect(statusOf(await settle(() => adminUsers.loader(args(getRequest('/admin/users', { cookie: staffCookie })))))).toBe(403)
    expect(statusOf(await settle(() => adminUsers.loader(args(getRequest('/admin/users', { cookie: coordCookie })))))).toBe(403)
    const forged = await settle(() => adminUsers.action(args(formRequest('/admin/users', { intent: 'role', userId: staff.id, role: 'admin' }, { cookie: staffCookie }))))
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
    const response = (await account.action(args(formRequest('/account', { intent: 'signout-everywhere' }, { cookie: a })))) as Response
    expect(response.status).toBe(302)
    expect(await getSessionUser(getRequest('/', { cookie: b }))).toBeNull()
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0)
  })

  it('lets an admin revoke another user’s sessions, and records it', async () => {
    const admin = await makeUser(db, { role: 'admin' })
    const user = await makeUser(db)
    const userCookie = await sessionCookieFor(user.id)
    await adminUsers.action(args(formRequest('/admin/users', { intent: 'revoke', userId: user.id }, { cookie: await sessionCookieFor(admin.id) })))
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
    const first = (await reset.action(args(formRequest(`/reset-password/${token}`, { password: 'brand-new-password', passwordConfirm: 'brand-new-password' }), { token }))) as Response
    expect(first.status).toBe(302)
    const again = await reset.action(args(formRequest(`/reset-password/${token}`, { password: 'another-password!', passwordConfirm: 'another-password!' }), { token }))
    expect(payloadOf<{ formError: string }>(again).formError).toBe('auth.reset.invalid')
    const ok = (await login.action(args(formRequest('/login', { email: user.email, password: 'brand-new-password' })))) as Response
    expect(ok.status).toBe(302)

    await requestPasswordReset(user.email)
    const mails = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, user.email)).orderBy(emailOutbox.createdAt)
    const expiredToken = /reset-password\/([\w-]+)/.exec(mails.at(-1)!.textBody)![1]
    // Only the hash is stored: the link in the e-mail cannot be read back from the database.
    const stored = await db.select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, user.id))
    expect(stored.map((r) => r.tokenHash)).toContain(hashToken(expiredToken))
    expect(stored.map((r) => r.tokenHash)).not.toContain(expiredToken)
    await db.update(passwordResetTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(passwordResetTokens.userId, user.id))
    const expired = await reset.action(args(formRequest(`/reset-password/${expiredToken}`, { password: 'brand-new-password2', passwordConfirm: 'brand-new-password2' }), { token: expiredToken }))
    expect(payloadOf<{ formError: string }>(expired).formError).toBe('auth.reset.invalid')
  })
})
