import { and, asc, eq, ilike, inArray, ne, or, sql } from 'drizzle-orm'

import { db, type Tx } from '../../../db/client.server'
import { institutions, passwordResetTokens, teams, users } from '../../../db/schema'
import type { EmailPreference, Locale, Position, Role, UserStatus } from '../../../db/schema/identity'
import { getEnv } from '../../env.server'
import { recordAudit } from '../audit/audit.server'
import { disconnectUserSockets } from '../chat/realtime.server'
import { translate, type Params } from '../i18n/translate'
import { queueEmail } from '../notifications/mail.server'
import { clearFailures, countAttempt, LOGIN_LOCKOUT } from '../platform/rate-limit.server'
import { Refusal } from '../platform/refusal.server'
import { escapeLike } from '../platform/sql.server'
import { forgetDemoAccountState } from './demo-accounts.server'
import { hashPassword, verifyPassword } from './password.server'
import { roleMay } from './people.server'
import { requirePermission, type Actor } from './permissions'
import { revokeUserSessions } from './session.server'
import { hashToken, newToken } from './tokens.server'

const RESET_TOKEN_MINUTES = 60

export type LoginResult =
  { ok: true; userId: string } | { ok: false; reason: 'invalid' | 'locked' | 'pending' | 'inactive' }

// A fixed hash to compare against when the e-mail is unknown, so response time does not reveal accounts.
let dummyHash: Promise<string> | undefined

export function normaliseEmail(email: string) {
  return email.trim().toLowerCase()
}

async function findByEmail(email: string) {
  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, normaliseEmail(email)))
    .limit(1)
  return user
}

/** The lockout key of an e-mail address (hashed: the counters table holds no addresses). */
function emailKey(email: string) {
  return hashToken(normaliseEmail(email)).slice(0, 32)
}

/** Sign-in locks on an address, from every source address (a new password proved it; an erased account's went). */
export function forgetSignInLocks(email: string) {
  return clearFailures(LOGIN_LOCKOUT, emailKey(email), { prefix: true })
}

/**
 * Checks a password with lockout per e-mail address *and* source address: the fifth wrong password in a
 * row from one address locks that address out of that account for 15 minutes (even the right password is
 * refused there), while the owner signs in from their own. Unknown addresses are answered exactly like
 * known ones — same message, same lock, a hash computed all the same — so nothing tells which exist.
 */
export async function verifyLogin(email: string, password: string, source: string): Promise<LoginResult> {
  const user = await findByEmail(email)
  const subject = `${emailKey(email)}:${source}`
  const target = user ? { targetType: 'user', targetId: user.id } : { details: { reason: 'unknown_account' } }
  const attempts = await countAttempt(LOGIN_LOCKOUT, subject)
  if (attempts > LOGIN_LOCKOUT.failures) {
    await recordAudit(db, { actorId: null, action: 'auth.login_refused_locked', ...target })
    return { ok: false, reason: 'locked' }
  }
  dummyHash ??= hashPassword('not-a-real-password')
  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyHash))
  if (!user || !valid) {
    const locked = attempts >= LOGIN_LOCKOUT.failures
    await recordAudit(db, { actorId: null, action: locked ? 'auth.login_locked' : 'auth.login_failed', ...target })
    return { ok: false, reason: locked ? 'locked' : 'invalid' }
  }
  await clearFailures(LOGIN_LOCKOUT, subject)
  if (user.status === 'pending') return { ok: false, reason: 'pending' }
  if (user.status !== 'approved') return { ok: false, reason: 'inactive' }
  await recordAudit(db, { actorId: user.id, action: 'auth.login', targetType: 'user', targetId: user.id })
  return { ok: true, userId: user.id }
}

/**
 * Every new password is stored here: reset links issued before it stop working, and the account no
 * longer counts as a demo account.
 */
async function storePassword(tx: Tx, userId: string, passwordHash: string) {
  const [user] = await tx
    .update(users)
    .set({ passwordHash, demoPassword: false })
    .where(eq(users.id, userId))
    .returning({ email: users.email })
  await tx.delete(passwordResetTokens).where(eq(passwordResetTokens.userId, userId))
  return user
}

