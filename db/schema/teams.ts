import { sql } from 'drizzle-orm'
import {
  check,
  date,
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
import { teams, users } from './identity'

/** The cases a team works on (staff only; assigned on the case page). */
export const caseTeams = pgTable(
  'case_teams',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseThreads.id, { onDelete: 'cascade' }),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    assignedBy: uuid('assigned_by').references(() => users.id, { onDelete: 'set null' }),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.teamId] }), index('case_teams_team_idx').on(t.teamId)],
)

/** The counts a field round records: anonymised numbers only, never a child. */
export const ROUND_COUNTS = [
  'householdsVisited',
  'childrenMet',
  'childrenOutOfSchool',
  'referred',
  'enrolled',
  'returned',
] as const
export type RoundCount = (typeof ROUND_COUNTS)[number]

/** A team's visit to homes and neighbourhoods on one day, in one or more districts. */
export const fieldRounds = pgTable(
  'field_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    /** The Sofia calendar day of the round. */
    roundDate: date('round_date', { mode: 'string' }).notNull(),
    districtCodes: text('district_codes').array().notNull(),
    householdsVisited: integer('households_visited').notNull().default(0),
    childrenMet: integer('children_met').notNull().default(0),
    childrenOutOfSchool: integer('children_out_of_school').notNull().default(0),
    referred: integer('referred').notNull().default(0),
    enrolled: integer('enrolled').notNull().default(0),
    returned: integer('returned').notNull().default(0),
    note: text('note').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('field_rounds_team_date_idx').on(t.teamId, t.roundDate),
    index('field_rounds_date_idx').on(t.roundDate),
    check(
      'field_rounds_counts_check',
      sql`least(${sql.join(
        [t.householdsVisited, t.childrenMet, t.childrenOutOfSchool, t.referred, t.enrolled, t.returned],
        sql`, `,
      )}) >= 0`,
    ),
  ],
)

export const RECOGNITION_KINDS = ['award', 'milestone'] as const
export type RecognitionKind = (typeof RECOGNITION_KINDS)[number]

/** Milestones a team reaches by its work; each is awarded once (the unique index). */
export const MILESTONES = [
  'first_field_round',
  'first_resolved_case',
  'first_published_practice',
  'ten_children_back',
  'fifty_children_reached',
] as const
export type Milestone = (typeof MILESTONES)[number]

/** A coordinator's recognition of a team (citation, period) or a milestone badge. */
export const teamRecognitions = pgTable(
  'team_recognitions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: RECOGNITION_KINDS }).notNull(),
    milestone: text('milestone', { enum: MILESTONES }),
    title: text('title').notNull().default(''),
    citation: text('citation').notNull().default(''),
    periodStart: date('period_start', { mode: 'string' }),
    periodEnd: date('period_end', { mode: 'string' }),
    awardedBy: uuid('awarded_by').references(() => users.id, { onDelete: 'set null' }),
    awardedAt: timestamp('awarded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('team_recognitions_milestone_key').on(t.teamId, t.milestone),
    index('team_recognitions_team_idx').on(t.teamId, t.awardedAt),
    check('team_recognitions_kind_check', sql`(${t.kind} = 'milestone') = (${t.milestone} IS NOT NULL)`),
  ],
)
