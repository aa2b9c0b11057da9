import { and, eq, isNull, sql } from 'drizzle-orm'

import { db, type DbOrTx } from '../../../db/client.server'
import { courses, courseVersions, enrolments } from '../../../db/schema'
import { enqueueSearch } from '../../../search/outbox'
import { recordAudit } from '../audit/audit.server'
import type { Actor } from '../identity/permissions'
import { Refusal } from '../platform/refusal.server'
import { enforcePrivacy } from '../privacy/guard.server'
import { requireEditableCourse, type CourseRow } from './access.server'
import { draftProblems, loadDraftTree, snapshotOf, type DraftProblem } from './drafts.server'

/**
 * "Publish": snapshots the draft into the next numbered version. Learners who have not completed the
 * course move to it; their progress is keyed by lesson, so it carries over wherever a lesson remains.
 */
export async function publishCourse(actor: Actor, courseId: string, changeNote = '') {
  enforcePrivacy(actor, { changeNote })
  return db.transaction(async (tx) => {
    // The course row is locked: two publishes at once would otherwise claim the same version number.
    const course = await requireEditableCourse(tx, actor, courseId, { lock: true })
    const { number, learnersMoved } = await createVersion(tx, course, actor.id, changeNote)
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'course.published',
      targetType: 'course',
      targetId: courseId,
      details: { version: number, learnersMoved },
    })
    return { number, learnersMoved }
  })
}

/** The publishing step itself, inside the caller's transaction with the course row locked (seeds use it too). */
export async function createVersion(tx: DbOrTx, course: CourseRow, actorId: string | null, changeNote = '') {
  const courseId = course.id
  const tree = await loadDraftTree(tx, courseId)
  const problems = draftProblems(tree)
  if (problems.length)
    throw new Refusal<{ problems: DraftProblem[] }>('training.publish.blocked', { details: { problems } })
  const number = (course.currentVersion ?? 0) + 1
  await tx
    .insert(courseVersions)
    .values({ courseId, number, content: snapshotOf(course, tree), changeNote, publishedBy: actorId })
  await tx
    .update(courses)
    .set({ currentVersion: number, publishedRevision: course.draftRevision, archivedAt: null, updatedAt: new Date() })
    .where(eq(courses.id, courseId))
  const moved = await tx
    .update(enrolments)
    .set({ versionNumber: number })
    .where(and(eq(enrolments.courseId, courseId), isNull(enrolments.completedAt)))
    .returning({ id: enrolments.id })
  await enqueueSearch(tx, 'course', courseId)
  return { number, learnersMoved: moved.length }
}

/** Hides a course from the catalogue and search; enrolled learners keep their access. */
export async function archiveCourse(actor: Actor, courseId: string, archived: boolean) {
  return db.transaction(async (tx) => {
    const course = await requireEditableCourse(tx, actor, courseId, { lock: true })
    if (course.currentVersion === null) throw new Refusal('training.error.notPublished')
    await tx
      .update(courses)
      .set({ archivedAt: archived ? sql`now()` : null })
      .where(eq(courses.id, courseId))
    await enqueueSearch(tx, 'course', courseId, archived ? 'delete' : 'upsert')
    await recordAudit(tx, {
      actorId: actor.id,
      action: archived ? 'course.archived' : 'course.restored',
      targetType: 'course',
      targetId: courseId,
    })
  })
}
