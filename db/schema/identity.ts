import { sql } from 'drizzle-orm'
import { boolean, index, integer, pgSequence, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'

export const INSTITUTION_KINDS = [
  'school',
  'private_school',
  'foreign_school',
  'kindergarten',
  'regional_education_office',
  'education_directorate',
  'municipality',
  'district_administration',
  'social_assistance',
  'child_protection',
  'community_support_centre',
  'juvenile_commission',
  'inclusive_education_centre',
  'personal_development_centre',
  'police',
  'ngo',
  'other',
] as const
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number]

/**
 * Kinds that no longer exist and what they became (migration 0018): health mediators are a position of a
 * person employed by the municipality. Old links and saved filters that name them still work.
 */
export const RETIRED_INSTITUTION_KINDS: Readonly<Record<string, InstitutionKind>> = { health_mediator: 'municipality' }

/** A kind read from a link or a saved filter, with a retired kind read as what it became. */
export const currentInstitutionKind = (value: unknown): unknown =>
  typeof value === 'string' && Object.hasOwn(RETIRED_INSTITUTION_KINDS, value)
    ? RETIRED_INSTITUTION_KINDS[value]
    : value

/** What a person does, whatever institution employs them (a health mediator works for the municipality). */
export const POSITIONS = [
  'teacher',
  'class_teacher',
  'principal',
  'pedagogical_adviser',
  'psychologist',
  'resource_teacher',
  'education_mediator',
  'health_mediator',
  'social_worker',
  'child_protection_officer',
  'police_inspector',
  'education_expert',
  'coordinator',
  'trainer',
  'other',
] as const
export type Position = (typeof POSITIONS)[number]

export const TEAM_KINDS = ['mobile', 'specialised'] as const
export type TeamKind = (typeof TEAM_KINDS)[number]

export const ROLES = ['admin', 'coordinator', 'trainer', 'staff'] as const
export type Role = (typeof ROLES)[number]

/**
 * `anonymised`: a disabled or rejected account whose personal data was erased (identity/erasure.server.ts); no way
 * leads out of it, so it never signs in or is approved again.
 */
export const USER_STATUSES = ['pending', 'approved', 'rejected', 'disabled', 'anonymised'] as const
export type UserStatus = (typeof USER_STATUSES)[number]

/** The number in an anonymised account's label ("Бивш потребител 7"): handed out once, never reused. */
export const formerUserNumberSeq = pgSequence('former_user_number_seq', { startWith: 1, minValue: 1 })

export const LOCALES = ['bg', 'en'] as const
export type Locale = (typeof LOCALES)[number]

export const EMAIL_PREFERENCES = ['immediate', 'daily', 'never'] as const
export type EmailPreference = (typeof EMAIL_PREFERENCES)[number]

export const institutions = pgTable('institutions', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  kind: text('kind', { enum: INSTITUTION_KINDS }).notNull(),
  districtCode: text('district_code'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

/** An outreach team: people from several institutions (users.team_id) working in one or more districts. */
export const teams = pgTable('teams', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** /teams/:slug; a random placeholder until the application (or the teams migration) sets a readable one. */
  slug: text('slug')
    .notNull()
    .unique()
    .default(sql`gen_random_uuid()::text`),
  name: text('name').notNull().unique(),
  kind: text('kind', { enum: TEAM_KINDS }).notNull().default('specialised'),
  description: text('description').notNull().default(''),
  districtCodes: text('district_codes')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ROLES }).notNull().default('staff'),
    status: text('status', { enum: USER_STATUSES }).notNull().default('pending'),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    /** What the person does (a code of POSITIONS), shown with their name to colleagues. */
    positionKind: text('position_kind', { enum: POSITIONS }).notNull().default('other'),
    /** Optional free-text detail of the position ("учител, начален етап"). */
    position: text('position').notNull().default(''),
    signupNote: text('signup_note').notNull().default(''),
    locale: text('locale', { enum: LOCALES }).notNull().default('bg'),
    emailPreference: text('email_preference', { enum: EMAIL_PREFERENCES }).notNull().default('immediate'),
    /** Still has the public demo password (set by the seed, cleared by any new password). */
    demoPassword: boolean('demo_password').notNull().default(false),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(sql`lower(${t.email})`),
    index('users_status_idx').on(t.status),
    index('users_institution_idx').on(t.institutionId),
    index('users_team_idx').on(t.teamId),
    index('users_demo_password_idx')
      .on(t.demoPassword)
      .where(sql`${t.demoPassword}`),
  ],
)

/** Server-side sessions: the cookie carries a random id, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    userAgent: text('user_agent').notNull().default(''),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
)

export const passwordResetTokens = pgTable(
  'password_reset_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('password_reset_tokens_user_idx').on(t.userId)],
)

/** Per-IP/per-key counters shared by every process (sign-in and sign-up throttling, chat, registration). */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  count: integer('count').notNull().default(0),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull().defaultNow(),
  blocked: boolean('blocked').notNull().default(false),
})
