import { eq, inArray } from 'drizzle-orm'
import { db } from '../../../db/client.server'
import { caseThreads } from '../../../db/schema'

export interface LinkedCase {
  id: string
  code: string
  title: string
  authorId: string
  status: string
}

const columns = { id: caseThreads.id, code: caseThreads.code, title: caseThreads.title, authorId: caseThreads.authorId, status: caseThreads.status }

/** The case a room belongs to, by its code (what staff type and see). */
export async function findCaseByCode(code: string): Promise<LinkedCase | null> {
  const [row] = await db.select(columns).from(caseThreads).where(eq(caseThreads.code, code.trim())).limit(1)
  return row ?? null
}

export async function findCasesByIds(ids: readonly string[]): Promise<Map<string, LinkedCase>> {
  if (ids.length === 0) return new Map()
  const rows = await db.select(columns).from(caseThreads).where(inArray(caseThreads.id, [...new Set(ids)]))
  return new Map(rows.map((r) => [r.id, r]))
}
