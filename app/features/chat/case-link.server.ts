import { inArray } from 'drizzle-orm'

import { db } from '../../../db/client.server'
import { caseThreads } from '../../../db/schema'
import { caseTitleFor } from '../cases/access.server'
import { getCaseForActor } from '../cases/cases.server'
import type { Actor } from '../identity/permissions'
import { chatRefusal } from './errors'

export interface LinkedCase {
  id: string
  code: string
  /** null: the case's opening post is hidden from this reader. */
  title: string | null
  authorId: string
  status: string
}

/** The case a new room is for, through the cases feature (its permission check included). */
export async function caseForNewRoom(actor: Actor, code: string): Promise<LinkedCase> {
  try {
    const found = await getCaseForActor(actor, code)
    return { id: found.id, code: found.code, title: found.title, authorId: found.authorId, status: found.status }
  } catch (error) {
    if (error instanceof Response && error.status === 404)
      throw chatRefusal('chat.error.caseNotFound', { field: 'caseCode' })
    throw error
  }
}

/**
 * Code, title (as this reader may see it) and author of the cases rooms point at, for labels and
 * the "case author may invite" rule. The one read of case_threads outside the cases feature: a batch lookup by id it
 * does not offer.
 */
export async function findCasesByIds(actor: Actor, ids: readonly string[]): Promise<Map<string, LinkedCase>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .select({
      id: caseThreads.id,
      code: caseThreads.code,
      title: caseThreads.title,
      hiddenAt: caseThreads.hiddenAt,
      authorId: caseThreads.authorId,
      status: caseThreads.status,
    })
    .from(caseThreads)
    .where(inArray(caseThreads.id, [...new Set(ids)]))
  return new Map(
    rows.map(({ hiddenAt, ...r }) => [r.id, { ...r, title: caseTitleFor(actor, { title: r.title, hiddenAt }) }]),
  )
}
