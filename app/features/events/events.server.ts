import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm'

import { db, type DbOrTx } from '../../../db/client.server'
import { eventRegistrations, events, eventSessions, type EventKind } from '../../../db/schema/events'
import { enqueueSearch } from '../../../search/outbox'
import { recordAudit } from '../audit/audit.server'
import { listInstitutions } from '../identity/organisation.server'
import type { Actor } from '../identity/permissions'
import { notFound } from '../platform/http.server'
import { Refusal } from '../platform/refusal.server'
import { uniqueSlug } from '../platform/slugs.server'
import { toSofiaIso } from '../platform/sofia-time'
import { enforcePrivacy, recordPrivacyOverride, type WriteOptions } from '../privacy/guard.server'
import type { RichText } from '../richtext/document'
import { canManageEvent, requireCreateRights, requireEventManager } from './access.server'
import { buildCalendar } from './ics'
import type { EventDetailsInput, NewEventInput, SessionInput } from './schemas'

export type EventRow = typeof events.$inferSelect
export type SessionRow = typeof eventSessions.$inferSelect

export interface SessionSummary {
  id: string
  startsAt: Date
  endsAt: Date
  capacity: number
  maxSeatsPerRegistration: number
  confirmedSeats: number
  waitlistCount: number
  freeSeats: number
  past: boolean
}

function summarise(s: SessionRow, now: Date): SessionSummary {
  return {
    id: s.id,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    capacity: s.capacity,
    maxSeatsPerRegistration: s.maxSeatsPerRegistration,
    confirmedSeats: s.confirmedSeats,
    waitlistCount: s.waitlistCount,
    freeSeats: Math.max(0, s.capacity - s.confirmedSeats),
    past: s.startsAt.getTime() <= now.getTime(),
  }
}

async function institutionNames(): Promise<Map<string, string>> {
  return new Map((await listInstitutions()).map((i) => [i.id, i.name]))
}

async function sessionsOf(eventIds: string[]): Promise<Map<string, SessionRow[]>> {
  const bySession = new Map<string, SessionRow[]>()
  if (eventIds.length === 0) return bySession
  const rows = await db
    .select()
    .from(eventSessions)
    .where(inArray(eventSessions.eventId, eventIds))
    .orderBy(asc(eventSessions.startsAt))
  for (const row of rows) {
    const list = bySession.get(row.eventId) ?? []
    list.push(row)
    bySession.set(row.eventId, list)
  }
  return bySession
}

export interface EventListFilter {
  kind?: EventKind
  districtCode?: string
  /** The public API lists only events open to everyone. */
  publicAudienceOnly?: boolean
  now?: Date
  limit?: number
}

export interface EventListItem {
  id: string
  slug: string
  title: string
  kind: EventKind
  audience: EventRow['audience']
  districtCode: string | null
  locationAddress: string
  organiserName: string
  sessions: SessionSummary[]
}

/** Published events with a date still to come, soonest first (only the coming dates are listed). */
export async function listUpcomingEvents(filter: EventListFilter = {}): Promise<EventListItem[]> {
  const now = filter.now ?? new Date()
  const upcoming = db
    .select({ eventId: eventSessions.eventId, first: sql<Date>`min(${eventSessions.startsAt})`.as('first') })
    .from(eventSessions)
    .where(gt(eventSessions.startsAt, now))
    .groupBy(eventSessions.eventId)
    .as('upcoming')
  const rows = await db
    .select({ event: events, first: upcoming.first })
    .from(events)
    .innerJoin(upcoming, eq(upcoming.eventId, events.id))
    .where(
      and(
        eq(events.status, 'published'),
        filter.kind ? eq(events.kind, filter.kind) : undefined,
        filter.districtCode ? eq(events.districtCode, filter.districtCode) : undefined,
        filter.publicAudienceOnly ? eq(events.audience, 'public') : undefined,
      ),
    )
    .orderBy(asc(upcoming.first), asc(events.title))
    .limit(filter.limit ?? 200)
  const [sessions, names] = await Promise.all([sessionsOf(rows.map((r) => r.event.id)), institutionNames()])
  return rows.map(({ event }) => ({
    id: event.id,
    slug: event.slug,
    title: event.title,
    kind: event.kind,
    audience: event.audience,
    districtCode: event.districtCode,
    locationAddress: event.locationAddress,
    organiserName: names.get(event.organiserInstitutionId) ?? '',
    sessions: (sessions.get(event.id) ?? []).map((s) => summarise(s, now)).filter((s) => !s.past),
  }))
}

