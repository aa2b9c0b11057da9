import { randomInt, randomUUID } from 'node:crypto'

import { and, asc, eq, inArray, ne, or, sql } from 'drizzle-orm'

import { db, prepared, type Tx } from '../../../db/client.server'
import {
  eventRegistrations,
  events,
  eventSessions,
  type AgeGroup,
  type RegistrationSource,
  type RegistrationStatus,
} from '../../../db/schema/events'
import { institutions, type Locale } from '../../../db/schema/identity'
import { recordAudit } from '../audit/audit.server'
import { requirePermission, type Actor } from '../identity/permissions'
import { hashToken } from '../identity/tokens.server'
import { notFound } from '../platform/http.server'
import { Refusal } from '../platform/refusal.server'
import { toBulgarianE164 } from '../privacy/phone'
import {
  queueRegistrationEmail,
  queueRegistrationEmails,
  type RegistrationMail,
  type RegistrationMailKind,
} from './emails.server'
import {
  loadManagedEvent,
  loadManagedRegistration,
  markRegistration,
  type EventRow,
  type SessionRow,
} from './events.server'
import {
  erasePersonalData,
  holdsToken,
  holdsTokenHash,
  issueRegistrationLink,
  newRegistrationLink,
  storeLinks,
  type RegistrationLink,
} from './links.server'

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
  | {
      kind: 'registered'
      registrationId: string
      token: string
      status: Exclude<RegistrationStatus, 'cancelled'>
      position: number | null
      /** The registration number the family can say on the phone. */
      code: string
    }
  /** One place per e-mail and per phone: `resent` when the link went again to the e-mail given then. */
  | { kind: 'duplicate'; by: 'email' | 'phone'; resent: boolean }

interface LockedSession {
  session: SessionRow
  event: EventRow
}

/**
 * Locks the session row until the transaction ends. Every change to a session's seats or waitlist
 * goes through here first, so concurrent registrations and cancellations queue instead of racing.
 */
