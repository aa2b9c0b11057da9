import { and, desc, eq, sql } from 'drizzle-orm'

import { db } from '../../../db/client.server'
import { courseAssignments, enrolments, institutions, teams, users } from '../../../db/schema'
import { recordAudit } from '../audit/audit.server'
import { requirePermission, type Actor } from '../identity/permissions'
import { notify } from '../notifications/inbox.server'
import { notFound } from '../platform/http.server'
import { Refusal } from '../platform/refusal.server'
import { endOfSofiaDay } from '../platform/sofia-time'
import { findCourse, isPublished } from './access.server'
import { loadVersion } from './versions.server'

export interface AssignInput {
  target: { kind: 'team' | 'institution'; id: string }
  dueDate: string | null
}

/**
 * A coordinator assigns a published course to everyone approved in a team or an institution. Each
 * learner is enrolled (or keeps their enrolment, with the new due date) and is notified.
 */
export async function assignCourse(actor: Actor, courseId: string, input: AssignInput) {
  requirePermission(actor, 'course:assign')
  const course = await findCourse(db, courseId)
  if (!course) notFound()
  if (!isPublished(course)) throw new Refusal('training.error.notPublished')
  const dueAt = input.dueDate ? endOfSofiaDay(input.dueDate) : null
  if (dueAt && dueAt.getTime() < Date.now()) throw new Refusal('training.error.dueInPast', { field: 'dueDate' })
  const snapshot = await loadVersion(db, courseId, course.currentVersion!)
  const targetTable = input.target.kind === 'team' ? teams : institutions
  const [target] = await db
    .select({ id: targetTable.id, name: targetTable.name })
    .from(targetTable)
    .where(eq(targetTable.id, input.target.id))
  if (!target) throw new Refusal('errors.choice', { field: 'target' })
  const learners = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.status, 'approved'),
        input.target.kind === 'team' ? eq(users.teamId, target.id) : eq(users.institutionId, target.id),
      ),
    )
  if (learners.length === 0) throw new Refusal('training.error.nobodyToAssign', { field: 'target' })

  return db.transaction(async (tx) => {
    const touched = await tx
      .insert(enrolments)
      .values(
        learners.map((l) => ({
          courseId,
          userId: l.id,
          versionNumber: course.currentVersion!,
          source: 'assigned' as const,
          assignedBy: actor.id,
          dueAt,
        })),
      )
      .onConflictDoUpdate({
        target: [enrolments.courseId, enrolments.userId],
        set: {
          dueAt: sql`CASE WHEN ${enrolments.completedAt} IS NULL THEN coalesce(excluded.due_at, ${enrolments.dueAt})
            ELSE ${enrolments.dueAt} END`,
          assignedBy: actor.id,
        },
      })
      .returning({ userId: enrolments.userId, completedAt: enrolments.completedAt })
    const toNotify = touched.filter((t) => !t.completedAt).map((t) => t.userId)
    await tx.insert(courseAssignments).values({
      courseId,
      teamId: input.target.kind === 'team' ? target.id : null,
      institutionId: input.target.kind === 'institution' ? target.id : null,
      dueAt,
      learnerCount: learners.length,
      assignedBy: actor.id,
    })
    await notify(tx, {
      userIds: toNotify,
      kind: 'course.assigned',
      messageKey: input.dueDate ? 'training.notify.assignedDue' : 'training.notify.assigned',
      params: { course: snapshot?.title ?? '', due: input.dueDate ? input.dueDate.split('-').reverse().join('.') : '' },
      url: `/training/courses/${courseId}`,
      exceptUserId: actor.id,
    })
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'course.assigned',
      targetType: 'course',
      targetId: courseId,
      details: { [input.target.kind]: target.id, learners: learners.length },
    })
    return {
      learners: learners.length,
      notified: toNotify.filter((id) => id !== actor.id).length,
      targetName: target.name,
    }
  })
}

export async function listAssignments(actor: Actor, courseId: string) {
  requirePermission(actor, 'course:assign')
  return db
    .select({
      id: courseAssignments.id,
      teamName: teams.name,
      institutionName: institutions.name,
      dueAt: courseAssignments.dueAt,
      learnerCount: courseAssignments.learnerCount,
      createdAt: courseAssignments.createdAt,
      assignedBy: users.name,
    })
    .from(courseAssignments)
    .leftJoin(teams, eq(teams.id, courseAssignments.teamId))
    .leftJoin(institutions, eq(institutions.id, courseAssignments.institutionId))
    .leftJoin(users, eq(users.id, courseAssignments.assignedBy))
    .where(eq(courseAssignments.courseId, courseId))
    .orderBy(desc(courseAssignments.createdAt))
}
