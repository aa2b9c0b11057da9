import { eq } from 'drizzle-orm'

import type { DbOrTx } from '../../db/client.server'
import { caseActions } from '../../db/schema'

export type ActionSpec = Partial<typeof caseActions.$inferInsert> &
  Pick<typeof caseActions.$inferInsert, 'caseId' | 'dueDate'>

/**
 * An action of a case written straight to the table (no guard, no notification: the text is the caller's
 * responsibility). A finished one without `completedAt` is finished on its due day at noon (Sofia).
 */
export async function makeAction(db: DbOrTx, spec: ActionSpec) {
  const status = spec.status ?? 'open'
  const [row] = await db
    .insert(caseActions)
    .values({
      text: spec.kind === 'retention_check' ? '' : 'Задача по случая',
      ...spec,
      status,
      completedAt: spec.completedAt ?? (status === 'open' ? null : new Date(`${spec.dueDate}T10:00:00Z`)),
    })
    .returning()
  return row
}

/**
 * Answers a retention check as the school would (the rules — "left again" re-opening the case — live in
 * `answerRetentionCheck`; this only records the answer, for seeds and fixtures).
 */
export async function answerCheck(
  db: DbOrTx,
  check: { id: string },
  answer: NonNullable<typeof caseActions.$inferInsert.answer>,
  by: { id: string },
  at: Date,
) {
  const [row] = await db
    .update(caseActions)
    .set({ status: 'done', answer, completedAt: at, completedBy: by.id })
    .where(eq(caseActions.id, check.id))
    .returning()
  return row
}
