import { registerWithin } from '../../app/features/events/registration.server'
import { slugify } from '../../app/features/platform/slugs.server'
import type { DbOrTx, Tx } from '../../db/client.server'
import {
  events,
  eventSessions,
  type AgeGroup,
  type EventAudience,
  type EventKind,
  type EventStatus,
} from '../../db/schema/events'

let counter = 0
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`

const HOUR = 3600_000
const DAY = 24 * HOUR

export interface SessionSpec {
  startsAt?: Date
  endsAt?: Date
  capacity?: number
  maxSeatsPerRegistration?: number
}

/** An event with its sessions; defaults: a published open day next week, one session of 40 seats. */
export async function makeEvent(
  db: DbOrTx,
  input: {
    organiserInstitutionId: string
    createdBy?: string | null
    kind?: EventKind
    title?: string
    slug?: string
    status?: EventStatus
    audience?: EventAudience
    districtCode?: string | null
    locationAddress?: string
    descriptionText?: string
    retentionDays?: number
    sessions?: SessionSpec[]
  },
) {
  const title = input.title ?? `Ден на отворените врати ${unique()}`
  const [event] = await db
    .insert(events)
    .values({
      slug: input.slug ?? `${slugify(title, 'event')}-${unique()}`,
      kind: input.kind ?? 'open_day',
      title,
      descriptionText: input.descriptionText ?? '',
      organiserInstitutionId: input.organiserInstitutionId,
      districtCode: input.districtCode ?? null,
      locationAddress: input.locationAddress ?? 'ул. „Тестова“ 1, София',
      audience: input.audience ?? 'public',
      status: input.status ?? 'published',
      retentionDays: input.retentionDays ?? 30,
      createdBy: input.createdBy ?? null,
    })
    .returning()
  const specs = input.sessions ?? [{}]
  const sessions = []
  for (const [i, spec] of specs.entries()) {
    const startsAt = spec.startsAt ?? new Date(Date.now() + (7 + i) * DAY)
    const [session] = await db
      .insert(eventSessions)
      .values({
        eventId: event.id,
        startsAt,
        endsAt: spec.endsAt ?? new Date(startsAt.getTime() + 2 * HOUR),
        capacity: spec.capacity ?? 40,
        maxSeatsPerRegistration: spec.maxSeatsPerRegistration ?? 5,
      })
      .returning()
    sessions.push(session)
  }
  return { event, sessions }
}

/** A registration through the real seat logic (lock, waitlist, e-mail), in the caller's transaction. */
export async function makeRegistration(
  tx: Tx,
  input: {
    sessionId: string
    name?: string
    email?: string | null
    phone?: string | null
    seats?: number
    ageGroup?: AgeGroup | null
    now?: Date
  },
) {
  const outcome = await registerWithin(
    tx,
    {
      sessionId: input.sessionId,
      name: input.name ?? `Родител ${unique()}`,
      email: input.email === undefined ? `parent-${unique()}@example.bg` : input.email,
      phone: input.phone ?? null,
      seats: input.seats ?? 1,
      ageGroup: input.ageGroup ?? null,
      locale: 'bg',
    },
    { now: input.now },
  )
  if (outcome.kind !== 'registered') throw new Error('duplicate registration in a factory')
  return outcome
}

export const uniqueEmail = () => `reg-${unique()}@example.bg`

let phoneCounter = Math.floor(Math.random() * 1_000_000)
/** A Bulgarian mobile number not used by another test, written the way people type it: "0888 123 456". */
export const uniquePhone = () => {
  const digits = String((Date.now() + phoneCounter++ * 7919) % 10_000_000).padStart(7, '0')
  return `088${digits.slice(0, 1)} ${digits.slice(1, 4)} ${digits.slice(4)}`
}
