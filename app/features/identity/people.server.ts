import { and, eq, type SQL } from 'drizzle-orm'

import type { DbOrTx } from '../../../db/client.server'
import { institutions, users } from '../../../db/schema'

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
