import { eq, sql } from 'drizzle-orm'

import { db } from '../../../db/client.server'
import {
  FOREIGN_COUNT_FIELDS,
  foreignSchoolAnswers,
  foreignSchoolRounds,
  foreignSchools,
} from '../../../db/schema/foreign-schools'
import { hashToken } from '../identity/tokens.server'
import { notFound } from '../platform/http.server'
import { Refusal } from '../platform/refusal.server'
import { enforcePrivacy, type WriteOptions } from '../privacy/guard.server'
import type { Counts } from './rounds.server'
import type { AnswerInput } from './schemas'

/** What a school's link opens: its name, the round and its current answer. An unknown or dropped link is a 404. */
export async function answerPageByToken(token: string) {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) notFound()
  const [row] = await db
    .select({ school: foreignSchools, round: foreignSchoolRounds, answer: foreignSchoolAnswers })
    .from(foreignSchools)
    .innerJoin(foreignSchoolRounds, eq(foreignSchoolRounds.id, foreignSchools.roundId))
    .leftJoin(foreignSchoolAnswers, eq(foreignSchoolAnswers.schoolId, foreignSchools.id))
    .where(eq(foreignSchools.tokenHash, hashToken(token)))
  if (!row) notFound()
  return {
    schoolId: row.school.id,
    schoolName: row.school.name,
    round: {
      title: row.round.title,
      periodStart: row.round.periodStart,
      periodEnd: row.round.periodEnd,
      open: row.round.status === 'open',
    },
    answer: row.answer
      ? {
          counts: Object.fromEntries(FOREIGN_COUNT_FIELDS.map((f) => [f, row.answer![f]])) as Counts,
          comment: row.answer.comment,
          updatedAt: row.answer.updatedAt,
        }
      : null,
  }
}

/**
 * A school's answer through its link, without an account: aggregate numbers only, the comment through
 * the privacy guard. A second submission replaces the first. Returns whether it was an update.
 */
export async function submitAnswer(
  token: string,
  input: AnswerInput,
  options: WriteOptions = {},
): Promise<{ updated: boolean }> {
  const page = await answerPageByToken(token)
  if (!page.round.open) throw new Refusal('foreign.error.closed', { status: 409 })
  // Nobody signed in: findings always block (no override without a coordinator's account).
  enforcePrivacy(null, { comment: input.comment }, options.privacyOverride ?? null)
  const counts = Object.fromEntries(FOREIGN_COUNT_FIELDS.map((f) => [f, input[f]])) as Counts
  const [row] = await db
    .insert(foreignSchoolAnswers)
    .values({ schoolId: page.schoolId, ...counts, comment: input.comment })
    .onConflictDoUpdate({
      target: foreignSchoolAnswers.schoolId,
      set: {
        ...counts,
        comment: input.comment,
        submissions: sql`${foreignSchoolAnswers.submissions} + 1`,
        updatedAt: sql`now()`,
      },
    })
    .returning({ submissions: foreignSchoolAnswers.submissions })
  return { updated: row.submissions > 1 }
}
