import { eq } from 'drizzle-orm'

import type { DbOrTx } from '../../../db/client.server'
import { caseInstitutions, caseThreads } from '../../../db/schema'
import { can, requirePermission, type Action, type Actor } from '../identity/permissions'
import { notFound } from '../platform/http.server'
import { Refusal } from '../platform/refusal.server'
import { normaliseCaseCode } from './codes'

/** Whoever acts on a case: the session user (the name goes into notifications). */
export type CaseActor = Actor & { name: string }

export type CaseRow = typeof caseThreads.$inferSelect

/** The institutions involved in a case (its own among them). */
export async function involvedInstitutionIds(runner: DbOrTx, caseId: string): Promise<string[]> {
  const rows = await runner
    .select({ id: caseInstitutions.institutionId })
    .from(caseInstitutions)
    .where(eq(caseInstitutions.caseId, caseId))
  return rows.map((r) => r.id)
}

/** A locked case takes no new or edited text, except from coordinators. */
export function lockedFor(actor: Actor, thread: { lockedAt: Date | string | null }): boolean {
  return !!thread.lockedAt && !can(actor, 'case:moderate')
}

/** Hiding a case's opening post hides its title with its description from everyone but moderators. */
export function openingHiddenFor(actor: Actor, thread: { hiddenAt: Date | string | null }): boolean {
  return !!thread.hiddenAt && !can(actor, 'case:moderate')
}

/** The title this reader may see; null when the opening post is hidden from them (shown as a placeholder). */
export function caseTitleFor(actor: Actor, thread: { title: string; hiddenAt: Date | string | null }): string | null {
  return openingHiddenFor(actor, thread) ? null : thread.title
}

export function requireUnlocked(actor: Actor, thread: { lockedAt: Date | string | null }) {
  if (lockedFor(actor, thread)) throw new Refusal('cases.error.locked', { status: 409 })
}

/**
 * The case behind a code, after the permission check (404 for an unknown or malformed code).
 * `forUpdate` locks the row inside the caller's transaction.
 */
export async function requireCase(
  runner: DbOrTx,
  actor: Actor,
  rawCode: string,
  action: Action = 'case:read',
  options: { forUpdate?: boolean } = {},
): Promise<CaseRow> {
  requirePermission(actor, 'case:read')
  const code = normaliseCaseCode(rawCode)
  if (!code) notFound()
  const query = runner.select().from(caseThreads).where(eq(caseThreads.code, code)).limit(1)
  const [row] = options.forUpdate ? await query.for('update') : await query
  if (!row) notFound()
  if (action !== 'case:read') requirePermission(actor, action, { authorId: row.authorId })
  return row
}
