import { sql } from 'drizzle-orm'
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'

import { institutions, users } from './identity'
import type { RichTextDoc } from './richtext'

export const CASE_STATUSES = ['open', 'in_progress', 'resolved', 'closed'] as const
export type CaseStatus = (typeof CASE_STATUSES)[number]

export const CASE_OUTCOMES = [
  'enrolled_first_time',
  'returned_to_school',
  'moved_school',
  'moved_abroad',
  'referred_service',
  'not_resolved',
] as const
export type CaseOutcome = (typeof CASE_OUTCOMES)[number]

/** Age bands only: a case never records an exact age or a birth date. */
export const AGE_BANDS = ['0-6', '7-10', '11-14', '15-18'] as const
export type AgeBand = (typeof AGE_BANDS)[number]

export const EDUCATION_STAGES = [
  'preschool',
  'primary',
  'lower_secondary',
  'upper_secondary',
  'vocational',
  'none',
] as const
export type EducationStage = (typeof EDUCATION_STAGES)[number]

export const SITUATION_TAGS = [
  'never_enrolled',
  'dropped_out',
  'long_absence',
  'returned_from_abroad',
  'working',
  'early_marriage',
  'disability',
  'language_barrier',
  'poverty',
  'housing',
  'health',
  'seasonal_migration',
  'missing_documents',
  'bullying',
] as const
export type SituationTag = (typeof SITUATION_TAGS)[number]

export const FLAG_REASONS = ['personal_data', 'inappropriate', 'off_topic', 'other'] as const
export type FlagReason = (typeof FLAG_REASONS)[number]

export const caseThreads = pgTable(
  'case_threads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** e.g. С-2026-0042, numbered per year from case_code_counters. */
    code: text('code').notNull().unique(),
    title: text('title').notNull(),
    descriptionDoc: jsonb('description_doc').$type<RichTextDoc>().notNull(),
    descriptionText: text('description_text').notNull(),
    /**
     * The description rendered to HTML when it is written (mention tokens stay tokens;
     * app/features/richtext/html.server.ts), for the renderer version in htmlVersion (0: not rendered yet, rendered
     * when next read).
     */
    descriptionHtml: text('description_html').notNull().default(''),
    descriptionPractices: text('description_practices')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    htmlVersion: integer('html_version').notNull().default(0),
    districtCode: text('district_code'),
    ageBand: text('age_band', { enum: AGE_BANDS }).notNull(),
    educationStage: text('education_stage', { enum: EDUCATION_STAGES }).notNull(),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    status: text('status', { enum: CASE_STATUSES }).notNull().default('open'),
    outcome: text('outcome', { enum: CASE_OUTCOMES }),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull().defaultNow(),
    statusChangedBy: uuid('status_changed_by').references(() => users.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    acceptedReplyId: uuid('accepted_reply_id'),
    replyCount: integer('reply_count').notNull().default(0),
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('case_threads_activity_idx').on(t.lastActivityAt),
    index('case_threads_created_idx').on(t.createdAt),
    index('case_threads_status_idx').on(t.status),
    index('case_threads_author_idx').on(t.authorId),
    index('case_threads_tags_idx').using('gin', t.tags),
  ],
)

/** Per-year counter behind the case codes; incremented with an upsert so concurrent creations never collide. */
export const caseCodeCounters = pgTable('case_code_counters', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
})

export const caseInstitutions = pgTable(
  'case_institutions',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseThreads.id, { onDelete: 'cascade' }),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.institutionId] }),
    index('case_institutions_institution_idx').on(t.institutionId),
  ],
)

export const caseReplies = pgTable(
  'case_replies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseThreads.id, { onDelete: 'cascade' }),
    /** 1, 2, 3 … within the case: the order, the anchor (#reply-12) and the page a reply is on. */
    number: integer('number').notNull(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    bodyDoc: jsonb('body_doc').$type<RichTextDoc>().notNull(),
    bodyText: text('body_text').notNull(),
    /** Rendered when written, as the case's description (descriptionHtml). */
    bodyHtml: text('body_html').notNull().default(''),
    bodyPractices: text('body_practices')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    htmlVersion: integer('html_version').notNull().default(0),
    quotedReplyId: uuid('quoted_reply_id'),
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('case_replies_number_key').on(t.caseId, t.number),
    index('case_replies_author_idx').on(t.authorId),
  ],
)

/** Who and when for every status change; the outcome is set when a case is resolved. */
export const caseStatusChanges = pgTable(
  'case_status_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseThreads.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => users.id),
    fromStatus: text('from_status', { enum: CASE_STATUSES }).notNull(),
    toStatus: text('to_status', { enum: CASE_STATUSES }).notNull(),
    outcome: text('outcome', { enum: CASE_OUTCOMES }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('case_status_changes_case_idx').on(t.caseId, t.at)],
)

export const caseWatchers = pgTable(
  'case_watchers',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseThreads.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.userId] }), index('case_watchers_user_idx').on(t.userId)],
)

/** Where each reader stopped: drives the unread markers. */
export const caseReads = pgTable(
  'case_reads',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseThreads.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    lastReadNumber: integer('last_read_number').notNull().default(0),
    lastReadAt: timestamp('last_read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.userId] }), index('case_reads_user_idx').on(t.userId)],
)

/** The access log: one row every time a user opens a case. */
export const caseViews = pgTable(
  'case_views',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseThreads.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    viewedAt: timestamp('viewed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('case_views_case_idx').on(t.caseId, t.viewedAt)],
)

/** Previous versions of an edited case (replyId null) or reply. */
export const caseRevisions = pgTable(
  'case_revisions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseThreads.id, { onDelete: 'cascade' }),
    replyId: uuid('reply_id').references(() => caseReplies.id, { onDelete: 'cascade' }),
    editorId: uuid('editor_id')
      .notNull()
      .references(() => users.id),
    previousTitle: text('previous_title'),
    previousDoc: jsonb('previous_doc').$type<RichTextDoc>().notNull(),
    previousText: text('previous_text').notNull(),
    editedAt: timestamp('edited_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('case_revisions_case_idx').on(t.caseId, t.editedAt)],
)

export const caseFlags = pgTable(
  'case_flags',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseThreads.id, { onDelete: 'cascade' }),
    /** null: the flag is about the opening post. */
    replyId: uuid('reply_id').references(() => caseReplies.id, { onDelete: 'cascade' }),
    reporterId: uuid('reporter_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason', { enum: FLAG_REASONS }).notNull(),
    note: text('note').notNull().default(''),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: uuid('resolved_by').references(() => users.id),
    resolution: text('resolution', { enum: ['hidden', 'dismissed'] }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('case_flags_open_idx').on(t.resolvedAt, t.createdAt), index('case_flags_case_idx').on(t.caseId)],
)
