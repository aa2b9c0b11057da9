import { sql } from 'drizzle-orm'
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'

import { institutions, LOCALES, users } from './identity'
import type { RichTextDoc } from './richtext'

export const PRACTICE_STATUSES = ['draft', 'submitted', 'published', 'archived'] as const
export type PracticeStatus = (typeof PRACTICE_STATUSES)[number]

/** The four rich-text sections of a practice, in the order they are shown. */
export const PRACTICE_SECTIONS = ['problem', 'actions', 'results', 'resources'] as const
export type PracticeSection = (typeof PRACTICE_SECTIONS)[number]
export type PracticeSections = Record<PracticeSection, RichTextDoc | null>
export type PracticeSectionTexts = Record<PracticeSection, string>

/** A good practice: what worked for one team, written so another can repeat it. */
export const practices = pgTable(
  'practices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    status: text('status', { enum: PRACTICE_STATUSES }).notNull().default('draft'),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    /** The language the practice is written in (its texts carry it as `lang`, for screen readers). */
    language: text('language', { enum: LOCALES }).notNull().default('bg'),
    sections: jsonb('sections').$type<PracticeSections>().notNull(),
    /** Plain text of each section, derived from `sections` (search and the privacy guard read it). */
    sectionTexts: jsonb('section_texts').$type<PracticeSectionTexts>().notNull(),
    situationTags: text('situation_tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    ageBands: text('age_bands')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    educationStages: text('education_stages')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    institutionKinds: text('institution_kinds')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    districts: text('districts')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    /** The resolved case this practice was shared from, by its public code (no personal data). */
    sourceCaseCode: text('source_case_code'),
    reviewComment: text('review_comment'),
    reviewedBy: uuid('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
    usefulCount: integer('useful_count').notNull().default(0),
    version: integer('version').notNull().default(1),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('practices_slug_key').on(t.slug),
    index('practices_status_published_idx').on(t.status, t.publishedAt),
    index('practices_author_idx').on(t.authorId),
  ],
)

/** Earlier versions of a published practice, written before each edit. */
export const practiceRevisions = pgTable(
  'practice_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    sections: jsonb('sections').$type<PracticeSections>().notNull(),
    editedBy: uuid('edited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('practice_revisions_version_key').on(t.practiceId, t.version)],
)

/** One "useful" mark per staff member and practice. */
export const practiceUsefulMarks = pgTable(
  'practice_useful_marks',
  {
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.practiceId, t.userId] })],
)

/** Cases a practice helped with, by case code; shown to staff only. */
export const practiceCaseLinks = pgTable(
  'practice_case_links',
  {
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id, { onDelete: 'cascade' }),
    caseCode: text('case_code').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.practiceId, t.caseCode] }), index('practice_case_links_case_idx').on(t.caseCode)],
)
