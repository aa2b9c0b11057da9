import { and, asc, count, eq, inArray, isNotNull, isNull } from 'drizzle-orm'

import { db } from '../../../db/client.server'
import { courses, courseVersions, enrolments } from '../../../db/schema'
import type { SearchSource } from '../../../search/documents'
import type { SearchDocument } from '../../../search/engine'
import { lessonsInOrder } from './progress'

const published = and(isNotNull(courses.currentVersion), isNull(courses.archivedAt))

/**
 * Published courses, as learners see them (the current version), for signed-in staff only; drafts are never indexed.
 */
async function documentsFor(where: ReturnType<typeof and>): Promise<SearchDocument[]> {
  const rows = await db
    .select({ id: courses.id, content: courseVersions.content, publishedAt: courseVersions.publishedAt })
    .from(courses)
    .innerJoin(
      courseVersions,
      and(eq(courseVersions.courseId, courses.id), eq(courseVersions.number, courses.currentVersion)),
    )
    .where(and(published, where))
    .orderBy(asc(courses.id))
  if (rows.length === 0) return []
  const learners = await db
    .select({ courseId: enrolments.courseId, n: count() })
    .from(enrolments)
    .where(
      inArray(
        enrolments.courseId,
        rows.map((r) => r.id),
      ),
    )
    .groupBy(enrolments.courseId)
  return rows.map(({ id, content, publishedAt }) => {
    const lessons = lessonsInOrder(content)
    return {
      type: 'course',
      id,
      visibility: 'staff',
      title: content.title,
      summary: content.summary,
      body: [...content.modules.map((m) => m.title), ...lessons.map((l) => `${l.title}\n${l.bodyText}`)]
        .join('\n\n')
        .slice(0, 100_000),
      url: `/training/courses/${id}`,
      tags: [],
      districts: [],
      institutionKinds: content.audienceKinds,
      date: publishedAt.toISOString(),
      popularity: learners.find((l) => l.courseId === id)?.n ?? 0,
    } satisfies SearchDocument
  })
}

export const courseSearchSource: SearchSource = {
  async load(ids) {
    const valid = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id))
    return valid.length ? documentsFor(inArray(courses.id, valid)) : []
  },
  async *all(batchSize) {
    for (let offset = 0; ; offset += batchSize) {
      const page = await db
        .select({ id: courses.id })
        .from(courses)
        .where(published)
        .orderBy(asc(courses.id))
        .limit(batchSize)
        .offset(offset)
      if (page.length === 0) return
      yield await documentsFor(
        inArray(
          courses.id,
          page.map((p) => p.id),
        ),
      )
    }
  },
  async count() {
    const [row] = await db.select({ n: count() }).from(courses).where(published)
    return row?.n ?? 0
  },
}
