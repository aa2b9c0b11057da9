import { and, asc, eq, inArray, sql } from 'drizzle-orm'

import { db } from '../../../db/client.server'
import { certificates, courses, enrolments, institutions, quizAttempts, users } from '../../../db/schema'
import { requirePermission, type Actor } from '../identity/permissions'
import { notFound } from '../platform/http.server'
import { findCourse } from './access.server'
import { attemptsRemaining, loadLessonStates } from './learning.server'
import { courseProgress, lessonsInOrder } from './progress'
import { loadVersion, loadVersions } from './versions.server'

export type LearnerStatus = 'notStarted' | 'inProgress' | 'completed'

export interface LearnerRow {
  enrolmentId: string
  name: string
  institution: string
  status: LearnerStatus
  percent: number
  doneLessons: number
  totalLessons: number
  version: number
  enrolledAt: Date
  lastActivityAt: Date
  dueAt: Date | null
  overdue: boolean
  completedAt: Date | null
  certificateCode: string | null
  /** Where an unfinished learner stands: the first lesson not done. */
  stoppedAt: string | null
  /** Quizzes the learner failed with no attempts left (a trainer may grant one more). */
  blocked: { lessonKey: string; lessonTitle: string }[]
}

export interface QuizStats {
  lessonKey: string
  lessonTitle: string
  passPercent: number
  attempts: number
  learners: number
  passedLearners: number
  averageScore: number | null
  attemptsPerLearner: number | null
}

/**
 * A course's numbers for its trainer, coordinators and admins: learners by status, completion rate,
 * quiz scores and attempts, and where unfinished learners stopped.
 */
export async function courseAnalytics(actor: Actor, courseId: string) {
  const course = await findCourse(db, courseId)
  if (!course) notFound()
  requirePermission(actor, 'course:analytics', { ownerId: course.ownerId })
  const current = course.currentVersion !== null ? await loadVersion(db, courseId, course.currentVersion) : null

  const rows = await db
    .select({
      id: enrolments.id,
      versionNumber: enrolments.versionNumber,
      enrolledAt: enrolments.enrolledAt,
      lastActivityAt: enrolments.lastActivityAt,
      dueAt: enrolments.dueAt,
      completedAt: enrolments.completedAt,
      extraAttempts: enrolments.extraAttempts,
      name: users.name,
      institution: institutions.name,
      certificateCode: certificates.code,
    })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .innerJoin(institutions, eq(institutions.id, users.institutionId))
    .leftJoin(certificates, eq(certificates.enrolmentId, enrolments.id))
    .where(eq(enrolments.courseId, courseId))
    .orderBy(asc(users.name))
  const versions = await loadVersions(
    db,
    rows.map((r) => ({ courseId, number: r.versionNumber })),
  )
  const states = await loadLessonStates(db, { courseId })
  const ofCourse = db.select({ id: enrolments.id }).from(enrolments).where(eq(enrolments.courseId, courseId))
  const attemptCounts = await db
    .select({ enrolmentId: quizAttempts.enrolmentId, lessonKey: quizAttempts.lessonKey, n: sql<number>`count(*)::int` })
    .from(quizAttempts)
    .where(inArray(quizAttempts.enrolmentId, ofCourse))
    .groupBy(quizAttempts.enrolmentId, quizAttempts.lessonKey)
  const attemptsOf = new Map(attemptCounts.map((a) => [`${a.enrolmentId}:${a.lessonKey}`, a.n]))
  const titleByKey = new Map<string, string>()
  for (const snapshot of [...versions.values(), ...(current ? [current] : [])])
    for (const l of lessonsInOrder(snapshot)) titleByKey.set(l.key, l.title)

  const now = Date.now()
  const learners: LearnerRow[] = rows.map((r) => {
    const snapshot = versions.get(`${courseId}:${r.versionNumber}`)
    const lessonStates = states.get(r.id) ?? new Map()
    const progress = snapshot
      ? courseProgress(snapshot, lessonStates)
      : { percent: 0, doneLessons: 0, totalLessons: 0, nextLessonKey: null, complete: false }
    const started = lessonStates.size > 0
    const status: LearnerStatus = r.completedAt ? 'completed' : started ? 'inProgress' : 'notStarted'
    const blocked = (snapshot && !r.completedAt ? lessonsInOrder(snapshot) : [])
      .filter((l) => l.quiz && !lessonStates.get(l.key)?.quizPassed)
      .filter((l) => attemptsRemaining(l.quiz!.maxAttempts, r, l.key, attemptsOf.get(`${r.id}:${l.key}`) ?? 0) === 0)
      .map((l) => ({ lessonKey: l.key, lessonTitle: l.title }))
    return {
      enrolmentId: r.id,
      blocked,
      name: r.name,
      institution: r.institution,
      status,
      percent: r.completedAt ? 100 : progress.percent,
      doneLessons: progress.doneLessons,
      totalLessons: progress.totalLessons,
      version: r.versionNumber,
      enrolledAt: r.enrolledAt,
      lastActivityAt: r.lastActivityAt,
      dueAt: r.dueAt,
      overdue: !r.completedAt && !!r.dueAt && r.dueAt.getTime() < now,
      completedAt: r.completedAt,
      certificateCode: r.certificateCode,
      stoppedAt: status === 'inProgress' && progress.nextLessonKey ? progress.nextLessonKey : null,
    }
  })

  const count = (status: LearnerStatus) => learners.filter((l) => l.status === status).length
  const totals = {
    enrolled: learners.length,
    notStarted: count('notStarted'),
    inProgress: count('inProgress'),
    completed: count('completed'),
    completionRate: learners.length ? Math.round((count('completed') / learners.length) * 100) : 0,
    overdue: learners.filter((l) => l.overdue).length,
  }

  // Where unfinished learners stand, in the order of the current version; lessons since removed come last.
  const stopCounts = new Map<string, number>()
  for (const l of learners) if (l.stoppedAt) stopCounts.set(l.stoppedAt, (stopCounts.get(l.stoppedAt) ?? 0) + 1)
  const currentOrder = current ? lessonsInOrder(current).map((l) => l.key) : []
  const dropOff = [...currentOrder, ...[...stopCounts.keys()].filter((k) => !currentOrder.includes(k))]
    .map((key) => ({
      lessonKey: key,
      lessonTitle: titleByKey.get(key) ?? '',
      learners: stopCounts.get(key) ?? 0,
      removed: !currentOrder.includes(key),
    }))
    .filter((d) => !d.removed || d.learners > 0)

  const quizLessons = current ? lessonsInOrder(current).filter((l) => l.quiz) : []
  const attemptStats =
    quizLessons.length && rows.length
      ? await db
          .select({
            lessonKey: quizAttempts.lessonKey,
            attempts: sql<number>`count(*)::int`,
            learners: sql<number>`count(distinct ${quizAttempts.enrolmentId})::int`,
            passedLearners: sql<number>`count(distinct ${quizAttempts.enrolmentId})
              filter (where ${quizAttempts.passed})::int`,
            averageScore: sql<number | null>`round(avg(${quizAttempts.scorePercent}))::int`,
          })
          .from(quizAttempts)
          .where(
            and(
              inArray(quizAttempts.enrolmentId, ofCourse),
              inArray(
                quizAttempts.lessonKey,
                quizLessons.map((l) => l.key),
              ),
            ),
          )
          .groupBy(quizAttempts.lessonKey)
      : []
  const quizzes: QuizStats[] = quizLessons.map((l) => {
    const s = attemptStats.find((a) => a.lessonKey === l.key)
    return {
      lessonKey: l.key,
      lessonTitle: l.title,
      passPercent: l.quiz!.passPercent,
      attempts: s?.attempts ?? 0,
      learners: s?.learners ?? 0,
      passedLearners: s?.passedLearners ?? 0,
      averageScore: s?.averageScore ?? null,
      attemptsPerLearner: s && s.learners ? Math.round((s.attempts / s.learners) * 10) / 10 : null,
    }
  })

  return {
    course: { id: course.id, title: current?.title ?? course.title, currentVersion: course.currentVersion },
    totals,
    learners,
    quizzes,
    dropOff,
  }
}