async function lockSession(
  tx: Tx,
  sessionId: string,
  where: { eventId?: string; slug?: string } = {},
): Promise<LockedSession | undefined> {
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

function mailFor(reg: Holder, token: string, locked: LockedSession) {
  return {
    registrationId: reg.id,
    to: reg.email!,
    locale: reg.locale,
    name: reg.name ?? '',
    token,
    seats: reg.seats,
    title: locked.event.title,
    startsAt: locked.session.startsAt,
    endsAt: locked.session.endsAt,
    location: locked.event.locationAddress,
  }
}

interface Attempt {
  request: RegistrationRequest
  source: RegistrationSource
  addedBy: string | null
  /** "Registered by": the institution of the staff member who registered a family on its behalf. */
  registeredByInstitutionId?: string | null
  consent: boolean
  now: Date
}

type AttemptResult = RegisterOutcome | Refusal

type Holder = Pick<RegistrationRow, 'id' | 'email' | 'phone' | 'locale' | 'name' | 'seats'>

const CODE_FIRST = 100_000
const CODE_COUNT = 900_000

/** Registration numbers not yet used in the event: six digits, never starting with 0 (said and typed as they are). */
async function freshCodes(tx: Tx, eventId: string, count: number): Promise<string[]> {
  // Each session has its own lock; this one makes the numbers of all the event's sessions one queue.
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`event-codes:${eventId}`}))`)
  const codes = new Set<string>()
  while (codes.size < count) {
    const candidates = [
      ...new Set(Array.from({ length: count - codes.size }, () => String(CODE_FIRST + randomInt(CODE_COUNT)))),
    ].filter((c) => !codes.has(c))
    const taken = await tx
      .select({ code: eventRegistrations.code })
      .from(eventRegistrations)
      .where(and(eq(eventRegistrations.eventId, eventId), inArray(eventRegistrations.code, candidates)))
    const used = new Set(taken.map((t) => t.code))
    for (const c of candidates) if (!used.has(c)) codes.add(c)
  }
  return [...codes]
}

/** The phone as stored (E.164); a number that is no Bulgarian phone is refused on its field. */
function storedPhone(phone: string | null): string | null | Refusal {
  if (phone === null || phone.trim() === '') return null
  return toBulgarianE164(phone) ?? new Refusal('events.error.phone', { field: 'phone' })
}

/**
 * Decides and writes registrations in arrival order under the session lock: seats while they are
 * free and nobody waits ahead, else the next waitlist ticket; one place per e-mail and per phone (a repeat gets
 * its link e-mailed again when there is an address, never shown). All writes go out together, pipelined on the
 * connection.
 */
async function registerManyLocked(tx: Tx, locked: LockedSession, attempts: Attempt[]): Promise<AttemptResult[]> {
  const session = { ...locked.session }
  const phoneOf = attempts.map((a) => storedPhone(a.request.phone))
  const emails = [...new Set(attempts.map((a) => a.request.email?.toLowerCase()).filter((e): e is string => !!e))]
  const phones = [...new Set(phoneOf.filter((p): p is string => typeof p === 'string'))]
  const existing =
    emails.length || phones.length
      ? await tx
          .select()
          .from(eventRegistrations)
          .where(
            and(
              eq(eventRegistrations.sessionId, session.id),
              ne(eventRegistrations.status, 'cancelled'),
              or(
                emails.length ? inArray(sql`lower(${eventRegistrations.email})`, emails) : undefined,
                phones.length ? inArray(eventRegistrations.phone, phones) : undefined,
              ),
            ),
          )
      : []
  const holders = new Map<string, Holder>(existing.filter((r) => r.email).map((r) => [r.email!.toLowerCase(), r]))
  const phoneHolders = new Map<string, Holder>(existing.filter((r) => r.phone).map((r) => [r.phone!, r]))
  const rows: (typeof eventRegistrations.$inferInsert)[] = []
  const links: RegistrationLink[] = []
  const mails: [RegistrationMailKind, RegistrationMail][] = []
  const registered: Extract<RegisterOutcome, { kind: 'registered' }>[] = []
  const results = attempts.map((attempt, i): AttemptResult => {
    const { request, now } = attempt
    const phone = phoneOf[i]
    if (phone instanceof Refusal) return phone
    if (session.startsAt.getTime() <= now.getTime())
      return new Refusal('events.error.sessionStarted', { field: 'sessionId' })
    if (request.seats > session.maxSeatsPerRegistration || request.seats > session.capacity)
      return new Refusal('events.error.tooManySeats', { field: 'seats' })
    const key = request.email?.toLowerCase()
    const byEmail = key ? holders.get(key) : undefined
    const holder = byEmail ?? (phone ? phoneHolders.get(phone) : undefined)
    if (holder) {
      if (holder.email) {
        const link = newRegistrationLink(holder.id)
        links.push(link)
        mails.push(['resend', mailFor(holder, link.token, locked)])
      }
      return { kind: 'duplicate', by: byEmail ? 'email' : 'phone', resent: !!holder.email }
    }
    const confirmed = session.waitlistCount === 0 && request.seats <= session.capacity - session.confirmedSeats
    if (confirmed) session.confirmedSeats += request.seats
    else {
      session.waitlistCount += 1
      session.lastWaitlistTicket += 1
    }
    const row = {
      id: randomUUID(),
      eventId: locked.event.id,
      sessionId: session.id,
      status: confirmed ? ('confirmed' as const) : ('waitlisted' as const),
      seats: request.seats,
      waitlistTicket: confirmed ? null : session.lastWaitlistTicket,
      name: request.name,
      email: request.email,
      phone,
      ageGroup: request.ageGroup,
      locale: request.locale,
      source: attempt.source,
      addedBy: attempt.addedBy,
      registeredByInstitutionId: attempt.registeredByInstitutionId ?? null,
      code: '',
      consentAt: attempt.consent ? now : null,
      createdAt: now,
      confirmedAt: confirmed ? now : null,
    }
    rows.push(row)
    const link = newRegistrationLink(row.id)
    links.push(link)
    const position = confirmed ? null : session.waitlistCount
    if (key) {
      holders.set(key, row)
      mails.push([confirmed ? 'confirmed' : 'waitlisted', { ...mailFor(row, link.token, locked), position }])
    }
    if (phone) phoneHolders.set(phone, row)
    const outcome = {
      kind: 'registered' as const,
      registrationId: row.id,
      token: link.token,
      status: row.status,
      position,
      code: '',
    }
    registered.push(outcome)
    return outcome
  })
  if (rows.length > 0) {
    const codes = await freshCodes(tx, locked.event.id, rows.length)
    rows.forEach((row, i) => {
      row.code = codes[i]
      registered[i].code = codes[i]
    })
    await Promise.all([
      tx
        .update(eventSessions)
        .set({
          confirmedSeats: session.confirmedSeats,
          waitlistCount: session.waitlistCount,
          lastWaitlistTicket: session.lastWaitlistTicket,
        })
        .where(eq(eventSessions.id, session.id)),
      tx.insert(eventRegistrations).values(rows),
    ])
  }
  // Links and mail point at the registrations, so they are written once those exist: one statement each, pipelined.
  await Promise.all([storeLinks(tx, links), queueRegistrationEmails(tx, mails)])
  return results
}

/**
 * The answer to a second registration with the same e-mail or phone (409; the link is never shown), for the whole
 * form or (`onField`) on the field that matched.
 */
export function duplicateRefusal(
  outcome: Extract<RegisterOutcome, { kind: 'duplicate' }>,
  options: { onField?: boolean } = {},
): Refusal {
  const key =
    outcome.by === 'email'
      ? 'events.error.alreadyRegistered'
      : outcome.resent
        ? 'events.error.alreadyRegisteredPhoneMailed'
        : 'events.error.alreadyRegisteredPhone'
  return new Refusal(key, { field: options.onField ? outcome.by : undefined, status: 409 })
}

function settled(result: AttemptResult | undefined): RegisterOutcome {
  if (!result) throw new Refusal('events.error.sessionNotFound', { field: 'sessionId' })
  if (result instanceof Refusal) throw result
  return result
}

interface Waiting {
  slug: string
  request: RegistrationRequest
  now: Date
  resolve: (outcome: RegisterOutcome) => void
  reject: (error: unknown) => void
}

const MAX_BATCH = 250
const waiting = new Map<string, Waiting[]>()

/** One transaction and one lock of the session row for everybody who arrived meanwhile (group commit). */
async function writeBatch(sessionId: string, batch: Waiting[]) {
  let results: AttemptResult[] = []
  try {
    results = await db.transaction(async (tx) => {
      const locked = await lockSession(tx, sessionId)
      const open = (w: Waiting) => !!locked && locked.event.status === 'published' && locked.event.slug === w.slug
      const accepted = batch.filter(open)
      const written =
        locked && accepted.length > 0
          ? await registerManyLocked(
              tx,
              locked,
              accepted.map((w) => ({ request: w.request, source: 'public', addedBy: null, consent: true, now: w.now })),
            )
          : []
      return batch.map((w) =>
        open(w) ? written[accepted.indexOf(w)] : new Refusal('events.error.sessionNotFound', { field: 'sessionId' }),
      )
    })
  } catch (error) {
    for (const w of batch) w.reject(error)
    return
  }
  batch.forEach((w, i) => {
    const result = results[i]
    if (result instanceof Refusal) w.reject(result)
    else w.resolve(result)
  })
}

async function drain(sessionId: string) {
  for (;;) {
    const queue = waiting.get(sessionId)
    if (!queue || queue.length === 0) {
      waiting.delete(sessionId)
      return
    }
    await writeBatch(sessionId, queue.splice(0, MAX_BATCH))
  }
}

/**
 * Public registration for a published event's session (the form on /events/:slug). During a rush,
 * registrations for the same session that arrive while one transaction is being written queue here
 * and go into the next one together, in arrival order; every process still takes the row lock.
 */
export function registerForSession(
  slug: string,
  request: RegistrationRequest,
  now = new Date(),
): Promise<RegisterOutcome> {
  return new Promise((resolve, reject) => {
    const entry = { slug, request, now, resolve, reject }
    const queue = waiting.get(request.sessionId)
    if (queue) {
      queue.push(entry)
      return
    }
    waiting.set(request.sessionId, [entry])
    void drain(request.sessionId)
  })
}

/** Registration inside a caller's transaction (demo data, factories): the same lock and rules as the public form. */
export async function registerWithin(
  tx: Tx,
  request: RegistrationRequest,
  options: { source?: 'public' | 'manual'; now?: Date } = {},
): Promise<RegisterOutcome> {
  const locked = await lockSession(tx, request.sessionId)
  if (!locked) throw new Refusal('events.error.sessionNotFound', { field: 'sessionId' })
  const [result] = await registerManyLocked(tx, locked, [
    { request, source: options.source ?? 'public', addedBy: null, consent: true, now: options.now ?? new Date() },
  ])
  return settled(result)
}

/** An organiser adds someone (e.g. booked by phone); the same capacity rules apply. */
export async function addRegistrationManually(
  actor: Actor | null,
  slug: string,
  request: RegistrationRequest,
  now = new Date(),
): Promise<RegisterOutcome> {
  const event = await loadManagedEvent(actor, slug)
  return db.transaction(async (tx) => {
    const locked = await lockSession(tx, request.sessionId, { eventId: event.id })
    if (!locked) throw new Refusal('events.error.sessionNotFound', { field: 'sessionId' })
    const [result] = await registerManyLocked(tx, locked, [
      { request, source: 'manual', addedBy: actor!.id, consent: false, now },
    ])
    const outcome = settled(result)
    if (outcome.kind === 'registered') {
      await recordAudit(tx, {
        actorId: actor!.id,
        action: 'event.registration.add',
        targetType: 'event',
        targetId: event.id,
        details: { registrationId: outcome.registrationId },
      })
    }
    return outcome
  })
}

/**
 * A signed-in staff member registers a family on its behalf for a published public event: the same lock and rules
 * as the public form, the staff member's institution recorded as "registered by", the family's consent as confirmed
 * by the staff member.
 */
export async function registerFamily(
  actor: Actor | null,
  slug: string,
  request: RegistrationRequest,
  now = new Date(),
): Promise<RegisterOutcome> {
  requirePermission(actor, 'event:register-family')
  return db.transaction(async (tx) => {
    const locked = await lockSession(tx, request.sessionId, { slug })
    if (!locked || locked.event.status !== 'published' || locked.event.audience !== 'public')
      throw new Refusal('events.error.sessionNotFound', { field: 'sessionId' })
    const [result] = await registerManyLocked(tx, locked, [
      {
        request,
        source: 'on_behalf',
        addedBy: actor.id,
        registeredByInstitutionId: actor.institutionId,
        consent: true,
        now,
      },
    ])
    const outcome = settled(result)
    if (outcome.kind === 'registered') {
      await recordAudit(tx, {
        actorId: actor.id,
        action: 'event.registration.family',
        targetType: 'event',
        targetId: locked.event.id,
        details: { registrationId: outcome.registrationId },
      })
    }
    return outcome
  })
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
    .where(
      inArray(
        eventRegistrations.id,
        chosen.map((r) => r.id),
      ),
    )
  await tx
    .update(eventSessions)
    .set({ confirmedSeats: session.capacity - free, waitlistCount: session.waitlistCount - chosen.length })
    .where(eq(eventSessions.id, session.id))
  for (const registration of chosen) {
    if (registration.email)
      await queueRegistrationEmail(
        tx,
        'promoted',
        mailFor(registration, await issueRegistrationLink(tx, registration.id), locked),
      )
  }
  return chosen
}

export interface CancelResult {
  alreadyCancelled: boolean
  /** It was a place on the waiting list, not a seat. */
  wasWaitlisted: boolean
  promoted: number
  eventSlug: string
}

async function cancelLocked(tx: Tx, registrationId: string, sessionId: string, now: Date): Promise<CancelResult> {
  const locked = await lockSession(tx, sessionId)
  if (!locked) notFound()
  // Read again under the lock: a concurrent cancel or promotion may have changed the status.
  const [registration] = await tx.select().from(eventRegistrations).where(eq(eventRegistrations.id, registrationId))
  if (!registration) notFound()
  if (registration.status === 'cancelled')
    return { alreadyCancelled: true, wasWaitlisted: false, promoted: 0, eventSlug: locked.event.slug }
  await tx
    .update(eventRegistrations)
    .set({ status: 'cancelled', cancelledAt: now })
    .where(eq(eventRegistrations.id, registration.id))
  const counters =
    registration.status === 'confirmed'
      ? { confirmedSeats: locked.session.confirmedSeats - registration.seats }
      : { waitlistCount: locked.session.waitlistCount - 1 }
  await tx.update(eventSessions).set(counters).where(eq(eventSessions.id, sessionId))
  const promoted = await promoteWaitlist(tx, { ...locked, session: { ...locked.session, ...counters } }, now)
  return {
    alreadyCancelled: false,
    wasWaitlisted: registration.status === 'waitlisted',
    promoted: promoted.length,
    eventSlug: locked.event.slug,
  }
}

async function findByToken(tx: Tx, token: string) {
  const [row] = await tx
    .select({ id: eventRegistrations.id, sessionId: eventRegistrations.sessionId })
    .from(eventRegistrations)
    .where(holdsToken(token))
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

/**
 * The registrant erases their data: the registration is cancelled (if active) and stripped of name, e-mail and phone.
 */
export async function eraseRegistration(token: string, now = new Date()): Promise<{ eventSlug: string }> {
  return db.transaction(async (tx) => {
    const found = await findByToken(tx, token)
    if (!found) notFound()
    const { eventSlug } = await cancelLocked(tx, found.id, found.sessionId, now)
    await erasePersonalData(tx, [found.id], now)
    await recordAudit(tx, {
      actorId: null,
      action: 'event.registration.erase',
      targetType: 'event_registration',
      targetId: found.id,
    })
    return { eventSlug }
  })
}

export interface RegistrationView {
  registration: RegistrationRow
  session: Pick<SessionRow, 'id' | 'startsAt' | 'endsAt'>
  /** What the ticket shows of the event, and what tells whether the viewer manages it. */
  event: Pick<
    EventRow,
    'id' | 'slug' | 'kind' | 'title' | 'locationAddress' | 'locationMapUrl' | 'createdBy' | 'organiserInstitutionId'
  >
  position: number | null
  /** The institution whose staff member registered the family on its behalf. */
  registeredBy: string | null
}

/** The ticket page's one statement, prepared on the server (issue #17: parents open it in rushes). */
const ticketQuery = () =>
  prepared('registration-ticket', (database) =>
    database
      .select({
        registration: eventRegistrations,
        // Not the whole event: its description (the editor's document) is the largest part of the row.
        session: { id: eventSessions.id, startsAt: eventSessions.startsAt, endsAt: eventSessions.endsAt },
        event: {
          id: events.id,
          slug: events.slug,
          kind: events.kind,
          title: events.title,
          locationAddress: events.locationAddress,
          locationMapUrl: events.locationMapUrl,
          createdBy: events.createdBy,
          organiserInstitutionId: events.organiserInstitutionId,
        },
        registeredBy: institutions.name,
        position: sql<number | null>`CASE WHEN ${eventRegistrations.status} = 'waitlisted' THEN (
          SELECT count(*)::int FROM event_registrations ahead
          WHERE ahead.session_id = ${eventRegistrations.sessionId} AND ahead.status = 'waitlisted'
            AND ahead.waitlist_ticket <= ${eventRegistrations.waitlistTicket}) END`,
      })
      .from(eventRegistrations)
      .innerJoin(eventSessions, eq(eventSessions.id, eventRegistrations.sessionId))
      .innerJoin(events, eq(events.id, eventRegistrations.eventId))
      .leftJoin(institutions, eq(institutions.id, eventRegistrations.registeredByInstitutionId))
      .where(holdsTokenHash(sql.placeholder('tokenHash')))
      .limit(1)
      .prepare('registration_ticket'),
  )

/** What /registrations/:token shows; the waitlist position is counted live, so it never has gaps. */
export async function getRegistrationByToken(token: string): Promise<RegistrationView> {
  const [row] = await ticketQuery().execute({ tokenHash: hashToken(token) })
  if (!row) notFound()
  return { ...row, position: row.position === null ? null : Number(row.position) }
}

/** Organisers change a date's capacity; raising it confirms waiting people in order. Returns how many were promoted. */
export async function setSessionCapacity(
  actor: Actor | null,
  slug: string,
  sessionId: string,
  capacity: number,
  now = new Date(),
): Promise<number> {
  const event = await loadManagedEvent(actor, slug)
  return db.transaction(async (tx) => {
    const locked = await lockSession(tx, sessionId, { eventId: event.id })
    if (!locked) notFound()
    if (capacity < locked.session.confirmedSeats) {
      throw new Refusal('events.error.capacityBelowConfirmed', {
        field: 'capacity',
        params: { confirmed: locked.session.confirmedSeats },
      })
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
export async function setCheckedIn(
  actor: Actor | null,
  slug: string,
  registrationId: string,
  present: boolean,
  now = new Date(),
): Promise<string> {
  const registration = await loadManagedRegistration(actor, slug, registrationId)
  if (registration.status !== 'confirmed') throw new Refusal('events.error.notConfirmed')
  return markRegistration(registration, 'checkedIn', present, actor!.id, now)
}
