import type { Role } from '../../../db/schema/identity'

export interface Actor {
  id: string
  role: Role
  institutionId: string
  teamId: string | null
}

const ALL: readonly Role[] = ['admin', 'coordinator', 'trainer', 'staff']
const LEADS: readonly Role[] = ['admin', 'coordinator']

/**
 * Who may do what, by role. Rules that depend on the resource (ownership, membership) are in
 * RESOURCE_RULES below; an action listed there is allowed when the role row OR the rule says so.
 */
export const ROLE_PERMISSIONS = {
  'admin:access': ['admin'],
  'institution:manage': ['admin'],
  'team:manage': LEADS,
  'team:read': ALL,
  'team:recognise': LEADS,
  'round:record': LEADS,
  'round:read-all': LEADS,
  'user:manage': ['admin'],
  'user:approve': LEADS,
  /** Anonymise a disabled or rejected account (identity/erasure.server.ts). */
  'user:erase': ['admin'],
  'session:revoke': ['admin'],
  'outbox:read': ['admin'],
  'audit:read': ['admin'],
  'backup:read': ['admin'],
  'coordination:access': LEADS,
  'staff:access': ALL,
  'case:read': ALL,
  'case:create': ALL,
  'case:reply': ALL,
  'case:flag': ALL,
  'case:moderate': LEADS,
  'case:viewers': LEADS,
  /** Delete a post's earlier versions (edit history): they may keep personal data the post no longer shows. */
  'case:erase-history': LEADS,
  'case:edit': LEADS,
  'case:accept': LEADS,
  'case:assign-team': ALL,
  'case:close-override': LEADS,
  'case-action:create': LEADS,
  'case-action:update': LEADS,
  'case-action:answer': LEADS,
  'case-action:indicators': LEADS,
  'privacy:override': LEADS,
  'practice:create': ALL,
  'practice:edit': LEADS,
  'practice:publish': LEADS,
  /** Delete a practice's earlier versions: they may keep personal data the current version no longer shows. */
  'practice:erase-history': LEADS,
  'practice:mark-useful': ALL,
  'course:create': ['admin', 'trainer'],
  'course:edit': ['admin'],
  'course:assign': LEADS,
  'course:learn': ALL,
  'course:analytics': ['admin', 'coordinator'],
  'event:create': LEADS,
  'event:manage': LEADS,
  /** Register a family on its behalf for a public event (a mediator, a social worker sitting with the family). */
  'event:register-family': ALL,
  'chat:use': ALL,
  'chat:create': ALL,
  'chat:moderate': LEADS,
  'foreign-round:manage': LEADS,
  'report:read': LEADS,
} satisfies Record<string, readonly Role[]>

export type Action = keyof typeof ROLE_PERMISSIONS
export const ACTIONS = Object.keys(ROLE_PERMISSIONS) as Action[]

/** The resource fields rules look at; features pass their own rows. */
export interface OwnedResource {
  authorId?: string | null
  ownerId?: string | null
  institutionId?: string | null
  memberIds?: readonly string[]
  /** Institutions involved (a case's). */
  institutionIds?: readonly string[]
}

const ownedBy = (actor: Actor, resource?: OwnedResource) =>
  !!resource && (resource.authorId === actor.id || resource.ownerId === actor.id)

const ofMyInstitution = (actor: Actor, resource?: OwnedResource) =>
  !!resource && resource.institutionId === actor.institutionId

export const RESOURCE_RULES: Partial<Record<Action, (actor: Actor, resource?: OwnedResource) => boolean>> = {
  'case:edit': ownedBy,
  // The case's author and the staff of its institutions plan actions on it.
  'case-action:create': (actor, resource) =>
    ownedBy(actor, resource) || !!resource?.institutionIds?.includes(actor.institutionId),
  // An action: its owner (the person, or the owning institution's staff) and whoever created it.
  'case-action:update': (actor, resource) => ownedBy(actor, resource) || ofMyInstitution(actor, resource),
  // A retention check: the school it is for.
  'case-action:answer': ofMyInstitution,
  'case:accept': ownedBy,
  'practice:edit': ownedBy,
  'course:edit': (actor, resource) => actor.role === 'trainer' && ownedBy(actor, resource),
  'course:analytics': (actor, resource) => actor.role === 'trainer' && ownedBy(actor, resource),
  'event:manage': ownedBy,
  // A team's members record its field rounds; the author edits a round (for 7 days, checked by the feature).
  'round:record': (actor, resource) => !!resource?.memberIds?.includes(actor.id) || ownedBy(actor, resource),
}

export function can(actor: Actor | null | undefined, action: Action, resource?: OwnedResource): boolean {
  if (!actor) return false
  if ((ROLE_PERMISSIONS[action] as readonly Role[]).includes(actor.role)) return true
  const rule = RESOURCE_RULES[action]
  return rule ? rule(actor, resource) : false
}

/** Throws 403 (401-style redirect is the route's job via signedIn) unless the actor may act. */
export function requirePermission(
  actor: Actor | null | undefined,
  action: Action,
  resource?: OwnedResource,
): asserts actor is Actor {
  if (!can(actor, action, resource)) {
    throw new Response('Forbidden', { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } })
  }
}
