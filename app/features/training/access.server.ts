import { eq } from 'drizzle-orm'

import type { DbOrTx } from '../../../db/client.server'
import { courses } from '../../../db/schema'
import { requirePermission, type Actor } from '../identity/permissions'
import { notFound } from '../platform/http.server'
import { isUuid } from '../platform/params'

export type CourseRow = typeof courses.$inferSelect

export async function findCourse(
  runner: DbOrTx,
  courseId: string,
  options: { lock?: boolean } = {},
): Promise<CourseRow | null> {
  if (!isUuid(courseId)) return null
  const query = runner.select().from(courses).where(eq(courses.id, courseId))
  const [row] = options.lock ? await query.for('update') : await query
  return row ?? null
}

/** The draft of a course the actor may edit (its trainer or an admin); 404 / 403 otherwise. */
export async function requireEditableCourse(
  runner: DbOrTx,
  actor: Actor,
  courseId: string,
  options: { lock?: boolean } = {},
) {
  const course = await findCourse(runner, courseId, options)
  if (!course) notFound()
  requirePermission(actor, 'course:edit', { ownerId: course.ownerId })
  return course
}

export function isPublished(course: Pick<CourseRow, 'currentVersion' | 'archivedAt'>) {
  return course.currentVersion !== null && course.archivedAt === null
}