export type CourseAnalytics = Awaited<ReturnType<typeof courseAnalytics>>

/** Spreadsheet programs run cells that start with these as formulas. */
function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",;\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function analyticsCsv(
  analytics: CourseAnalytics,
  labels: { header: string[]; status: Record<LearnerStatus, string>; formatDate: (d: Date) => string },
): string {
  const lines = [labels.header.map(csvCell).join(',')]
  for (const l of analytics.learners) {
    lines.push(
      [
        l.name,
        l.institution,
        labels.status[l.status],
        l.percent,
        `${l.doneLessons}/${l.totalLessons}`,
        l.version,
        labels.formatDate(l.enrolledAt),
        labels.formatDate(l.lastActivityAt),
        l.dueAt ? labels.formatDate(l.dueAt) : '',
        l.completedAt ? labels.formatDate(l.completedAt) : '',
        l.certificateCode ?? '',
      ]
        .map(csvCell)
        .join(','),
    )
  }
  // The byte-order mark makes spreadsheet programs read the Cyrillic as UTF-8.
  return `\uFEFF${lines.join('\r\n')}\r\n`
}

/** The courses these people completed, with how many of them did (a team page lists its members' training). */
export async function coursesCompletedBy(userIds: readonly string[]) {
  if (userIds.length === 0) return []
  return db
    .select({ courseId: courses.id, title: courses.title, completed: sql<number>`count(*)::int` })
    .from(enrolments)
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .where(and(inArray(enrolments.userId, [...userIds]), sql`${enrolments.completedAt} IS NOT NULL`))
    .groupBy(courses.id, courses.title)
    .orderBy(asc(courses.title))
}
