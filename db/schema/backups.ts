import { bigint, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'

export const BACKUP_STATUSES = ['ok', 'failed'] as const
export const BACKUP_TRIGGERS = ['schedule', 'manual'] as const

/** One finished attempt to write a backup archive: what the admin page lists and the stale-backup banner reads. */
export const backupRuns = pgTable(
  'backup_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trigger: text('trigger', { enum: BACKUP_TRIGGERS }).notNull(),
    status: text('status', { enum: BACKUP_STATUSES }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    fileName: text('file_name'),
    byteSize: bigint('byte_size', { mode: 'number' }),
    /** How long the site waited for the database while the backup took its snapshot. */
    blockedMs: integer('blocked_ms'),
    /** A short technical reason (no personal data: file system and dump errors only). */
    error: text('error'),
    /** Set when the retention rules deleted the archive. */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [index('backup_runs_started_idx').on(t.startedAt)],
)
