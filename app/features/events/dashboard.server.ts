import { and, asc, eq, type SQL } from 'drizzle-orm'

import { db } from '../../../db/client.server'
import { AGE_GROUPS, eventRegistrations, eventSessions, type AgeGroup } from '../../../db/schema/events'
import { institutions, type Locale } from '../../../db/schema/identity'
import { formatDateTime, translate } from '../i18n/translate'
import type { Actor } from '../identity/permissions'
import { formatBulgarianPhone, toBulgarianE164 } from '../privacy/phone'
import { registrationCodeFrom } from './code'
import { toCsv } from './csv'
import { erasureDateOf, loadManagedEvent, type EventRow, type SessionRow } from './events.server'
import { holdsToken } from './links.server'
import type { RegistrationRow } from './registration.server'

export interface SessionCounts {
  session: SessionRow
  confirmedRegistrations: number
  confirmedSeats: number
  waitlisted: number
  cancelled: number
  checkedIn: number
  checkedInSeats: number
  freeSeats: number
}

export interface RegistrantRow {
  id: string
  sessionId: string
  name: string | null
  email: string | null
  phone: string | null
  seats: number
  status: RegistrationRow['status']
  position: number | null
  ageGroup: AgeGroup | null
  source: RegistrationRow['source']
  /** The institution whose staff member registered the family on its behalf. */
  registeredBy: string | null
  code: string | null
  createdAt: Date
  checkedInAt: Date | null
  calledAt: Date | null
  erased: boolean
}

type ListedRegistration = RegistrationRow & { registeredBy: string | null }

/** Registrations of an event with the name of the institution that registered them on a family's behalf. */
async function listRegistrations(where: SQL | undefined, order: SQL): Promise<ListedRegistration[]> {
  const rows = await db
    .select({ registration: eventRegistrations, registeredBy: institutions.name })
    .from(eventRegistrations)
    .leftJoin(institutions, eq(institutions.id, eventRegistrations.registeredByInstitutionId))
    .where(where)
    .orderBy(order)
  return rows.map((r) => ({ ...r.registration, registeredBy: r.registeredBy }))
}

export interface Dashboard {
  event: EventRow
  sessions: SessionCounts[]
  registrants: RegistrantRow[]
  ageGroups: { group: AgeGroup; count: number }[]
  erasureDate: Date | null
}

/** Waitlist positions numbered 1… per session by ticket, counting only those still waiting. */
function withPositions(rows: ListedRegistration[]): RegistrantRow[] {
  const waiting = new Map<string, number>()
  const positions = new Map<string, number>()
  for (const r of [...rows]
    .filter((r) => r.status === 'waitlisted')
    .sort((a, b) => (a.waitlistTicket ?? 0) - (b.waitlistTicket ?? 0))) {
    const next = (waiting.get(r.sessionId) ?? 0) + 1
    waiting.set(r.sessionId, next)
    positions.set(r.id, next)
  }
  return rows.map((r) => ({
    id: r.id,
    sessionId: r.sessionId,
    name: r.name,
    email: r.email,
    phone: r.phone,
    seats: r.seats,
    status: r.status,
    position: positions.get(r.id) ?? null,
    ageGroup: r.ageGroup,
    source: r.source,
    registeredBy: r.registeredBy,
    code: r.code,
    createdAt: r.createdAt,
    checkedInAt: r.checkedInAt,
    calledAt: r.calledAt,
    erased: r.erasedAt !== null,
  }))
}

/**
 * The organiser's search: a registration number finds exactly that registration, a phone number (in any spelling)
 * that family; anything else is looked for in names, e-mails and phones.
 */
function matches(row: RegistrantRow, q: string): boolean {
  const needle = q.trim().toLocaleLowerCase('bg')
  if (!needle) return true
  const code = registrationCodeFrom(needle)
  if (code) return row.code === code
  const phone = toBulgarianE164(needle)
  if (phone) return row.phone === phone
  if (row.phone && /^[\d\s+-]{3,}$/.test(needle)) {
    const typed = needle.replace(/[\s-]/g, '')
    if (row.phone.includes(typed) || formatBulgarianPhone(row.phone).replace(/\s/g, '').includes(typed)) return true
  }
  return [row.name, row.email, row.phone].some((v) => v?.toLocaleLowerCase('bg').includes(needle))
}

