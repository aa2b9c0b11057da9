import { and, asc, eq, inArray, or, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../../db/client.server'
import { db } from '../../../db/client.server'
import { institutions, users } from '../../../db/schema'
import { requirePermission, type Actor } from '../identity/permissions'
import type { Span } from '../privacy/guard.server'
import { MENTION } from './mention-syntax'


export interface ResolvedMentions {
  userIds: string[]
  /** Where the @mentions are in the text: the privacy guard does not report colleagues' names. */
  spans: Span[]
}

interface Candidate {
  start: number
  words: string[]
}

function candidatesIn(text: string): Candidate[] {
  return [...text.matchAll(MENTION)].map((m) => ({ start: m.index!, words: m[1].split(/[ \u00A0]/) }))
}

const prefixes = (words: string[]) => words.map((_, i) => words.slice(0, i + 1).join(' '))

/**
 * The approved users mentioned in a text as @First Last (the longest name that matches wins),
 * plus users picked in the mention field by id.
 */
export async function resolveMentions(runner: DbOrTx, text: string, pickedIds: readonly string[] = []): Promise<ResolvedMentions> {
  const candidates = candidatesIn(text)
  const names = [...new Set(candidates.flatMap((c) => prefixes(c.words).map((n) => n.toLocaleLowerCase('bg'))))]
  if (names.length === 0 && pickedIds.length === 0) return { userIds: [], spans: [] }
  const conditions = []
  if (names.length) conditions.push(inArray(sql`lower(${users.name})`, names))
  if (pickedIds.length) conditions.push(inArray(users.id, [...pickedIds]))
  const found = await runner
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.status, 'approved'), or(...conditions)))
    .limit(200)
  const byName = new Map<string, string[]>()
  for (const u of found) {
    const key = u.name.toLocaleLowerCase('bg')
    byName.set(key, [...(byName.get(key) ?? []), u.id])
  }
  const ids = new Set(found.filter((u) => pickedIds.includes(u.id)).map((u) => u.id))
  const spans: Span[] = []
  for (const c of candidates) {
    const match = prefixes(c.words)
      .reverse()
      .find((n) => byName.has(n.toLocaleLowerCase('bg')))
    if (!match) continue
    for (const id of byName.get(match.toLocaleLowerCase('bg'))!) ids.add(id)
    spans.push({ start: c.start, end: c.start + 1 + match.length })
  }
  return { userIds: [...ids], spans }
}

export interface MentionSuggestion {
  id: string
  name: string
  institutionName: string
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

/** Autocomplete for @mentions: approved colleagues whose first or last name starts with the query. */
export async function suggestMentions(actor: Actor, query: string): Promise<MentionSuggestion[]> {
  requirePermission(actor, 'case:reply')
  const q = query.trim().replace(/^@/, '').slice(0, 60)
  if (!q) return []
  const pattern = escapeLike(q.toLocaleLowerCase('bg'))
  return db
    .select({ id: users.id, name: users.name, institutionName: institutions.name })
    .from(users)
    .innerJoin(institutions, eq(institutions.id, users.institutionId))
    .where(and(eq(users.status, 'approved'), or(sql`lower(${users.name}) like ${`${pattern}%`}`, sql`lower(${users.name}) like ${`% ${pattern}%`}`)))
    .orderBy(asc(users.name))
    .limit(8)
}
