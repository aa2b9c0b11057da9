import { sql } from 'drizzle-orm'
import { check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'

import { users } from './identity'

export const FOREIGN_ROUND_STATUSES = ['open', 'closed'] as const
export type ForeignRoundStatus = (typeof FOREIGN_ROUND_STATUSES)[number]

/** The numbers a foreign school reports: pupils with Bulgarian citizenship by age band, new enrolments, leavers. */
export const FOREIGN_COUNT_FIELDS = [
  'pupils0to6',
  'pupils7to10',
  'pupils11to14',
  'pupils15to18',
  'newEnrolments',
  'leavers',
] as const
export type ForeignCountField = (typeof FOREIGN_COUNT_FIELDS)[number]

/**
 * A data-collection round among the foreign schools operating in Sofia: aggregate numbers only.
 * Deleting a round deletes its schools, their links and their answers.
 */
export const foreignSchoolRounds = pgTable(
  'foreign_school_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    status: text('status', { enum: FOREIGN_ROUND_STATUSES }).notNull().default('open'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    index('foreign_school_rounds_created_idx').on(t.createdAt),
    check('foreign_school_rounds_period_check', sql`${t.periodEnd} >= ${t.periodStart}`),
  ],
)

/**
 * A school asked in a round. Its secret link (/foreign-schools/reply/<token>) is kept only as a hash,
 * derived data that goes with the school and its round; a new link replaces the old one.
 */
export const foreignSchools = pgTable(
  'foreign_schools',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => foreignSchoolRounds.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    contactEmail: text('contact_email').notNull(),
    tokenHash: text('token_hash'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('foreign_schools_token_key').on(t.tokenHash),
    uniqueIndex('foreign_schools_round_name_key').on(t.roundId, sql`lower(${t.name})`),
    index('foreign_schools_round_idx').on(t.roundId),
  ],
)

const count = (name: string) => integer(name).notNull().default(0)

/** A school's answer: one row, replaced by a later submission through the same link. */
export const foreignSchoolAnswers = pgTable(
  'foreign_school_answers',
  {
    schoolId: uuid('school_id')
      .primaryKey()
      .references(() => foreignSchools.id, { onDelete: 'cascade' }),
    pupils0to6: count('pupils_0_6'),
    pupils7to10: count('pupils_7_10'),
    pupils11to14: count('pupils_11_14'),
    pupils15to18: count('pupils_15_18'),
    newEnrolments: count('new_enrolments'),
    leavers: count('leavers'),
    comment: text('comment').notNull().default(''),
    submissions: integer('submissions').notNull().default(1),
    firstSubmittedAt: timestamp('first_submitted_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'foreign_school_answers_counts_check',
      // eslint-disable-next-line max-len -- one line: the constraint's text is compared with the migrations' snapshot
      sql`least(${t.pupils0to6}, ${t.pupils7to10}, ${t.pupils11to14}, ${t.pupils15to18}, ${t.newEnrolments}, ${t.leavers}) >= 0`,
    ),
  ],
)