/** Events the actor manages that the public does not see yet (drafts), newest first. */
export async function listManagedDrafts(
  actor: Actor | null,
): Promise<{ slug: string; title: string; kind: EventKind }[]> {
  if (!actor) return []
  const drafts = await db
    .select()
    .from(events)
    .where(eq(events.status, 'draft'))
    .orderBy(desc(events.createdAt))
    .limit(100)
  return drafts.filter((e) => canManageEvent(actor, e)).map((e) => ({ slug: e.slug, title: e.title, kind: e.kind }))
}

export async function findEventBySlug(runner: DbOrTx, slug: string): Promise<EventRow | undefined> {
  const [row] = await runner.select().from(events).where(eq(events.slug, slug)).limit(1)
  return row
}

/** An event a manager works on: 404 when unknown, 403 when not theirs. */
export async function loadManagedEvent(actor: Actor | null, slug: string): Promise<EventRow> {
  const event = await findEventBySlug(db, slug)
  if (!event) notFound()
  requireEventManager(actor, event)
  return event
}

/** A registration of an event the actor manages: 404 when it is not one of that event's, 403 as above. */
export async function loadManagedRegistration(actor: Actor | null, slug: string, registrationId: string) {
  const event = await loadManagedEvent(actor, slug)
  const [registration] = await db
    .select()
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.id, registrationId), eq(eventRegistrations.eventId, event.id)))
  if (!registration) notFound()
  return registration
}

/** The ticks an organiser sets on a registration and may undo: a call made (the call list), a family at the door. */
const REGISTRATION_MARKS = {
  called: { at: 'calledAt', by: 'calledBy' },
  checkedIn: { at: 'checkedInAt', by: 'checkedInBy' },
} as const

/**
 * Sets a mark on a registration (by this organiser; the first time set is kept) or clears it. Returns the
 * registrant's name for the message.
 */
export async function markRegistration(
  registration: typeof eventRegistrations.$inferSelect,
  mark: keyof typeof REGISTRATION_MARKS,
  on: boolean,
  actorId: string,
  now: Date,
): Promise<string> {
  const { at, by } = REGISTRATION_MARKS[mark]
  const values: Partial<typeof eventRegistrations.$inferInsert> = {}
  values[at] = on ? (registration[at] ?? now) : null
  values[by] = on ? actorId : null
  await db.update(eventRegistrations).set(values).where(eq(eventRegistrations.id, registration.id))
  return registration.name ?? ''
}

export interface EventPage {
  event: EventRow
  organiserName: string
  sessions: SessionSummary[]
  canManage: boolean
  /** When registrants' data is erased: retention days after the last session ends. */
  erasureDate: Date | null
}

export function erasureDateOf(event: Pick<EventRow, 'retentionDays'>, sessions: { endsAt: Date }[]): Date | null {
  if (sessions.length === 0) return null
  const last = Math.max(...sessions.map((s) => new Date(s.endsAt).getTime()))
  return new Date(last + event.retentionDays * 24 * 3600 * 1000)
}

/** The public event page; drafts are visible only to those who manage them (everyone else gets 404). */
export async function getEventPage(slug: string, viewer: Actor | null, now = new Date()): Promise<EventPage> {
  const event = await findEventBySlug(db, slug)
  if (!event) notFound()
  const canManage = canManageEvent(viewer, event)
  if (event.status !== 'published' && !canManage) notFound()
  const [sessions, names] = await Promise.all([sessionsOf([event.id]), institutionNames()])
  const rows = sessions.get(event.id) ?? []
  return {
    event,
    organiserName: names.get(event.organiserInstitutionId) ?? '',
    sessions: rows.map((s) => summarise(s, now)),
    canManage,
    erasureDate: erasureDateOf(event, rows),
  }
}

