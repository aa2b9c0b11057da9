import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm'
import { randomUUID } from 'node:crypto'
import { db, type DbOrTx, type Tx } from '../../../db/client.server'
import { eventRegistrations, eventSessions, events, type AgeGroup, type RegistrationStatus } from '../../../db/schema/events'
import type { Locale } from '../../../db/schema/identity'
import { recordAudit } from '../audit/audit.server'
import { newToken } from '../identity/tokens.server'
import type { Actor } from '../identity/permissions'
import { notFound } from '../platform/http.server'
import { queueRegistrationEmail } from './emails.server'
import { EventError, loadManagedEvent, type EventRow, type SessionRow } from './events.server'

export type RegistrationRow = typeof eventRegistrations.$inferSelect

export interface RegistrationRequest {
  sessionId: string
  name: string
  email: string | null
  phone: string | null
  seats: number
  ageGroup: AgeGroup | null
  locale: Locale
}

export type RegisterOutcome =
  | { kind: 'registered'; registrationId: string; token: string; status: Exclude<RegistrationStatus, 'cancelled'>; position: number | null }
  | { kind: 'duplicate' }

interface LockedSession {
  session: SessionRow
  event: EventRow
}

/**
 * Locks the session row until the transaction ends. Every change to a session's seats or waitlist
 * goes through here first, so concurrent registrations and cancellations queue instead of racing.
 */
async function lockSession(tx: Tx, sessionId: string, where: { eventId?: string; slug?: string } = {}): Promise<LockedSession | undefined> {
  const [row] = await tx
    .select({ session: eventSessions, event: events })
    .from(eventSessions)
    .innerJoin(events, eq(events.id, eventSessions.eventId))
    .where(
      and(
        eq(eventSessions.id, sessionId),
        where.eventId ? eq(events.id, where.eventId) : undefined,
        where.slug ? eq(events.slug, where.slug) : undefined,
      ),
    )
    .for('update', { of: eventSessions })
  return row
}

function mailFor(reg: { email: string | null; locale: Locale; name: string | null; token: string | null; seats: number }, locked: LockedSession) {
  return {
    to: reg.email!,
    locale: reg.locale,
    name: reg.name ?? '',
    token: reg.token!,
    seats: reg.seats,
    title: locked.event.title,
    startsAt: locked.session.startsAt,
    endsAt: locked.session.endsAt,
    location: locked.event.locationAddress,
  }
}

interface CoreOptions {
  source: 'public' | 'manual'
  addedBy: string | null
  consent: boolean
  now: Date
}

async function findActiveByEmail(runner: DbOrTx, sessionId: string, email: string | null) {
  if (!email) return undefined
  const [existing] = await runner
    .select()
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.sessionId, sessionId), ne(eventRegistrations.status, 'cancelled'), sql`lower(${eventRegistrations.email}) = lower(${email})`))
    .limit(1)
  return existing
}

/**
 * The same e-mail already holds a place for this session. The link is never shown on screen
 * (anyone can type an address): it is sent again to that address instead.
 */
async function resendExisting(sessionId: string, email: string): Promise<RegisterOutcome> {
  await db.transaction(async (tx) => {
    const existing = await findActiveByEmail(tx, sessionId, email)
    const [context] = await tx
      .select({ session: eventSessions, event: events })
      .from(eventSessions)
      .innerJoin(events, eq(events.id, eventSessions.eventId))
      .where(eq(eventSessions.id, sessionId))
    if (existing?.token && context) await queueRegistrationEmail(tx, 'resend', mailFor(existing, context))
  })
  return { kind: 'duplicate' }
}

