import { eq } from 'drizzle-orm'
import type { PgColumn, PgInsertValue, PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core'

import type { Tx } from '../../../db/client.server'

/** What an edit keeps of the version it replaces: a row for the table of earlier versions. */
export interface Revision<R extends PgTable> {
  into: R
  values: PgInsertValue<R>
}

/**
 * An edit that keeps its history: the earlier version (when there is one worth keeping) is stored first, then the
 * row `id` of `table` takes `set` — a case, a reply and a practice are edited this way.
 */
export async function saveEdit<T extends PgTable & { id: PgColumn }, R extends PgTable>(
  tx: Tx,
  edit: { table: T; id: string; set: PgUpdateSetSource<T>; revision: Revision<R> | null },
) {
  if (edit.revision) await tx.insert(edit.revision.into).values(edit.revision.values)
  await tx.update(edit.table).set(edit.set).where(eq(edit.table.id, edit.id))
}