/** Words the routes use after /events/ that an event may not take as its slug. */
const SLUG_RULES = { fallback: 'event', reserved: new Set(['new', 'manage', 'api']) }

export interface DescriptionInput extends WriteOptions {
  description: RichText | null
}

/** What staff write about an event passes the guard (a venue's address is public and is not checked). */
const guardEventTexts = (actor: Actor, input: { title: string } & DescriptionInput) =>
  enforcePrivacy(
    actor,
    { title: input.title, ...(input.description ? { description: input.description } : {}) },
    input.privacyOverride ?? null,
  )

/** Creates an event with its first date; the creator's rights decide the kinds and organisers allowed. */
export async function createEvent(actor: Actor | null, input: NewEventInput & DescriptionInput): Promise<EventRow> {
  await requireCreateRights(actor, input)
  const clearance = guardEventTexts(actor!, input)
  return db.transaction(async (tx) => {
    const slug = await uniqueSlug(tx, events.slug, input.title, SLUG_RULES)
    const [event] = await tx
      .insert(events)
      .values({
        slug,
        ...detailColumns(input),
        status: input.publish ? 'published' : 'draft',
        createdBy: actor!.id,
      })
      .returning()
    await insertSession(tx, event.id, input)
    await enqueueSearch(tx, 'event', event.id)
    await recordAudit(tx, { actorId: actor!.id, action: 'event.create', targetType: 'event', targetId: event.id })
    await recordPrivacyOverride(tx, actor!, clearance, { type: 'event', id: event.id })
    return event
  })
}

/** The columns the event form sets, the same on create and edit. */
function detailColumns(input: EventDetailsInput & DescriptionInput) {
  return {
    kind: input.kind,
    title: input.title,
    descriptionDoc: input.description?.doc ?? null,
    descriptionText: input.description?.text ?? '',
    organiserInstitutionId: input.organiserInstitutionId,
    districtCode: input.districtCode,
    locationAddress: input.locationAddress,
    locationMapUrl: input.locationMapUrl,
    audience: input.audience,
    retentionDays: input.retentionDays,
  }
}

async function insertSession(
  runner: DbOrTx,
  eventId: string,
  input: Pick<SessionInput, 'startsAt' | 'endsAt' | 'capacity' | 'maxSeats'>,
) {
  const [session] = await runner
    .insert(eventSessions)
    .values({
      eventId,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      capacity: input.capacity,
      maxSeatsPerRegistration: input.maxSeats,
    })
    .returning()
  return session
}

export async function updateEvent(
  actor: Actor | null,
  slug: string,
  input: EventDetailsInput & DescriptionInput,
): Promise<EventRow> {
  const event = await loadManagedEvent(actor, slug)
  // Moving an event to another organiser or kind needs the same rights as creating it that way.
  if (input.kind !== event.kind || input.organiserInstitutionId !== event.organiserInstitutionId)
    await requireCreateRights(actor, input)
  const clearance = guardEventTexts(actor!, input)
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(events)
      .set({
        ...detailColumns(input),
        updatedAt: new Date(),
      })
      .where(eq(events.id, event.id))
      .returning()
    await enqueueSearch(tx, 'event', event.id)
    await recordAudit(tx, { actorId: actor!.id, action: 'event.update', targetType: 'event', targetId: event.id })
    await recordPrivacyOverride(tx, actor!, clearance, { type: 'event', id: event.id })
    return updated
  })
}

