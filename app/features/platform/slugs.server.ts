import { eq, like, or } from 'drizzle-orm'
import type { PgColumn } from 'drizzle-orm/pg-core'

import type { DbOrTx } from '../../../db/client.server'
import { latinWords } from '../../../search/transliteration'

const SLUG_MAX = 80

/**
 * A readable URL slug from a title in Bulgarian or English, in the official transliteration: «Ден на отворените
 * врати» → den-na-otvorenite-vrati; a long title is cut at a word boundary; `fallback` when nothing readable is left.
 */
export function slugify(title: string, fallback: string): string {
  const full = latinWords(title)
    .join('-')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  if (full.length <= SLUG_MAX) return full || fallback
  const cut = full.slice(0, SLUG_MAX)
  return cut.slice(0, Math.max(cut.lastIndexOf('-'), 20))
}

/**
 * A new row's slug (events, teams, practices): the title's slug, or with `-2`, `-3` … the first one no row of
 * `column`'s table holds; a `reserved` word (a page of the section, such as `new`) is never taken as it is.
 */
export async function uniqueSlug(
  runner: DbOrTx,
  column: PgColumn,
  title: string,
  rules: { fallback: string; reserved: ReadonlySet<string> },
): Promise<string> {
  const base = slugify(title, rules.fallback)
  const taken = await runner
    .select({ slug: column })
    .from(column.table)
    .where(or(eq(column, base), like(column, `${base}-%`)))
  const used = new Set([...taken.map((r) => String(r.slug)), ...rules.reserved])
  if (!used.has(base)) return base
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`
}
