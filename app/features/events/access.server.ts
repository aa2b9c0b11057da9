import type { EventKind } from '../../../db/schema/events'
import type { InstitutionKind } from '../../../db/schema/identity'
import { listInstitutions } from '../identity/organisation.server'
import { can, type Actor } from '../identity/permissions'
import { forbidden } from '../platform/http.server'

export interface ManagedEventFacts {
  kind: EventKind
  createdBy: string | null
  organiserInstitutionId: string
}

const SCHOOL_KINDS: readonly InstitutionKind[] = ['school', 'kindergarten']

/**
 * Coordinators and admins manage every event, a creator their own, and staff of a school or
 * kindergarten the open days their institution organises.
 */
export function canManageEvent(actor: Actor | null | undefined, event: ManagedEventFacts): boolean {
  if (!actor) return false
  if (can(actor, 'event:manage', { ownerId: event.createdBy })) return true
  return event.kind === 'open_day' && event.organiserInstitutionId === actor.institutionId
}

export function requireEventManager(actor: Actor | null | undefined, event: ManagedEventFacts): asserts actor is Actor {
  if (!canManageEvent(actor, event)) forbidden()
}

export interface CreateRights {
  /** Institutions the actor may name as organiser. */
  organisers: { id: string; name: string; districtCode: string | null }[]
  kinds: readonly EventKind[]
}

/**
 * What an actor may create: leads anything for any institution; school staff open days of their school; others nothing.
 */
export async function eventCreateRights(actor: Actor | null | undefined): Promise<CreateRights | null> {
  if (!actor) return null
  const institutions = await listInstitutions()
  if (can(actor, 'event:create')) {
    return { organisers: institutions, kinds: ['forum_meeting', 'training', 'open_day', 'other'] }
  }
  const own = institutions.find((i) => i.id === actor.institutionId)
  if (own && SCHOOL_KINDS.includes(own.kind)) return { organisers: [own], kinds: ['open_day'] }
  return null
}

export async function requireCreateRights(
  actor: Actor | null | undefined,
  wanted?: { kind: EventKind; organiserInstitutionId: string },
): Promise<CreateRights> {
  const rights = await eventCreateRights(actor)
  if (!rights) forbidden()
  if (
    wanted &&
    (!rights.kinds.includes(wanted.kind) || !rights.organisers.some((o) => o.id === wanted.organiserInstitutionId))
  )
    forbidden()
  return rights
}
