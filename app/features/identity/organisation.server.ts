import { asc, eq, sql } from 'drizzle-orm'

import { db } from '../../../db/client.server'
import { institutions, teams, users } from '../../../db/schema'
import type { InstitutionKind } from '../../../db/schema/identity'
import { recordAudit } from '../audit/audit.server'
import { Refusal } from '../platform/refusal.server'
import { requirePermission, type Actor } from './permissions'

/** Public list for the sign-up form and filters. */
export async function listInstitutions() {
  return db
    .select({
      id: institutions.id,
      name: institutions.name,
      kind: institutions.kind,
      districtCode: institutions.districtCode,
    })
    .from(institutions)
    .orderBy(asc(institutions.name))
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
      id: institutions.id,
      name: institutions.name,
      kind: institutions.kind,
      districtCode: institutions.districtCode,
      members: sql<number>`(select count(*)::int from ${users} where ${users.institutionId} = ${institutions.id})`,
    })
    .from(institutions)
    .orderBy(asc(institutions.name))
}

function isUniqueViolation(error: unknown) {
  const e = error as { code?: string; cause?: { code?: string } }
  return e?.code === '23505' || e?.cause?.code === '23505'
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
