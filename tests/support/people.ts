import type { Role } from '../../db/schema/identity'
import { makeInstitution, makeUser } from '../../seed/builders/identity'
import { db } from './database'
import { sessionCookieFor } from './http'

/** A colleague at a school of their own in Lyulin, signed in: the user, the institution and a Cookie header. */
export async function signedInColleague(role: Role = 'staff', name?: string) {
  const institution = await makeInstitution(db, { kind: 'school', districtCode: 'lyulin' })
  const user = await makeUser(db, { role, institutionId: institution.id, ...(name ? { name } : {}) })
  return { user, institution, cookie: await sessionCookieFor(user.id) }
}
