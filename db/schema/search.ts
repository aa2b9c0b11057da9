import { bigserial, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

export const SEARCH_DOC_TYPES = ['practice', 'case', 'course', 'event'] as const
export type SearchDocType = (typeof SEARCH_DOC_TYPES)[number]

/** Writes that change searchable content add a row here in the same transaction; a worker applies them. */
export const searchOutbox = pgTable(
  'search_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    docType: text('doc_type', { enum: SEARCH_DOC_TYPES }).notNull(),
    docId: text('doc_id').notNull(),
    op: text('op', { enum: ['upsert', 'delete'] }).notNull().default('upsert'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('search_outbox_due_idx').on(t.nextAttemptAt)],
)
