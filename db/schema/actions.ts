import { sql } from 'drizzle-orm'
import { date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'

import { caseReplies, caseThreads } from './cases'
import { chatRooms } from './chat'
import { institutions, users } from './identity'

export const CASE_ACTION_STATUSES = ['open', 'done', 'dropped'] as const
export type CaseActionStatus = (typeof CASE_ACTION_STATUSES)[number]

/** A task agreed on a case, or a retention check the school answers months after a child returned. */
export const CASE_ACTION_KINDS = ['task', 'retention_check'] as const
export type CaseActionKind = (typeof CASE_ACTION_KINDS)[number]

export const RETENTION_ANSWERS = ['attending', 'irregular', 'left_again'] as const
export type RetentionAnswer = (typeof RETENTION_ANSWERS)[number]

/**
 * Who does what by when on a case. The owner is a person or an institution involved in the case
 * (exactly one of the two). `dueDate` is a Sofia calendar day. The reminder columns record that the
 * day-before and the overdue reminder went out, so a reminder is never sent twice.
 */
export const caseActions = pgTable(
  'case_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseThreads.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: CASE_ACTION_KINDS }).notNull().default('task'),
    /** What is to be done (guarded); empty for a retention check, whose wording comes from the catalog. */
    text: text('text').notNull().default(''),
    ownerUserId: uuid('owner_user_id').references(() => users.id, { onDelete: 'set null' }),
    ownerInstitutionId: uuid('owner_institution_id').references(() => institutions.id),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    status: text('status', { enum: CASE_ACTION_STATUSES }).notNull().default('open'),
    /** Why an action was dropped (guarded). */
    dropReason: text('drop_reason'),
    /** Where it was agreed: a reply of the case (conference minutes are a reply too) … */
    replyId: uuid('reply_id').references(() => caseReplies.id, { onDelete: 'set null' }),
    /** … and, for minutes, the conference room they came from. */
    roomId: uuid('room_id').references(() => chatRooms.id, { onDelete: 'set null' }),
    /** Retention checks: months after the return (1, 3, 6), the answer and an optional guarded note. */
    retentionMonths: integer('retention_months'),
    /** The day the case was resolved as a return: the checks of one return share it. */
    returnedOn: date('returned_on', { mode: 'string' }),
    answer: text('answer', { enum: RETENTION_ANSWERS }),
    answerNote: text('answer_note'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    completedBy: uuid('completed_by').references(() => users.id, { onDelete: 'set null' }),
    dueReminderSentAt: timestamp('due_reminder_sent_at', { withTimezone: true }),
    overdueReminderSentAt: timestamp('overdue_reminder_sent_at', { withTimezone: true }),
  },
  (t) => [
    index('case_actions_case_idx').on(t.caseId, t.dueDate),
    index('case_actions_owner_user_idx').on(t.ownerUserId, t.status),
    index('case_actions_owner_institution_idx').on(t.ownerInstitutionId, t.status),
    index('case_actions_open_due_idx')
      .on(t.dueDate)
      .where(sql`${t.status} = 'open'`),
  ],
)

/** A personal calendar feed: the URL carries a random token, the table only its SHA-256. One per user. */
export const actionCalendarTokens = pgTable('action_calendar_tokens', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})
