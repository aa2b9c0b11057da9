import { eq } from 'drizzle-orm'

import type { Tx } from '../../../db/client.server'
import { caseStatusChanges, caseThreads } from '../../../db/schema'
import type { CaseOutcome, CaseStatus } from '../../../db/schema/cases'
import { enqueueSearch } from '../../../search/outbox'
import { notify } from '../notifications/inbox.server'
import type { CaseActor, CaseRow } from './access.server'
import { caseUrl } from './codes'
import { watcherIds } from './watchers.server'

/**
 * Writes a status change of a case already locked by the caller: the new status, its history row, the
 * search update and the watchers' notification (`messageKey` names the reason when it is not the actor's choice).
 */
export async function applyStatusChange(
  tx: Tx,
  actor: CaseActor,
  thread: Pick<CaseRow, 'id' | 'code' | 'status'>,
  to: CaseStatus,
  outcome: CaseOutcome | null,
  messageKey = `cases.notify.status.${to}`,
) {
  const now = new Date()
  await tx
    .update(caseThreads)
    .set({ status: to, outcome, statusChangedAt: now, statusChangedBy: actor.id, lastActivityAt: now })
    .where(eq(caseThreads.id, thread.id))
  await tx
    .insert(caseStatusChanges)
    .values({ caseId: thread.id, actorId: actor.id, fromStatus: thread.status, toStatus: to, outcome })
  await enqueueSearch(tx, 'case', thread.id)
  await notify(tx, {
    userIds: await watcherIds(tx, thread.id),
    kind: 'case.status',
    messageKey,
    params: { actor: actor.name, code: thread.code },
    url: caseUrl(thread.code),
    exceptUserId: actor.id,
  })
}