/** True for the unique index that allows one active registration per e-mail and session. */
function isDuplicateEmailError(error: unknown): boolean {
  for (let e = error as { code?: string; message?: string; constraint_name?: string; constraint?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    const names = [e.constraint_name, e.constraint, e.message].filter(Boolean).join(' ')
    if (e.code === '23505' && names.includes('event_registrations_active_email_key')) return true
  }
  return false
}

/** Seats if they are free and nobody is waiting ahead, else the next waitlist ticket. Runs under the session lock. */
async function registerLocked(tx: Tx, locked: LockedSession, request: RegistrationRequest, options: CoreOptions): Promise<RegisterOutcome> {
  const { session, event } = locked
  if (session.startsAt.getTime() <= options.now.getTime()) throw new EventError('events.error.sessionStarted', 'sessionId')
  if (request.seats > session.maxSeatsPerRegistration || request.seats > session.capacity) throw new EventError('events.error.tooManySeats', 'seats')

  const free = session.capacity - session.confirmedSeats
  const confirmed = session.waitlistCount === 0 && request.seats <= free
  const ticket = confirmed ? null : session.lastWaitlistTicket + 1
  const position = confirmed ? null : session.waitlistCount + 1
  const registrationId = randomUUID()
  const token = newToken(24)
  // While the lock is held every round trip counts: the writes go out together, pipelined on the connection.
  const writes: Promise<unknown>[] = [
    tx
      .update(eventSessions)
      .set(confirmed ? { confirmedSeats: session.confirmedSeats + request.seats } : { waitlistCount: session.waitlistCount + 1, lastWaitlistTicket: ticket! })
      .where(eq(eventSessions.id, session.id)),
    tx.insert(eventRegistrations).values({
      id: registrationId,
      eventId: event.id,
      sessionId: session.id,
      token,
      status: confirmed ? 'confirmed' : 'waitlisted',
      seats: request.seats,
      waitlistTicket: ticket,
      name: request.name,
      email: request.email,
      phone: request.phone,
      ageGroup: request.ageGroup,
      locale: request.locale,
      source: options.source,
      addedBy: options.addedBy,
      consentAt: options.consent ? options.now : null,
      createdAt: options.now,
      confirmedAt: confirmed ? options.now : null,
    }),
  ]
  if (request.email) {
    writes.push(queueRegistrationEmail(tx, confirmed ? 'confirmed' : 'waitlisted', { ...mailFor({ ...request, token }, locked), position }))
  }
  await Promise.all(writes)
  return { kind: 'registered', registrationId, token, status: confirmed ? 'confirmed' : 'waitlisted', position }
}

/**
 * Public registration for a published event's session (the form on /events/:slug). The duplicate
 * check runs before the lock to keep the locked part short; the unique index settles any race.
 */
export async function registerForSession(slug: string, request: RegistrationRequest, now = new Date()): Promise<RegisterOutcome> {
  if (await findActiveByEmail(db, request.sessionId, request.email)) return resendExisting(request.sessionId, request.email!)
  try {
    return await db.transaction(async (tx) => {
      const locked = await lockSession(tx, request.sessionId, { slug })
      if (!locked || locked.event.status !== 'published') throw new EventError('events.error.sessionNotFound', 'sessionId')
      return registerLocked(tx, locked, request, { source: 'public', addedBy: null, consent: true, now })
    })
  } catch (error) {
    if (isDuplicateEmailError(error)) return resendExisting(request.sessionId, request.email!)
    throw error
  }
}

/** Registration inside a caller's transaction (demo data, factories): the same lock and rules as the public form. */
export async function registerWithin(tx: Tx, request: RegistrationRequest, options: { source?: 'public' | 'manual'; now?: Date } = {}): Promise<RegisterOutcome> {
  if (await findActiveByEmail(tx, request.sessionId, request.email)) return { kind: 'duplicate' }
  const locked = await lockSession(tx, request.sessionId)
  if (!locked) throw new EventError('events.error.sessionNotFound', 'sessionId')
  return registerLocked(tx, locked, request, { source: options.source ?? 'public', addedBy: null, consent: true, now: options.now ?? new Date() })
}

/** An organiser adds someone (e.g. booked by phone); the same capacity rules apply. */
export async function addRegistrationManually(actor: Actor | null, slug: string, request: RegistrationRequest, now = new Date()): Promise<RegisterOutcome> {
  const event = await loadManagedEvent(actor, slug)
  if (await findActiveByEmail(db, request.sessionId, request.email)) return { kind: 'duplicate' }
  try {
    return await db.transaction(async (tx) => {
      const locked = await lockSession(tx, request.sessionId, { eventId: event.id })
      if (!locked) throw new EventError('events.error.sessionNotFound', 'sessionId')
      const result = await registerLocked(tx, locked, request, { source: 'manual', addedBy: actor!.id, consent: false, now })
      if (result.kind === 'registered') {
        await recordAudit(tx, { actorId: actor!.id, action: 'event.registration.add', targetType: 'event', targetId: event.id, details: { registrationId: result.registrationId } })
      }
      return result
    })
  } catch (error) {
    if (isDuplicateEmailError(error)) return { kind: 'duplicate' }
    throw error
  }
}

/**
 * Confirms waiting registrations strictly in ticket order while their seats fit in the free seats;
 * stops at the first that does not fit, so nobody is overtaken. Runs under the session lock.
 */
async function promoteWaitlist(tx: Tx, locked: LockedSession, now: Date): Promise<RegistrationRow[]> {
  const { session } = locked
  let free = session.capacity - session.confirmedSeats
  if (free <= 0 || session.waitlistCount === 0 || session.startsAt.getTime() <= now.getTime()) return []
  const queue = await tx
    .select()
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.sessionId, session.id), eq(eventRegistrations.status, 'waitlisted')))
    .orderBy(asc(eventRegistrations.waitlistTicket))
    .limit(free)
  const chosen: RegistrationRow[] = []
  for (const candidate of queue) {
    if (candidate.seats > free) break
    chosen.push(candidate)
    free -= candidate.seats
  }
  if (chosen.length === 0) return []
  await tx
    .update(eventRegistrations)
    .set({ status: 'confirmed', confirmedAt: now, promotedAt: now })
    .where(inArray(eventRegistrations.id, chosen.map((r) => r.id)))
  await tx
    .update(eventSessions)
    .set({ confirmedSeats: session.capacity - free, waitlistCount: session.waitlistCount - chosen.length })
    .where(eq(eventSessions.id, session.id))
  for (const registration of chosen) {
    if (registration.email && registration.token) await queueRegistrationEmail(tx, 'promoted', mailFor(registration, locked))
  }
  return chosen
}

