import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm'

import { db, type DbOrTx } from '../../../db/client.server'
import { users } from '../../../db/schema'
import { escapeHtml } from '../platform/page-html.server'
import { escapeLike } from '../platform/sql.server'
import type { RichTextDoc } from '../richtext/document'
import {
  docMentionIds,
  mapDocTexts,
  mentionTokenIds,
  renderMentions,
  tokenizeMentions,
  typedMentionNames,
  type Mentionable,
} from './mentions'
import { approvedPeople, type PersonChoice } from './people.server'
import { requirePermission, type Actor } from './permissions'

/**
 * The approved colleagues a text can mention: those named after an @, those already tokenised, and
 * those picked by id. Of two colleagues with one name, a picked one comes first, then the newer account.
 */
export async function mentionableIn(
  runner: DbOrTx,
  texts: readonly string[],
  pickedIds: readonly string[] = [],
): Promise<Mentionable[]> {
  const names = [...new Set(texts.flatMap(typedMentionNames))]
  const ids = [...new Set([...texts.flatMap(mentionTokenIds), ...pickedIds])]
  if (names.length === 0 && ids.length === 0) return []
  const conditions = []
  if (names.length) conditions.push(inArray(sql`lower(${users.name})`, names))
  if (ids.length) conditions.push(inArray(users.id, ids))
  const found = await runner
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.status, 'approved'), or(...conditions)))
    .orderBy(desc(users.createdAt))
    .limit(200)
  const picked = new Set(pickedIds)
  return [...found.filter((u) => picked.has(u.id)), ...found.filter((u) => !picked.has(u.id))]
}

export interface MentionedDoc {
  doc: RichTextDoc
  userIds: string[]
  /** Names of the people the tokens name, for the guard's view of the text. */
  names: Map<string, string>
  /** Picked colleagues (approved), whether or not the text names them. */
  pickedIds: string[]
}

/**
 * A document with each typed @name of an approved colleague turned into a mention token (picked colleagues win a shared
 * name).
 */
export async function tokenizeDocMentions(
  runner: DbOrTx,
  doc: RichTextDoc,
  pickedIds: readonly string[] = [],
): Promise<MentionedDoc> {
  const texts: string[] = []
  mapDocTexts(doc, (t) => (texts.push(t), t))
  const people = await mentionableIn(runner, texts, pickedIds)
  const ids = new Set<string>()
  const tokenized = mapDocTexts(doc, (t) => {
    const out = tokenizeMentions(t, people)
    for (const id of out.userIds) ids.add(id)
    return out.text
  })
  const picked = new Set(pickedIds)
  return {
    doc: tokenized,
    userIds: [...ids],
    names: new Map(people.map((p) => [p.id, p.name])),
    pickedIds: people.filter((p) => picked.has(p.id)).map((p) => p.id),
  }
}

/** Current names of the given users (any status: a former colleague is still named). */
export async function mentionNames(runner: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map()
  const rows = await runner
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, [...new Set(ids)]))
  return new Map(rows.map((r) => [r.id, r.name]))
}

export interface MentionedPeople {
  /** A document as people read it: each mention token shown as @current name. */
  doc<D extends RichTextDoc | null>(doc: D): D
  text(text: string): string
  /** Stored HTML as people read it (the name escaped). */
  html(html: string): string
}

/** The names of everyone mentioned in these documents and texts (one query, none when nobody is). */
export async function mentionedPeople(
  docs: readonly (RichTextDoc | null)[],
  texts: readonly string[] = [],
  runner: DbOrTx = db,
): Promise<MentionedPeople> {
  const ids = [...docs.flatMap((d) => (d ? docMentionIds(d) : [])), ...texts.flatMap(mentionTokenIds)]
  const names = await mentionNames(runner, ids)
  const text = (t: string) => renderMentions(t, names)
  const escaped = new Map([...names].map(([id, name]) => [id, escapeHtml(name)]))
  return { text, doc: (d) => (d ? mapDocTexts(d, text) : d), html: (h) => renderMentions(h, escaped) }
}

/** Documents as people read them. */
export async function renderDocMentions<D extends RichTextDoc | null>(
  docs: readonly D[],
  runner: DbOrTx = db,
): Promise<D[]> {
  const people = await mentionedPeople(docs, [], runner)
  return docs.map((d) => people.doc(d))
}

export type MentionSuggestion = PersonChoice

/** Autocomplete for @mentions: approved colleagues whose first or last name starts with the query. */
export async function suggestMentions(actor: Actor, query: string): Promise<MentionSuggestion[]> {
  requirePermission(actor, 'case:reply')
  const q = query.trim().replace(/^@/, '').slice(0, 60)
  if (!q) return []
  const pattern = escapeLike(q.toLocaleLowerCase('bg'))
  return approvedPeople(
    db,
    or(sql`lower(${users.name}) like ${`${pattern}%`}`, sql`lower(${users.name}) like ${`% ${pattern}%`}`),
  )
    .orderBy(asc(users.name))
    .limit(8)
}