/** Ends every session of a user and drops their open chat sockets, in every process. */
async function endAllSessions(userId: string) {
  const count = await revokeUserSessions(userId)
  disconnectUserSockets(userId)
  return count
}

export interface SignupInput {
  name: string
  email: string
  password: string
  institutionId: string
  teamId?: string | null
  positionKind?: Position
  position?: string
  note?: string
  locale: Locale
}

/** An e-mail to a person in their language: the catalogue's `<key>.subject` and `<key>.body`. */
function emailPerson(tx: Tx, person: { email: string; locale: Locale }, key: string, kind: string, params?: Params) {
  return queueEmail(tx, {
    to: person.email,
    subject: translate(person.locale, `${key}.subject`),
    text: translate(person.locale, `${key}.body`, params),
    kind,
  })
}

/** A visitor's request about an account (nobody signed in): recorded, and the account's owner e-mailed. */
async function answerAccountRequest(
  tx: Tx,
  user: { id: string; email: string; locale: Locale },
  action: 'auth.signup_existing' | 'auth.password_reset_requested',
  email: { key: string; kind: string; params: Params },
) {
  await recordAudit(tx, { actorId: null, action, targetType: 'user', targetId: user.id })
  await emailPerson(tx, user, email.key, email.kind, email.params)
}

/**
 * A sign-up request: a pending account that a coordinator approves or rejects. For an address that already
 * has an account the answer is the same (a hash is computed all the same); its owner gets a notice instead.
 */
export async function requestSignup(input: SignupInput): Promise<void> {
  const [institution] = await db
    .select({ id: institutions.id })
    .from(institutions)
    .where(eq(institutions.id, input.institutionId))
  if (!institution) throw new Refusal('errors.choice', { field: 'institutionId' })
  const passwordHash = await hashPassword(input.password)
  const existing = await findByEmail(input.email)
  if (existing) {
    await db.transaction(async (tx) => {
      await answerAccountRequest(tx, existing, 'auth.signup_existing', {
        key: 'email.signupExisting',
        kind: 'signup.existing',
        params: { login: `${getEnv().appUrl}/login`, reset: `${getEnv().appUrl}/forgot-password` },
      })
    })
    return
  }
  await db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({
        name: input.name.trim(),
        email: normaliseEmail(input.email),
        passwordHash,
        institutionId: input.institutionId,
        teamId: input.teamId || null,
        positionKind: input.positionKind ?? 'other',
        position: input.position?.trim() ?? '',
        signupNote: input.note?.trim() ?? '',
        locale: input.locale,
        status: 'pending',
        role: 'staff',
      })
      .returning({ id: users.id })
    await recordAudit(tx, { actorId: null, action: 'auth.signup_requested', targetType: 'user', targetId: user.id })
    const reviewers = await tx
      .select({ email: users.email, locale: users.locale })
      .from(users)
      .where(and(roleMay('user:approve'), eq(users.status, 'approved')))
    const url = `${getEnv().appUrl}/admin/approvals`
    for (const reviewer of reviewers) {
      await emailPerson(tx, reviewer, 'email.signupReceived', 'signup.received', { url })
    }
  })
}

export async function listPendingSignups(actor: Actor) {
  requirePermission(actor, 'user:approve')
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      positionKind: users.positionKind,
      position: users.position,
      signupNote: users.signupNote,
      createdAt: users.createdAt,
      institutionName: institutions.name,
      institutionKind: institutions.kind,
      teamName: teams.name,
    })
    .from(users)
    .innerJoin(institutions, eq(institutions.id, users.institutionId))
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(eq(users.status, 'pending'))
    .orderBy(asc(users.createdAt))
}

