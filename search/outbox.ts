import type { DbOrTx } from '../db/client.server'
import { searchOutbox, type SearchDocType } from '../db/schema/search'

/**
 * Call inside the transaction that changes searchable content: the index update is then
 * committed with the change, and the outbox worker applies it even if the engine is down now.
 */
export async function enqueueSearch(runner: DbOrTx, docType: SearchDocType, docId: string, op: 'upsert' | 'delete' = 'upsert') {
  await runner.insert(searchOutbox).values({ docType, docId, op })
}
