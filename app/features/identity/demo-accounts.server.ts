import { and, eq, inArray, sql } from 'drizzle-orm'

import { db } from '../../../db/client.server'
import { passwordResetTokens, sessions, users } from '../../../db/schema'
import { recordAudit } from '../audit/audit.server'
import { DEMO_PASSWORD, REMOVE_DEMO_COMMAND } from './demo'
import { hashPassword, verifyPassword } from './password.server'
import { newToken } from './tokens.server'

// The banner is asked for on every page: one indexed query per process every half minute at most.
const CACHE_MS = 30_000
let cached: { value: boolean; at: number } | undefined

/** Whether any account still has the public demo password (the "demo data" banner). */
export async function demoAccountsExist(): Promise<boolean> {
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.value
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.demoPassword, true)).limit(1)
  cached = { value: !!row, at: Date.now() }
  return cached.value
}

/** Called whenever an account stops (or starts) having the demo password in this process. */
export function forgetDemoAccountState() {
  cached = undefined
}

/**
 * Start-up: each account marked as having the demo password is checked against it (a handful of hashes,
 * only while demo accounts exist); a mark that no longer holds is cleared. Returns how many remain.
 */
export async function recheckDemoAccounts(): Promise<number> {
  const marked = await db
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.demoPassword, true))
  const changed: string[] = []
  for (const account of marked)
    if (!(await verifyPassword(DEMO_PASSWORD, account.passwordHash))) changed.push(account.id)
  if (changed.length) await db.update(users).set({ demoPassword: false }).where(inArray(users.id, changed))
  forgetDemoAccountState()
  return marked.length - changed.length
}

export function demoAccountsRefusal(count: number): string {
  return [
    `Refusing to start: APP_URL is https (a public site), but ${count} account(s) still have the public demo password.`,
    'To keep an account (e.g. admin@demo.bg), start once without APP_URL, sign in at http://localhost and change its password.',
    `Then run \`${REMOVE_DEMO_COMMAND}\`: it disables every account that still has the demo password ` +
      'and signs it out (the demo content stays).',
    'A site for real users can also start from an empty database instead (SEED_DEMO=false and a new DATA_DIR).',
  ].join('\n')
}

/** Disables every account that still has the demo password, gives it a random one and ends its sessions. */
export async function removeDemoAccounts(): Promise<number> {
  const marked = await db.select({ id: users.id }).from(users).where(eq(users.demoPassword, true))
  // A password nobody knows (one random value serves them all).
  const hash = await hashPassword(newToken())
  const removed = await db.transaction(async (tx) => {
    const ids: string[] = []
    for (const { id } of marked) {
      // Only if still marked: an account whose password was changed meanwhile is kept.
      const [updated] = await tx
        .update(users)
        .set({
          passwordHash: hash,
          demoPassword: false,
          status: sql`CASE WHEN ${users.status} = 'rejected' THEN 'rejected' ELSE 'disabled' END`,
        })
        .where(and(eq(users.id, id), eq(users.demoPassword, true)))
        .returning({ id: users.id })
      if (updated) ids.push(updated.id)
    }
    if (ids.length) {
      await tx.delete(sessions).where(inArray(sessions.userId, ids))
      await tx.delete(passwordResetTokens).where(inArray(passwordResetTokens.userId, ids))
    }
    await recordAudit(tx, { actorId: null, action: 'auth.demo_accounts_removed', details: { count: ids.length } })
    return ids.length
  })
  forgetDemoAccountState()
  return removed
}