export interface CancelResult {
  alreadyCancelled: boolean
  promoted: number
  eventSlug: string
}

async function cancelLocked(tx: Tx, registrationId: string, sessionId: string, now: Date): Promise<CancelResult> {
  const locked = await lockSession(tx, sessionId)
  if (!locked) notFound()
  // Read again under the lock: a concurrent cancel or promotion may have changed the status.
  const [registration] = await tx.select().from(eventRegistrations).where(eq(eventRegistrations.id, registrationId))
  if (!registration) notFound()
  if (registration.status === 'cancelled') return { alreadyCancelled: true, promoted: 0, eventSlug: locked.event.slug }
  await tx.update(eventRegistrations).set({ status: 'cancelled', cancelledAt: now }).where(eq(eventRegistrations.id, registration.id))
  const counters =
    registration.status === 'confirmed'
      ? { confirmedSeats: locked.session.confirmedSeats - registration.seats }
      : { waitlistCount: locked.session.waitlistCount - 1 }
  await tx.update(eventSessions).set(counters).where(eq(eventSessions.id, sessionId))
  const promoted = await promoteWaitlist(tx, { ...locked, session: { ...locked.session, ...counters } }, now)
  return { alreadyCancelled: false, promoted: promoted.length, eventSlug: locked.event.slug }
}

async function findByToken(tx: Tx, token: string) {
  const [row] = await tx
    .select({ id: eventRegistrations.id, sessionId: eventRegistrations.sessionId })
    .from(eventRegistrations)
    .where(eq(eventRegistrations.token, token))
    .limit(1)
  return row
}

