import { sql } from 'drizzle-orm'

import type { DbOrTx } from '../db/client.server'
import { searchOutbox, type SearchDocType } from '../db/schema/search'

/**
 * Call inside the transaction that changes searchable content: the index update is then
 * committed with the change, and the outbox worker applies it even if the engine is down now.
 * The document's version goes up in the same transaction (search/versions.ts); its row lock holds
 * concurrent changes of one document in commit order.
 */
export async function enqueueSearch(
  runner: DbOrTx,
  docType: SearchDocType,
  docId: string,
  op: 'upsert' | 'delete' = 'upsert',
) {
  await runner.execute(
    sql`INSERT INTO search_versions (doc_type, doc_id, version) VALUES (${docType}, ${docId}, 1)
        ON CONFLICT (doc_type, doc_id) DO UPDATE SET version = search_versions.version + 1`,
  )
  await runner.insert(searchOutbox).values({ docType, docId, op })
}
