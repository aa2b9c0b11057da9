import { sql } from 'drizzle-orm'
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'

import { institutions, users } from './identity'

export const EVENT_KINDS = ['forum_meeting', 'training', 'open_day', 'other'] as const
export type EventKind = (typeof EVENT_KINDS)[number]

export const EVENT_AUDIENCES = ['public', 'professionals'] as const
export type EventAudience = (typeof EVENT_AUDIENCES)[number]

export const EVENT_STATUSES = ['draft', 'published'] as const
export type EventStatus = (typeof EVENT_STATUSES)[number]

export const REGISTRATION_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number]

/** For open days: which stage the child would join (asked optionally, kept as an anonymous count). */
export const AGE_GROUPS = ['preschool', 'grade_1', 'grades_2_4', 'grades_5_7', 'grades_8_12'] as const
export type AgeGroup = (typeof AGE_GROUPS)[number]

/**
 * public: the form; manual: the organiser on the dashboard; on_behalf: a staff member for a family, from the event
 * page.
 */
export const REGISTRATION_SOURCES = ['public', 'manual', 'on_behalf'] as const
export type RegistrationSource = (typeof REGISTRATION_SOURCES)[number]

export const DEFAULT_RETENTION_DAYS = 30

export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    kind: text('kind', { enum: EVENT_KINDS }).notNull(),
    title: text('title').notNull(),
    descriptionDoc: jsonb('description_doc').$type<unknown>(),
    descriptionText: text('description_text').notNull().default(''),
    organiserInstitutionId: uuid('organiser_institution_id')
      .notNull()
      .references(() => institutions.id),
    districtCode: text('district_code'),
    locationAddress: text('location_address').notNull(),
    locationMapUrl: text('location_map_url'),
    audience: text('audience', { enum: EVENT_AUDIENCES }).notNull().default('public'),
    status: text('status', { enum: EVENT_STATUSES }).notNull().default('draft'),
    retentionDays: integer('retention_days').notNull().default(DEFAULT_RETENTION_DAYS),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * Set by the retention job when it has erased registrants' personal data (counts stay); cleared when a date is
     * added, whose registrations are erased after their own period.
     */
    personalDataErasedAt: timestamp('personal_data_erased_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('events_slug_key').on(t.slug),
    index('events_status_idx').on(t.status),
    index('events_organiser_idx').on(t.organiserInstitutionId),
    check('events_retention_days_check', sql`${t.retentionDays} between 1 and 365`),
  ],
)

/**
 * One date of an event. The seat counters live on this row: every write that changes them first
 * locks the row (SELECT … FOR UPDATE), which is what keeps a rush from overbooking.
 */
export const eventSessions = pgTable(
  'event_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    capacity: integer('capacity').notNull(),
    maxSeatsPerRegistration: integer('max_seats_per_registration').notNull().default(5),
    confirmedSeats: integer('confirmed_seats').notNull().default(0),
    waitlistCount: integer('waitlist_count').notNull().default(0),
    /** The last waitlist ticket handed out; tickets only grow, so the order never changes. */
    lastWaitlistTicket: integer('last_waitlist_ticket').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('event_sessions_event_idx').on(t.eventId, t.startsAt),
    index('event_sessions_starts_idx').on(t.startsAt),
    check('event_sessions_capacity_check', sql`${t.capacity} >= 1`),
    check('event_sessions_seats_check', sql`${t.maxSeatsPerRegistration} between 1 and 50`),
    check('event_sessions_times_check', sql`${t.endsAt} > ${t.startsAt}`),
    check('event_sessions_not_overbooked', sql`${t.confirmedSeats} between 0 and ${t.capacity}`),
  ],
)

export const eventRegistrations = pgTable(
  'event_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => eventSessions.id, { onDelete: 'cascade' }),
    status: text('status', { enum: REGISTRATION_STATUSES }).notNull(),
    seats: integer('seats').notNull(),
    waitlistTicket: integer('waitlist_ticket'),
    name: text('name'),
    email: text('email'),
    phone: text('phone'),
    ageGroup: text('age_group', { enum: AGE_GROUPS }),
    locale: text('locale', { enum: ['bg', 'en'] })
      .notNull()
      .default('bg'),
    source: text('source', { enum: REGISTRATION_SOURCES }).notNull().default('public'),
    addedBy: uuid('added_by').references(() => users.id, { onDelete: 'set null' }),
    /** The institution of the staff member who registered a family on its behalf ("registered by"). */
    registeredByInstitutionId: uuid('registered_by_institution_id').references(() => institutions.id, {
      onDelete: 'set null',
    }),
    /** The short registration number a family can say on the phone (6 digits, unique within the event). */
    code: text('code'),
    consentAt: timestamp('consent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    promotedAt: timestamp('promoted_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    reminderSentAt: timestamp('reminder_sent_at', { withTimezone: true }),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    checkedInBy: uuid('checked_in_by').references(() => users.id, { onDelete: 'set null' }),
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    /** The organiser ticked the family off the call list (families with a phone and no e-mail). */
    calledAt: timestamp('called_at', { withTimezone: true }),
    calledBy: uuid('called_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('event_registrations_code_key').on(t.eventId, t.code),
    index('event_registrations_phone_idx').on(t.eventId, t.phone),
    uniqueIndex('event_registrations_ticket_key').on(t.sessionId, t.waitlistTicket),
    // One active registration per e-mail and session: a double-submitted form cannot take two places.
    uniqueIndex('event_registrations_active_email_key')
      .on(t.sessionId, sql`lower(${t.email})`)
      .where(sql`${t.status} <> 'cancelled' and ${t.email} is not null`),
    index('event_registrations_session_idx').on(t.sessionId, t.status),
    index('event_registrations_event_idx').on(t.eventId, t.createdAt),
    index('event_registrations_reminder_idx').on(t.status, t.reminderSentAt),
    // The retention job and the backup horizon look only for registrations not yet erased: a few among many.
    index('event_registrations_unerased_idx')
      .on(t.eventId)
      .where(sql`${t.erasedAt} is null`),
    check('event_registrations_seats_check', sql`${t.seats} between 1 and 50`),
  ],
)

/**
 * The registrant's links (/registrations/<token>): one per e-mail that carried a link. Only a hash of
 * each token is kept, so a copy of the database opens no registration; the rows go when the
 * registration is erased.
 */
export const eventRegistrationLinks = pgTable(
  'event_registration_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => eventRegistrations.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('event_registration_links_registration_idx').on(t.registrationId)],
)
