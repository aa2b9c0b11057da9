import { asc, eq, sql } from 'drizzle-orm'

import { db } from '../../../db/client.server'
import { institutions, teams, users } from '../../../db/schema'
import type { InstitutionKind } from '../../../db/schema/identity'
import { recordAudit } from '../audit/audit.server'
import { Refusal } from '../platform/refusal.server'
import { isUniqueViolation } from '../platform/sql.server'
import { requirePermission, type Actor } from './permissions'

/** Public list for the sign-up form and filters. */
const institutionColumns = {
  id: institutions.id,
  name: institutions.name,
  kind: institutions.kind,
  districtCode: institutions.districtCode,
}

export async function listInstitutions() {
  return db.select(institutionColumns).from(institutions).orderBy(asc(institutions.name))
}

export async function listTeams() {
  return db
    .select({ id: teams.id, slug: teams.slug, name: teams.name, districtCodes: teams.districtCodes })
    .from(teams)
    .orderBy(asc(teams.name))
}

export async function listInstitutionsWithCounts(actor: Actor) {
  requirePermission(actor, 'institution:manage')
  return db
    .select({
      ...institutionColumns,
      members: sql<number>`(select count(*)::int from ${users} where ${users.institutionId} = ${institutions.id})`,
    })
    .from(institutions)
    .orderBy(asc(institutions.name))
}

export interface InstitutionInput {
  name: string
  kind: InstitutionKind
  districtCode: string | null
}

export async function saveInstitution(actor: Actor, input: InstitutionInput, id?: string) {
  requirePermission(actor, 'institution:manage')
  return saveNamed(actor, 'institution', id, () =>
    id
      ? db.update(institutions).set(input).where(eq(institutions.id, id)).returning({ id: institutions.id })
      : db.insert(institutions).values(input).returning({ id: institutions.id }),
  )
}

const NAME_TAKEN = { institution: 'admin.institutions.nameTaken' } as const

/** Writes an institution (a name that is taken is refused on the name field) and audits it. */
async function saveNamed(
  actor: Actor,
  target: 'institution',
  id: string | undefined,
  write: () => Promise<{ id: string }[]>,
) {
  try {
    const [row] = await write()
    if (!row) throw new Response('Not found', { status: 404 })
    await recordAudit(db, {
      actorId: actor.id,
      action: `${target}.${id ? 'updated' : 'created'}`,
      targetType: target,
      targetId: row.id,
    })
    return row
  } catch (error) {
    if (isUniqueViolation(error)) throw new Refusal(NAME_TAKEN[target], { field: 'name' })
    throw error
  }
}
