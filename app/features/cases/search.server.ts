import { asc, gt, sql } from 'drizzle-orm'

import { db, queryRows } from '../../../db/client.server'
import { caseThreads } from '../../../db/schema'
import type { SearchDocument, SearchSource } from '../../../search/documents'
import { MENTION_TOKEN } from '../identity/mentions'
import { caseUrl } from './codes'

const BODY_MAX = 60_000

interface CaseDocRow {
  id: string
  code: string
  title: string
  description: string
  replies: string | null
  district_code: string | null
  tags: string[]
  kinds: string[] | null
  created_at: Date | string
  reply_count: number
}

/**
 * Cases are staff-only documents; hidden posts are left out of the index (a hidden opening post takes the title with
 * it).
 */
async function loadRows(where: ReturnType<typeof sql>): Promise<SearchDocument[]> {
  const rows = await queryRows<CaseDocRow>(
    db,
    sql`SELECT c.id, c.code, CASE WHEN c.hidden_at IS NULL THEN c.title ELSE '' END AS title,
          CASE WHEN c.hidden_at IS NULL THEN c.description_text ELSE '' END AS description,
          (SELECT string_agg(r.body_text, E'\n\n' ORDER BY r.number) FROM case_replies r
            WHERE r.case_id = c.id AND r.hidden_at IS NULL) AS replies,
          c.district_code, c.tags, c.created_at, c.reply_count,
          (SELECT array_agg(DISTINCT i.kind) FROM case_institutions ci JOIN institutions i ON i.id = ci.institution_id
            WHERE ci.case_id = c.id) AS kinds
        FROM case_threads c WHERE ${where}`,
  )
  return rows.map((r) => ({
    type: 'case',
    id: r.id,
    visibility: 'staff',
    title: `${r.code} ${r.title}`.trim(),
    summary: r.description.slice(0, 280),
    // Mentions are colleagues' user ids: they are not words anyone searches for.
    body: `${r.description}\n\n${(r.replies ?? '').replace(MENTION_TOKEN, '@')}`.slice(0, BODY_MAX),
    url: caseUrl(r.code),
    tags: r.tags ?? [],
    districts: r.district_code ? [r.district_code] : [],
    institutionKinds: r.kinds ?? [],
    date: new Date(r.created_at).toISOString(),
    popularity: Number(r.reply_count),
  }))
}

export const caseSearchSource: SearchSource = {
  async load(ids) {
    if (ids.length === 0) return []
    return loadRows(
      sql`c.id IN (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    )
  },
  async *all(batchSize) {
    let after = '00000000-0000-0000-0000-000000000000'
    for (;;) {
      const ids = await db
        .select({ id: caseThreads.id })
        .from(caseThreads)
        .where(gt(caseThreads.id, after))
        .orderBy(asc(caseThreads.id))
        .limit(batchSize)
      if (ids.length === 0) return
      yield await this.load(ids.map((r) => r.id))
      after = ids.at(-1)!.id
    }
  },
  async count() {
    const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(caseThreads)
    return row?.n ?? 0
  },
}