/** POST /registrations/:token/cancel — frees the seats and promotes the waitlist; a second cancel changes nothing. */
export async function cancelRegistration(token: string, now = new Date()): Promise<CancelResult> {
  return db.transaction(async (tx) => {
    const found = await findByToken(tx, token)
    if (!found) notFound()
    return cancelLocked(tx, found.id, found.sessionId, now)
  })
}

/** The registrant erases their data: the registration is cancelled (if active) and stripped of name, e-mail and phone. */
export async function eraseRegistration(token: string, now = new Date()): Promise<{ eventSlug: string }> {
  return db.transaction(async (tx) => {
    const found = await findByToken(tx, token)
    if (!found) notFound()
    const { eventSlug } = await cancelLocked(tx, found.id, found.sessionId, now)
    await tx
      .update(eventRegistrations)
      .set({ name: null, email: null, phone: null, token: null, erasedAt: now })
      .where(eq(eventRegistrations.id, found.id))
    await recordAudit(tx, { actorId: null, action: 'event.registration.erase', targetType: 'event_registration', targetId: found.id })
    return { eventSlug }
  })
}

export interface RegistrationView {
  registration: RegistrationRow
  session: SessionRow
  event: EventRow
  position: number | null
}

/** What /registrations/:token shows; the waitlist position is counted live, so it never has gaps. */
export async function getRegistrationByToken(token: string): Promise<RegistrationView> {
  const [row] = await db
    .select({ registration: eventRegistrations, session: eventSessions, event: events })
    .from(eventRegistrations)
    .innerJoin(eventSessions, eq(eventSessions.id, eventRegistrations.sessionId))
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .where(eq(eventRegistrations.token, token))
    .limit(1)
  if (!row) notFound()
  let position: number | null = null
  if (row.registration.status === 'waitlisted') {
    const [ahead] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(eventRegistrations)
      .where(
        and(
          eq(eventRegistrations.sessionId, row.session.id),
          eq(eventRegistrations.status, 'waitlisted'),
          sql`${eventRegistrations.waitlistTicket} <= ${row.registration.waitlistTicket}`,
        ),
      )
    position = ahead.n
  }
  return { ...row, position }
}

/** Organisers change a date's capacity; raising it confirms waiting people in order. Returns how many were promoted. */
export async function setSessionCapacity(actor: Actor | null, slug: string, sessionId: string, capacity: number, now = new Date()): Promise<number> {
  const event = await loadManagedEvent(actor, slug)
  return db.transaction(async (tx) => {
    const locked = await lockSession(tx, sessionId, { eventId: event.id })
    if (!locked) notFound()
    if (capacity < locked.session.confirmedSeats) {
      throw new EventError('events.error.capacityBelowConfirmed', 'capacity', { confirmed: locked.session.confirmedSeats })
    }
    await tx.update(eventSessions).set({ capacity }).where(eq(eventSessions.id, sessionId))
    const promoted = await promoteWaitlist(tx, { ...locked, session: { ...locked.session, capacity } }, now)
    await recordAudit(tx, {
      actorId: actor!.id,
      action: 'event.session.capacity',
      targetType: 'event_session',
      targetId: sessionId,
      details: { from: locked.session.capacity, to: capacity, promoted: promoted.length },
    })
    return promoted.length
  })
}

/** Marks a confirmed registration present (or undoes it). Returns the registrant's name for the message. */
export async function setCheckedIn(actor: Actor | null, slug: string, registrationId: string, present: boolean, now = new Date()): Promise<string> {
  const event = await loadManagedEvent(actor, slug)
  const [registration] = await db
    .select()
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.id, registrationId), eq(eventRegistrations.eventId, event.id)))
  if (!registration) notFound()
  if (registration.status !== 'confirmed') throw new EventError('events.error.notConfirmed')
  await db
    .update(eventRegistrations)
    .set(present ? { checkedInAt: registration.checkedInAt ?? now, checkedInBy: actor!.id } : { checkedInAt: null, checkedInBy: null })
    .where(eq(eventRegistrations.id, registration.id))
  return registration.name ?? ''
}
