import { and, eq, sql } from 'drizzle-orm'

import { db, queryRows, type Tx } from '../../../db/client.server'
import { institutions, passwordResetTokens, sessions, users } from '../../../db/schema'
import type { UserStatus } from '../../../db/schema/identity'
import { getEnv } from '../../env.server'
import { deleteCalendarFeedOf } from '../actions/calendar.server'
import { recordAudit } from '../audit/audit.server'
import { stopWatchingAll } from '../cases/watchers.server'
import { disconnectUserSockets } from '../chat/realtime.server'
import { DEFAULT_LOCALE, translate } from '../i18n/translate'
import { eraseNotificationsOf } from '../notifications/inbox.server'
import { eraseMailOf } from '../notifications/mail.server'
import { Refusal } from '../platform/refusal.server'
import { isForeignKeyViolation } from '../platform/sql.server'
import { eraseLearnerNames } from '../training/certificates.server'
import { forgetSignInLocks } from './accounts.server'
import { forgetDemoAccountState } from './demo-accounts.server'
import { requirePermission, type Actor } from './permissions'

/** Accounts that may be anonymised: someone who no longer works here (disabled) or was never let in (rejected). */
const ERASABLE_STATUSES = ['disabled', 'rejected'] as const satisfies readonly UserStatus[]

const isErasable = (status: UserStatus) => (ERASABLE_STATUSES as readonly UserStatus[]).includes(status)

/** The address an anonymised account keeps: unique (its id) and undeliverable (`.invalid`, RFC 2606). */
const erasedEmail = (userId: string) => `${userId}@erased.invalid`

/** The account as the confirmation page shows it, and whether it may be anonymised (`refusal`: why not). */
export async function erasureCandidate(actor: Actor, userId: string) {
  requirePermission(actor, 'user:erase')
  const [person] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      status: users.status,
      institutionName: institutions.name,
    })
    .from(users)
    .innerJoin(institutions, eq(institutions.id, users.institutionId))
    .where(eq(users.id, userId))
  if (!person) throw new Response('Not found', { status: 404 })
  return { ...person, refusal: erasureRefusal(actor, person) }
}

function erasureRefusal(actor: Actor, person: { id: string; status: UserStatus }) {
  if (person.id === actor.id) return 'admin.erase.self'
  if (person.status === 'anonymised') return 'admin.erase.already'
  return isErasable(person.status) ? null : 'admin.erase.notErasable'
}

/**
 * An admin anonymises a disabled or rejected account: the person's name, address, position, note, password and every
 * secret and copy of them go (see `eraseAccount`); what they wrote stays under the label returned.
 */
export async function anonymiseAccount(actor: Actor, userId: string): Promise<{ label: string }> {
  requirePermission(actor, 'user:erase')
  const erased = await db.transaction(async (tx) => {
    const [person] = await tx
      .select({ id: users.id, status: users.status })
      .from(users)
      .where(eq(users.id, userId))
      .for('update')
    if (!person) throw new Response('Not found', { status: 404 })
    const refusal = erasureRefusal(actor, person)
    if (refusal) throw new Refusal(refusal, { status: 409 })
    return eraseAccount(tx, userId, { actorId: actor.id, action: 'user.anonymised' })
  })
  await afterErasure(erased)
  return { label: erased.label }
}

interface Erased {
  userId: string
  email: string
  label: string
}

/**
 * Erases one account's personal data in the caller's transaction (the row is locked by the caller), and records it
 * with ids only. The row stays, so what the person wrote, completed and did stays attributed: to the label.
 */
async function eraseAccount(
  tx: Tx,
  userId: string,
  audit: { actorId: string | null; action: string },
): Promise<Erased> {
  const [before] = await tx
    .select({ name: users.name, email: users.email, status: users.status })
    .from(users)
    .where(eq(users.id, userId))
  const [{ number }] = await queryRows<{ number: number }>(
    tx,
    sql`SELECT nextval('former_user_number_seq')::int AS number`,
  )
  // The forum's first language: the label is stored where the name was, and everyone reads it as a name.
  const label = translate(DEFAULT_LOCALE, 'identity.formerUser', { number })
  const email = erasedEmail(userId)
  await tx
    .update(users)
    .set({
      name: label,
      email,
      // No hash matches this: the account has no password any more.
      passwordHash: '',
      demoPassword: false,
      positionKind: 'other',
      position: '',
      signupNote: '',
      emailPreference: 'never',
      status: 'anonymised',
    })
    .where(eq(users.id, userId))
  await tx.delete(sessions).where(eq(sessions.userId, userId))
  await tx.delete(passwordResetTokens).where(eq(passwordResetTokens.userId, userId))
  await deleteCalendarFeedOf(tx, userId)
  await stopWatchingAll(tx, userId)
  await eraseNotificationsOf(tx, userId, { name: before.name, label })
  await eraseMailOf(tx, { name: before.name, email: before.email }, { name: label, email })
  await eraseLearnerNames(tx, userId)
  await recordAudit(tx, {
    actorId: audit.actorId,
    action: audit.action,
    targetType: 'user',
    targetId: userId,
    details: { from: before.status },
  })
  return { userId, email: before.email, label }
}

/** What lives outside the database: open chat sockets in every process, sign-in locks on the old address. */
function afterErasure(erased: Erased) {
  disconnectUserSockets(erased.userId)
  forgetDemoAccountState()
  return forgetSignInLocks(erased.email)
}

const DAY_MS = 24 * 3600 * 1000

/**
 * Retention: sign-up requests rejected more than REJECTED_SIGNUP_RETENTION_DAYS ago are anonymised, and the row is
 * deleted when nothing refers to it (a rejected person never got in, so nearly always). Claimed with FOR UPDATE SKIP
 * LOCKED, so several processes split the work.
 */
export async function eraseExpiredSignupRequests(
  now = new Date(),
  batchSize = 50,
): Promise<{ anonymised: number; deleted: number }> {
  const before = new Date(now.getTime() - getEnv().REJECTED_SIGNUP_RETENTION_DAYS * DAY_MS)
  const { erased, deleted } = await db.transaction(async (tx) => {
    const due = await tx
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          eq(users.status, 'rejected'),
          sql`coalesce(${users.reviewedAt}, ${users.createdAt}) <= ${before.toISOString()}::timestamptz`,
        ),
      )
      .orderBy(users.createdAt)
      .limit(batchSize)
      .for('update', { skipLocked: true })
    const erased: Erased[] = []
    let deleted = 0
    for (const { id } of due) {
      erased.push(await eraseAccount(tx, id, { actorId: null, action: 'user.retention.anonymised' }))
      if (await deleteIfUnreferenced(tx, id)) deleted++
    }
    return { erased, deleted }
  })
  for (const account of erased) await afterErasure(account)
  return { anonymised: erased.length, deleted }
}

/** Deletes an anonymised account's row unless another row refers to it (then the anonymised row stays). */
async function deleteIfUnreferenced(tx: Tx, userId: string): Promise<boolean> {
  try {
    // A savepoint: a refused delete undoes only itself, not the erasure around it.
    await tx.transaction(async (savepoint) => {
      await savepoint.delete(users).where(and(eq(users.id, userId), eq(users.status, 'anonymised')))
    })
    return true
  } catch (error) {
    if (isForeignKeyViolation(error)) return false
    throw error
  }
}