/** Approve or reject a pending request; the applicant gets an e-mail in their language. */
export async function reviewSignup(actor: Actor, userId: string, decision: 'approve' | 'reject', reason = '') {
  requirePermission(actor, 'user:approve')
  return db.transaction(async (tx) => {
    const [user] = await tx
      .select()
      .from(users)
      .where(and(eq(users.id, userId), eq(users.status, 'pending')))
      .for('update')
    if (!user) throw new Response('Not found', { status: 404 })
    const status: UserStatus = decision === 'approve' ? 'approved' : 'rejected'
    await tx.update(users).set({ status, reviewedAt: new Date(), reviewedBy: actor.id }).where(eq(users.id, userId))
    await recordAudit(tx, {
      actorId: actor.id,
      action: `auth.signup_${decision === 'approve' ? 'approved' : 'rejected'}`,
      targetType: 'user',
      targetId: userId,
    })
    const key = decision === 'approve' ? 'email.approved' : 'email.rejected'
    await emailPerson(tx, user, key, `signup.${decision === 'approve' ? 'approved' : 'rejected'}`, {
      name: user.name,
      url: `${getEnv().appUrl}/login`,
      reason: reason.trim(),
    })
    return { name: user.name, status }
  })
}

/** Always answers the same, so the form does not reveal which e-mails have accounts. */
export async function requestPasswordReset(email: string) {
  const user = await findByEmail(email)
  if (!user || user.status !== 'approved') return
  const token = newToken()
  await db.transaction(async (tx) => {
    await tx.insert(passwordResetTokens).values({
      tokenHash: hashToken(token),
      userId: user.id,
      expiresAt: new Date(Date.now() + RESET_TOKEN_MINUTES * 60 * 1000),
    })
    await answerAccountRequest(tx, user, 'auth.password_reset_requested', {
      key: 'email.reset',
      kind: 'auth.password_reset',
      params: { url: `${getEnv().appUrl}/reset-password/${token}` },
    })
  })
}

/** An unused, unexpired reset link of an approved account: one indexed look-up, no password hashing. */
function usableResetToken(token: string) {
  return and(
    eq(passwordResetTokens.tokenHash, hashToken(token)),
    sql`${passwordResetTokens.usedAt} IS NULL`,
    sql`${passwordResetTokens.expiresAt} > now()`,
    sql`EXISTS (
      SELECT 1 FROM ${users} WHERE ${users.id} = ${passwordResetTokens.userId} AND ${users.status} = 'approved'
    )`,
  )
}

export async function isResetTokenUsable(token: string) {
  const [row] = await db
    .select({ userId: passwordResetTokens.userId })
    .from(passwordResetTokens)
    .where(usableResetToken(token))
  return !!row
}

/**
 * Single use: the token is spent in the same transaction that sets the password. The link is checked
 * before the (deliberately slow) hash, so a made-up link costs one look-up.
 */
export async function resetPassword(token: string, password: string) {
  if (!(await isResetTokenUsable(token))) throw new Refusal('auth.reset.invalid')
  const passwordHash = await hashPassword(password)
  const { userId, email } = await db.transaction(async (tx) => {
    const [spent] = await tx
      .update(passwordResetTokens)
      .set({ usedAt: new Date() })
      .where(usableResetToken(token))
      .returning({ userId: passwordResetTokens.userId })
    if (!spent) throw new Refusal('auth.reset.invalid')
    const user = await storePassword(tx, spent.userId, passwordHash)
    await recordAudit(tx, {
      actorId: spent.userId,
      action: 'auth.password_reset',
      targetType: 'user',
      targetId: spent.userId,
    })
    return { userId: spent.userId, email: user.email }
  })
  forgetDemoAccountState()
  // The owner proved the address: sign-in locks on it are lifted everywhere.
  await forgetSignInLocks(email)
  await endAllSessions(userId)
}

export async function getAccount(userId: string) {
  const [user] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      locale: users.locale,
      emailPreference: users.emailPreference,
      role: users.role,
      positionKind: users.positionKind,
      position: users.position,
    })
    .from(users)
    .where(eq(users.id, userId))
  return user
}

export async function updateProfile(
  actor: Actor,
  input: { name: string; locale: Locale; emailPreference: EmailPreference } & PositionInput,
) {
  await db
    .update(users)
    .set({
      name: input.name.trim(),
      locale: input.locale,
      emailPreference: input.emailPreference,
      positionKind: input.positionKind ?? 'other',
      position: input.position?.trim() ?? '',
    })
    .where(eq(users.id, actor.id))
}

export interface PositionInput {
  positionKind?: Position
  position?: string
}

