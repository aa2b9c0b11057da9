import { sql } from 'drizzle-orm'
import {
  bigserial,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'

import { caseThreads } from './cases'
import { users } from './identity'

/** Days after the case is resolved or closed (or a stand-alone room is closed) before the conversation is erased. */
export const DEFAULT_CHAT_RETENTION_DAYS = 365

/**
 * A case-conference room. `lastSeq` is the room's message counter: every message takes the next
 * number under the row lock of its room, so ids increase within a room without gaps.
 * `caseId` points at case_threads.id (nullable: stand-alone rooms, e.g. a working group).
 */
export const chatRooms = pgTable(
  'chat_rooms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    caseId: uuid('case_id').references(() => caseThreads.id, { onDelete: 'set null' }),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    lastSeq: integer('last_seq').notNull().default(0),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }),
    retentionDays: integer('retention_days').notNull().default(DEFAULT_CHAT_RETENTION_DAYS),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('chat_rooms_case_idx').on(t.caseId)],
)

/** Membership plus the member's read pointer ("read up to message N"). */
export const chatMembers = pgTable(
  'chat_members',
  {
    roomId: uuid('room_id')
      .notNull()
      .references(() => chatRooms.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    lastReadSeq: integer('last_read_seq').notNull().default(0),
    invitedBy: uuid('invited_by'),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.roomId, t.userId] }), index('chat_members_user_idx').on(t.userId)],
)

export const chatMessages = pgTable(
  'chat_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roomId: uuid('room_id')
      .notNull()
      .references(() => chatRooms.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    /** Chosen by the sending client; a resend after a lost acknowledgement finds the stored message. */
    clientId: uuid('client_id'),
    body: text('body').notNull(),
    mentions: uuid('mentions')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    deletedBy: uuid('deleted_by'),
    /** Last edit or deletion, so a client catching up after a disconnect also gets changes. */
    changedAt: timestamp('changed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('chat_messages_room_seq_key').on(t.roomId, t.seq),
    uniqueIndex('chat_messages_client_key').on(t.roomId, t.authorId, t.clientId),
    index('chat_messages_changed_idx').on(t.roomId, t.changedAt),
  ],
)

/**
 * The text a message had before each edit, readable by coordinators only. Deleting the message deletes them: a deleted
 * message keeps no text (`change` 'delete' rows are from before that, and migration 0028 removed them).
 */
export const chatMessageRevisions = pgTable(
  'chat_message_revisions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => chatMessages.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    change: text('change', { enum: ['edit', 'delete'] }).notNull(),
    changedBy: uuid('changed_by'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('chat_message_revisions_message_idx').on(t.messageId)],
)

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' })

/** Used by @socket.io/postgres-adapter for packets too large for NOTIFY (its documented table). */
export const socketIoAttachments = pgTable('socket_io_attachments', {
  id: bigserial('id', { mode: 'number' }).unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).defaultNow(),
  payload: bytea('payload'),
})
