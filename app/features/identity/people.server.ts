import { and, eq, inArray, type SQL } from 'drizzle-orm'

import type { DbOrTx } from '../../../db/client.server'
import { institutions, users } from '../../../db/schema'
import { RESOURCE_RULES, ROLE_PERMISSIONS, type Action } from './permissions'

/** A colleague as the pickers list them. */
export interface PersonChoice {
  id: string
  name: string
  institutionName: string
}

/**
 * Approved colleagues with the name of their institution, narrowed by `where` (the caller orders and limits): whom
 * one may invite to a room, mention, give an action or add to a team.
 */
export function approvedPeople(runner: DbOrTx, where?: SQL) {
  return runner
    .select({ id: users.id, name: users.name, institutionName: institutions.name })
    .from(users)
    .innerJoin(institutions, eq(institutions.id, users.institutionId))
    .where(and(eq(users.status, 'approved'), where))
}

/**
 * SQL: the user's role may do `action` by ROLE_PERMISSIONS, as `can(user, action)` says, for statements that pick
 * people by it (who is told of a sign-up or a flag, whose header counts approvals). Not for an action whose answer
 * depends on the resource.
 */
export function roleMay(action: Action): SQL {
  if (RESOURCE_RULES[action]) throw new Error(`roleMay: ${action} depends on the resource`)
  return inArray(users.role, [...ROLE_PERMISSIONS[action]])
}