/** An admin corrects what a colleague does (the owner changes it on /account). */
export async function setUserPosition(actor: Actor, userId: string, input: PositionInput) {
  requirePermission(actor, 'user:manage')
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ positionKind: input.positionKind ?? 'other', position: input.position?.trim() ?? '' })
      // An anonymised account holds no position again.
      .where(and(eq(users.id, userId), ne(users.status, 'anonymised')))
      .returning({ id: users.id })
    if (!row) throw new Response('Not found', { status: 404 })
    await recordAudit(tx, { actorId: actor.id, action: 'user.position_changed', targetType: 'user', targetId: userId })
  })
}

export async function setUserLocale(userId: string, locale: Locale) {
  await db.update(users).set({ locale }).where(eq(users.id, userId))
}

export async function changePassword(actor: Actor, currentPassword: string, newPassword: string) {
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.id))
  if (!user || !(await verifyPassword(currentPassword, user.passwordHash)))
    throw new Refusal('auth.error.wrongPassword', { field: 'currentPassword' })
  const passwordHash = await hashPassword(newPassword)
  await db.transaction(async (tx) => {
    await storePassword(tx, actor.id, passwordHash)
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'auth.password_changed',
      targetType: 'user',
      targetId: actor.id,
    })
  })
  forgetDemoAccountState()
}

export async function signOutEverywhere(actor: Actor) {
  const count = await endAllSessions(actor.id)
  await recordAudit(db, {
    actorId: actor.id,
    action: 'auth.sessions_revoked',
    targetType: 'user',
    targetId: actor.id,
    details: { count },
  })
  return count
}

export async function listUsers(actor: Actor, filter: { q?: string; status?: UserStatus; role?: Role } = {}) {
  requirePermission(actor, 'user:manage')
  const q = filter.q?.trim()
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      status: users.status,
      positionKind: users.positionKind,
      position: users.position,
      institutionName: institutions.name,
      teamName: teams.name,
      createdAt: users.createdAt,
    })
    .from(users)
    .innerJoin(institutions, eq(institutions.id, users.institutionId))
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(
      and(
        q ? or(ilike(users.name, `%${escapeLike(q)}%`), ilike(users.email, `%${escapeLike(q)}%`)) : undefined,
        filter.status ? eq(users.status, filter.status) : undefined,
        filter.role ? eq(users.role, filter.role) : undefined,
      ),
    )
    .orderBy(asc(users.name))
    .limit(500)
}

export async function changeRole(actor: Actor, userId: string, role: Role) {
  requirePermission(actor, 'user:manage')
  if (actor.id === userId) throw new Refusal('admin.users.selfChange')
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ role: users.role })
      .from(users)
      .where(and(eq(users.id, userId), ne(users.status, 'anonymised')))
      .for('update')
    if (!before) throw new Response('Not found', { status: 404 })
    await tx.update(users).set({ role }).where(eq(users.id, userId))
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'user.role_changed',
      targetType: 'user',
      targetId: userId,
      details: { from: before.role, to: role },
    })
  })
  // Open chat rooms were authorised under the old role.
  disconnectUserSockets(userId)
}

export async function setUserActive(actor: Actor, userId: string, active: boolean) {
  requirePermission(actor, 'user:manage')
  if (actor.id === userId) throw new Refusal('admin.users.selfChange')
  await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(users)
      .set({ status: active ? 'approved' : 'disabled' })
      .where(and(eq(users.id, userId), inArray(users.status, active ? ['disabled'] : ['approved'])))
      .returning({ id: users.id })
    if (!updated) throw new Response('Not found', { status: 404 })
    await recordAudit(tx, {
      actorId: actor.id,
      action: active ? 'user.enabled' : 'user.disabled',
      targetType: 'user',
      targetId: userId,
    })
  })
  if (!active) await endAllSessions(userId)
}

export async function revokeSessionsOf(actor: Actor, userId: string) {
  requirePermission(actor, 'session:revoke')
  const count = await endAllSessions(userId)
  await recordAudit(db, {
    actorId: actor.id,
    action: 'auth.sessions_revoked',
    targetType: 'user',
    targetId: userId,
    details: { count },
  })
  return count
}
