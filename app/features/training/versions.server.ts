import { and, desc, eq, inArray, or, sql } from 'drizzle-orm'

import type { DbOrTx } from '../../../db/client.server'
import { courseVersions, users } from '../../../db/schema'
import type { CourseSnapshot } from '../../../db/schema/training'

export async function loadVersion(runner: DbOrTx, courseId: string, number: number): Promise<CourseSnapshot | null> {
  const [row] = await runner
    .select({ content: courseVersions.content })
    .from(courseVersions)
    .where(and(eq(courseVersions.courseId, courseId), eq(courseVersions.number, number)))
  return row?.content ?? null
}

/** Several versions at once, keyed `${courseId}:${number}`. */
export async function loadVersions(
  runner: DbOrTx,
  pairs: { courseId: string; number: number }[],
): Promise<Map<string, CourseSnapshot>> {
  const unique = [...new Map(pairs.map((p) => [`${p.courseId}:${p.number}`, p])).values()]
  if (unique.length === 0) return new Map()
  const courseIds = [...new Set(unique.map((p) => p.courseId))]
  const rows = await runner
    .select({ courseId: courseVersions.courseId, number: courseVersions.number, content: courseVersions.content })
    .from(courseVersions)
    .where(
      and(
        inArray(courseVersions.courseId, courseIds),
        or(...unique.map((p) => and(eq(courseVersions.courseId, p.courseId), eq(courseVersions.number, p.number)))),
      ),
    )
  return new Map(rows.map((r) => [`${r.courseId}:${r.number}`, r.content]))
}

export async function listVersions(runner: DbOrTx, courseId: string) {
  return runner
    .select({
      number: courseVersions.number,
      changeNote: courseVersions.changeNote,
      publishedAt: courseVersions.publishedAt,
      publishedBy: users.name,
      lessonCount: sql<number>`(
        select count(*)::int from jsonb_path_query(${courseVersions.content}, '$.modules[*].lessons[*]')
      )`,
    })
    .from(courseVersions)
    .leftJoin(users, eq(users.id, courseVersions.publishedBy))
    .where(eq(courseVersions.courseId, courseId))
    .orderBy(desc(courseVersions.number))
}
