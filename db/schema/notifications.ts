import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'

import { eventRegistrations } from './events'
import { foreignSchools } from './foreign-schools'
import { users } from './identity'

export const EMAIL_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const

/**
 * How a message travels. Only e-mail is delivered today; `sms` is reserved for a text-message gateway (the
 * address is then an E.164 phone number) and such rows are erased with their registration like any e-mail.
 */
export const OUTBOX_CHANNELS = ['email', 'sms'] as const
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number]

export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    channel: text('channel', { enum: OUTBOX_CHANNELS }).notNull().default('email'),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    kind: text('kind').notNull(),
    status: text('status', { enum: EMAIL_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** The event registration a message is about: erasing the registration deletes its mail. */
    registrationId: uuid('registration_id').references(() => eventRegistrations.id, { onDelete: 'cascade' }),
    /** The foreign school whose answer link a message carries: deleting the school (or its round) deletes it. */
    foreignSchoolId: uuid('foreign_school_id').references(() => foreignSchools.id, { onDelete: 'cascade' }),
  },
  (t) => [
    index('email_outbox_due_idx').on(t.status, t.nextAttemptAt),
    index('email_outbox_registration_idx').on(t.registrationId),
    index('email_outbox_foreign_school_idx').on(t.foreignSchoolId),
    index('email_outbox_created_idx').on(t.createdAt),
  ],
)

/** In-app notifications (the bell). Text is an i18n key plus params, rendered in the reader's language. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    messageKey: text('message_key').notNull(),
    params: jsonb('params').$type<Record<string, string | number>>().notNull().default({}),
    url: text('url').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
    emailedAt: timestamp('emailed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt), index('notifications_digest_idx').on(t.emailedAt)],
)