/** Counts per date, the registrant list (optionally searched), anonymous age-group counts. */
export async function eventDashboard(
  actor: Actor | null,
  slug: string,
  filter: { q?: string; sessionId?: string; status?: RegistrationRow['status'] } = {},
): Promise<Dashboard> {
  const event = await loadManagedEvent(actor, slug)
  const [sessions, rows] = await Promise.all([
    db.select().from(eventSessions).where(eq(eventSessions.eventId, event.id)).orderBy(asc(eventSessions.startsAt)),
    listRegistrations(eq(eventRegistrations.eventId, event.id), asc(eventRegistrations.createdAt)),
  ])
  const registrants = withPositions(rows)
  const counts = sessions.map((session) => {
    const mine = rows.filter((r) => r.sessionId === session.id)
    const confirmed = mine.filter((r) => r.status === 'confirmed')
    const present = confirmed.filter((r) => r.checkedInAt)
    return {
      session,
      confirmedRegistrations: confirmed.length,
      confirmedSeats: session.confirmedSeats,
      waitlisted: mine.filter((r) => r.status === 'waitlisted').length,
      cancelled: mine.filter((r) => r.status === 'cancelled').length,
      checkedIn: present.length,
      checkedInSeats: present.reduce((sum, r) => sum + r.seats, 0),
      freeSeats: Math.max(0, session.capacity - session.confirmedSeats),
    }
  })
  const active = rows.filter((r) => r.status !== 'cancelled')
  const ageGroups = AGE_GROUPS.map((group) => ({
    group,
    count: active.filter((r) => r.ageGroup === group).length,
  })).filter((g) => g.count > 0)
  return {
    event,
    sessions: counts,
    registrants: registrants.filter(
      (r) =>
        (!filter.sessionId || r.sessionId === filter.sessionId) &&
        (!filter.status || r.status === filter.status) &&
        matches(r, filter.q ?? ''),
    ),
    ageGroups,
    erasureDate: erasureDateOf(event, sessions),
  }
}

/** The token inside a scanned QR link (…/registrations/<token>) or a bare token. */
export function tokenFromScan(input: string): string | null {
  const value = input.trim()
  const fromUrl = /\/registrations\/([A-Za-z0-9_-]{20,})/.exec(value)
  if (fromUrl) return fromUrl[1]
  return /^[A-Za-z0-9_-]{30,}$/.test(value) ? value : null
}

/**
 * Confirmed registrations for the check-in desk: by registration number, phone, name or e-mail, or exactly the one
 * whose QR was scanned.
 */
export async function checkInList(actor: Actor | null, slug: string, filter: { q?: string; sessionId?: string } = {}) {
  const event = await loadManagedEvent(actor, slug)
  const token = filter.q ? tokenFromScan(filter.q) : null
  const rows = await listRegistrations(
    and(
      eq(eventRegistrations.eventId, event.id),
      eq(eventRegistrations.status, 'confirmed'),
      filter.sessionId ? eq(eventRegistrations.sessionId, filter.sessionId) : undefined,
      token ? holdsToken(token) : undefined,
    ),
    asc(eventRegistrations.name),
  )
  const all = withPositions(rows)
  const list = token ? all : all.filter((r) => matches(r, filter.q ?? ''))
  const sessions = await db
    .select()
    .from(eventSessions)
    .where(eq(eventSessions.eventId, event.id))
    .orderBy(asc(eventSessions.startsAt))
  return {
    event,
    sessions,
    registrants: list,
    present: all.filter((r) => r.checkedInAt).length,
    confirmed: all.length,
    /** The search was a scanned link: it is not shown back (the token is the registrant's key). */
    scanned: token !== null,
  }
}

/** All registrations of an event as CSV; Bulgarian files use ';' so Bulgarian Excel opens them in columns. */
export async function registrationsCsv(
  actor: Actor | null,
  slug: string,
  locale: Locale,
): Promise<{ filename: string; body: string }> {
  const { event, sessions, registrants } = await eventDashboard(actor, slug)
  const t = (key: string) => translate(locale, key)
  const startOf = new Map(sessions.map((s) => [s.session.id, s.session.startsAt]))
  const header = [
    'session',
    'name',
    'email',
    'phone',
    'seats',
    'status',
    'position',
    'ageGroup',
    'registeredAt',
    'checkedInAt',
    'source',
    'registeredBy',
    'code',
  ].map((k) => t(`events.csv.${k}`))
  const rows = registrants.map((r) => [
    formatDateTime(locale, startOf.get(r.sessionId)!),
    r.erased ? t('events.manage.erased') : r.name,
    r.email,
    r.phone ? formatBulgarianPhone(r.phone) : '',
    r.seats,
    t(`events.registration.${r.status}`),
    r.position,
    r.ageGroup ? t(`events.ageGroup.${r.ageGroup}`) : '',
    formatDateTime(locale, r.createdAt),
    r.checkedInAt ? formatDateTime(locale, r.checkedInAt) : '',
    t(`events.manage.source.${r.source}`),
    r.registeredBy,
    r.code,
  ])
  return {
    filename: `${t('events.csv.filename')}-${event.slug}.csv`,
    body: toCsv([header, ...rows], locale === 'bg' ? ';' : ','),
  }
}
