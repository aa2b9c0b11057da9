import { casesByIds, getCaseForActor } from '../cases/cases.server'
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
 * the "case author may invite" rule, through the cases feature.
 */
export async function findCasesByIds(actor: Actor, ids: readonly string[]): Promise<Map<string, LinkedCase>> {
  const found = await casesByIds(actor, ids)
  return new Map(
    found.map((c) => [c.id, { id: c.id, code: c.code, title: c.title, authorId: c.authorId, status: c.status }]),
  )
}