export async function setEventPublished(actor: Actor | null, slug: string, published: boolean) {
  const event = await loadManagedEvent(actor, slug)
  if (published) {
    const [{ n }] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(eventSessions)
      .where(eq(eventSessions.eventId, event.id))
    if (n === 0) throw new Refusal('events.error.noSessions')
  }
  await db.transaction(async (tx) => {
    await tx
      .update(events)
      .set({ status: published ? 'published' : 'draft', updatedAt: new Date() })
      .where(eq(events.id, event.id))
    await enqueueSearch(tx, 'event', event.id, published ? 'upsert' : 'delete')
    await recordAudit(tx, {
      actorId: actor!.id,
      action: published ? 'event.publish' : 'event.unpublish',
      targetType: 'event',
      targetId: event.id,
    })
  })
}

export async function addSession(actor: Actor | null, slug: string, input: SessionInput) {
  const event = await loadManagedEvent(actor, slug)
  return db.transaction(async (tx) => {
    // First, so the event's row lock keeps the retention job from marking it erased while the date goes in.
    await tx.update(events).set({ personalDataErasedAt: null }).where(eq(events.id, event.id))
    const session = await insertSession(tx, event.id, input)
    await enqueueSearch(tx, 'event', event.id)
    await recordAudit(tx, { actorId: actor!.id, action: 'event.session.add', targetType: 'event', targetId: event.id })
    return session
  })
}

/** The event's calendar: one VEVENT per date (or just the one asked for). */
export async function eventCalendar(
  slug: string,
  viewer: Actor | null,
  options: { sessionId?: string; baseUrl: string },
) {
  const page = await getEventPage(slug, viewer)
  const sessions = options.sessionId ? page.sessions.filter((s) => s.id === options.sessionId) : page.sessions
  if (options.sessionId && sessions.length === 0) notFound()
  const url = `${options.baseUrl}/events/${page.event.slug}`
  const location = page.event.locationAddress
  const description = [page.event.descriptionText.trim(), url].filter(Boolean).join('\n\n')
  const body = buildCalendar({
    name: page.event.title,
    entries: sessions.map((s) => ({
      uid: `${s.id}@iwb`,
      start: s.startsAt,
      end: s.endsAt,
      summary: page.event.title,
      description,
      location,
      url,
      updatedAt: page.event.updatedAt,
    })),
  })
  // A draft's calendar is seen only by its managers: it must not sit in shared caches.
  return { body, cacheable: page.event.status === 'published' }
}

export interface ApiEvent {
  slug: string
  title: string
  kind: EventKind
  url: string
  sessions: { id: string; startsAt: string; endsAt: string; capacity: number; freeSeats: number }[]
}

/** GET /api/v1/events: upcoming published events open to everyone, times with the Sofia offset. */
export async function publicEventsForApi(
  filter: Pick<EventListFilter, 'kind' | 'districtCode'> = {},
): Promise<{ events: ApiEvent[] }> {
  const items = await listUpcomingEvents({ ...filter, publicAudienceOnly: true })
  return {
    events: items.map((e) => ({
      slug: e.slug,
      title: e.title,
      kind: e.kind,
      url: `/events/${e.slug}`,
      sessions: e.sessions.map((s) => ({
        id: s.id,
        startsAt: toSofiaIso(s.startsAt),
        endsAt: toSofiaIso(s.endsAt),
        capacity: s.capacity,
        freeSeats: s.freeSeats,
      })),
    })),
  }
}

/** The published events these people created, latest first (a team page lists the events it ran). */
export async function publishedEventsBy(userIds: readonly string[], limit = 20) {
  if (userIds.length === 0) return []
  return db
    .select({
      slug: events.slug,
      title: events.title,
      kind: events.kind,
      // Spelled out: drizzle leaves the columns of a one-table query unqualified.
      startsAt: sql<string | null>`(SELECT min(s.starts_at) FROM event_sessions s WHERE s.event_id = "events"."id")`,
    })
    .from(events)
    .where(and(inArray(events.createdBy, [...userIds]), eq(events.status, 'published')))
    .orderBy(desc(events.createdAt))
    .limit(limit)
}
