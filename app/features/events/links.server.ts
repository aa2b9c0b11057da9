import { inArray, sql, type Placeholder, type SQL } from 'drizzle-orm'

import type { DbOrTx } from '../../../db/client.server'
import { eventRegistrationLinks, eventRegistrations } from '../../../db/schema/events'
import { hashToken, newToken } from '../identity/tokens.server'
import { deleteRegistrationEmails } from '../notifications/mail.server'

/**
 * A registrant's link (/registrations/<token>): the token goes into the redirect or the e-mail, only
 * its hash is stored (as with sessions and password resets). Every e-mail carries a link of its own,
 * so a later e-mail (promotion, reminder, a repeated registration) never invalidates an earlier one.
 */
export interface RegistrationLink {
  token: string
  tokenHash: string
  registrationId: string
}

export function newRegistrationLink(registrationId: string): RegistrationLink {
  const token = newToken(24)
  return { token, tokenHash: hashToken(token), registrationId }
}

export async function storeLinks(runner: DbOrTx, links: RegistrationLink[]) {
  if (links.length === 0) return
  await runner
    .insert(eventRegistrationLinks)
    .values(links.map(({ tokenHash, registrationId }) => ({ tokenHash, registrationId })))
}

/** A new link for an e-mail about an existing registration; returns the token to put in it. */
export async function issueRegistrationLink(runner: DbOrTx, registrationId: string): Promise<string> {
  const link = newRegistrationLink(registrationId)
  await storeLinks(runner, [link])
  return link.token
}

/** Matches the registration a link's token opens (looked up by the token's hash). */
export const holdsToken = (token: string): SQL => holdsTokenHash(hashToken(token))

/** Matches the registration a link opens by the token's hash: a value, or a prepared statement's placeholder. */
export function holdsTokenHash(tokenHash: string | Placeholder): SQL {
  return sql`${eventRegistrations.id} = (
    SELECT l.registration_id FROM event_registration_links l WHERE l.token_hash = ${tokenHash}
  )`
}

/**
 * Erases registrants' personal data: name, e-mail, phone, every link and every e-mail about the
 * registration (sent or waiting). Seats, status, age group and attendance stay as anonymous counts.
 */
export async function erasePersonalData(runner: DbOrTx, registrationIds: string[], now: Date) {
  if (registrationIds.length === 0) return
  await runner
    .update(eventRegistrations)
    .set({ name: null, email: null, phone: null, erasedAt: now })
    .where(inArray(eventRegistrations.id, registrationIds))
  await runner.delete(eventRegistrationLinks).where(inArray(eventRegistrationLinks.registrationId, registrationIds))
  await deleteRegistrationEmails(runner, registrationIds)
}
