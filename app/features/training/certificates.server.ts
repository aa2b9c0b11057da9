import { randomBytes } from 'node:crypto'

import { desc, eq } from 'drizzle-orm'

import { db, type DbOrTx, type Tx } from '../../../db/client.server'
import { certificates } from '../../../db/schema'
import type { Locale } from '../../../db/schema/identity'

// Crockford's base32: no I, L, O or U, so a code read aloud or typed from paper is unambiguous.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** 12 random characters (60 bits) in three groups, e.g. `7KQ2-M9XD-4RTP`. */
export function newCertificateCode(): string {
  const bytes = randomBytes(12)
  const chars = [...bytes].map((b) => ALPHABET[b % 32]).join('')
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`
}

/** What people type: lower case, spaces, O for 0 — normalised before lookup. */
export function normaliseCertificateCode(input: string): string {
  const clean = input
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
  return clean.length === 12 ? `${clean.slice(0, 4)}-${clean.slice(4, 8)}-${clean.slice(8, 12)}` : clean
}

export interface IssueInput {
  enrolmentId: string
  userId: string
  courseId: string
  versionNumber: number
  learnerName: string
  courseTitle: string
  language: Locale
}

/** One certificate per enrolment; a second call returns the first. */
export async function issueCertificate(tx: Tx, input: IssueInput) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const [row] = await tx
      .insert(certificates)
      .values({ ...input, code: newCertificateCode() })
      .onConflictDoNothing()
      .returning()
    if (row) return row
    const [existing] = await tx.select().from(certificates).where(eq(certificates.enrolmentId, input.enrolmentId))
    if (existing) return existing
    // Otherwise the random code collided with another certificate's: draw again.
  }
  throw new Error('could not draw a unique certificate code')
}

/**
 * An erased account's certificates keep their code, course, version and date, so the paper the person holds can still
 * be checked, but no longer the name (an empty `learnerName`: the check page says the name was erased).
 */
export async function eraseLearnerNames(runner: DbOrTx, userId: string) {
  await runner.update(certificates).set({ learnerName: '' }).where(eq(certificates.userId, userId))
}

/** The public verification: only what the certificate states, never the learner's account. */
export async function findCertificate(code: string) {
  const [row] = await db
    .select({
      code: certificates.code,
      learnerName: certificates.learnerName,
      courseTitle: certificates.courseTitle,
      versionNumber: certificates.versionNumber,
      language: certificates.language,
      issuedAt: certificates.issuedAt,
    })
    .from(certificates)
    .where(eq(certificates.code, normaliseCertificateCode(code)))
  return row ?? null
}

export type PublicCertificate = NonNullable<Awaited<ReturnType<typeof findCertificate>>>

export async function listUserCertificates(userId: string) {
  return db
    .select({
      code: certificates.code,
      courseId: certificates.courseId,
      courseTitle: certificates.courseTitle,
      versionNumber: certificates.versionNumber,
      issuedAt: certificates.issuedAt,
    })
    .from(certificates)
    .where(eq(certificates.userId, userId))
    .orderBy(desc(certificates.issuedAt))
}
