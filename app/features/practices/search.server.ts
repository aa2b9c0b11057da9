import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm'

import { db } from '../../../db/client.server'
import { practices } from '../../../db/schema'
import { PRACTICE_SECTIONS } from '../../../db/schema/practices'
import type { SearchDocument, SearchSource } from '../../../search/documents'

type Row = Pick<
  typeof practices.$inferSelect,
  | 'id'
  | 'slug'
  | 'title'
  | 'summary'
  | 'sectionTexts'
  | 'situationTags'
  | 'institutionKinds'
  | 'districts'
  | 'publishedAt'
  | 'usefulCount'
>

const columns = {
  id: practices.id,
  slug: practices.slug,
  title: practices.title,
  summary: practices.summary,
  sectionTexts: practices.sectionTexts,
  situationTags: practices.situationTags,
  institutionKinds: practices.institutionKinds,
  districts: practices.districts,
  publishedAt: practices.publishedAt,
  usefulCount: practices.usefulCount,
}

/** A published practice as the search index sees it: public, linked cases left out. */
export function practiceDocument(row: Row): SearchDocument {
  return {
    type: 'practice',
    id: row.id,
    visibility: 'public',
    title: row.title,
    summary: row.summary,
    body: PRACTICE_SECTIONS.map((s) => row.sectionTexts[s] ?? '')
      .filter(Boolean)
      .join('\n\n'),
    url: `/practices/${row.slug}`,
    tags: row.situationTags,
    districts: row.districts,
    institutionKinds: row.institutionKinds,
    date: row.publishedAt ? row.publishedAt.toISOString() : null,
    popularity: row.usefulCount,
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Only published practices are searchable; drafts, submissions and archived ones are removed from the index. */
export const practiceSearchSource: SearchSource = {
  async load(ids) {
    const valid = ids.filter((id) => UUID.test(id))
    if (valid.length === 0) return []
    const rows = await db
      .select(columns)
      .from(practices)
      .where(and(inArray(practices.id, valid), eq(practices.status, 'published')))
    return rows.map(practiceDocument)
  },
  async *all(batchSize) {
    let after = '00000000-0000-0000-0000-000000000000'
    for (;;) {
      const rows = await db
        .select(columns)
        .from(practices)
        .where(and(eq(practices.status, 'published'), gt(practices.id, after)))
        .orderBy(asc(practices.id))
        .limit(batchSize)
      if (rows.length === 0) return
      yield rows.map(practiceDocument)
      after = rows[rows.length - 1].id
    }
  },
  async count() {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(practices)
      .where(eq(practices.status, 'published'))
    return row?.n ?? 0
  },
}
