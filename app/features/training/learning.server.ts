import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm'

import { db, type DbOrTx, type Tx } from '../../../db/client.server'
import {
  certificates,
  courses,
  courseVersions,
  enrolments,
  lessonProgress,
  quizAttempts,
  users,
} from '../../../db/schema'
import type { CourseSnapshot, SnapshotLesson } from '../../../db/schema/training'
import { recordAudit } from '../audit/audit.server'
import { requirePermission, type Actor } from '../identity/permissions'
import { notify } from '../notifications/inbox.server'
import { notFound } from '../platform/http.server'
import { isUuid } from '../platform/params'
import { Refusal } from '../platform/refusal.server'
import { escapeLike } from '../platform/sql.server'
import { findCourse, isPublished } from './access.server'
import { courseAbilities } from './authoring.server'
import { issueCertificate } from './certificates.server'
import { courseProgress, isLessonDone, lessonsInOrder, lessonStatus, type LessonState } from './progress'
import {
  gradeQuiz,
  learnerQuiz,
  readQuizAnswers,
  unansweredQuestions,
  type ChosenOptions,
  type QuizAnswers,
} from './quiz'
import { loadVersion, loadVersions } from './versions.server'

export type EnrolmentRow = typeof enrolments.$inferSelect

/**
 * Lesson states of many enrolments — given by id, or every enrolment of a course (one subquery instead
 * of hundreds of parameters): completion and views from progress rows, quiz passes from attempts.
 */
export async function loadLessonStates(
  runner: DbOrTx,
  scope: string[] | { courseId: string },
): Promise<Map<string, Map<string, LessonState>>> {
  const result = new Map<string, Map<string, LessonState>>()
  if (Array.isArray(scope) && scope.length === 0) return result
  const ofCourse = (column: typeof lessonProgress.enrolmentId | typeof quizAttempts.enrolmentId) =>
    Array.isArray(scope)
      ? inArray(column, scope)
      : inArray(
          column,
          runner.select({ id: enrolments.id }).from(enrolments).where(eq(enrolments.courseId, scope.courseId)),
        )
  const stateOf = (enrolmentId: string, key: string) => {
    let states = result.get(enrolmentId)
    if (!states) result.set(enrolmentId, (states = new Map()))
    let state = states.get(key)
    if (!state) states.set(key, (state = { viewed: false, completed: false, quizPassed: false }))
    return state
  }
  const progressRows = await runner
    .select({
      enrolmentId: lessonProgress.enrolmentId,
      lessonKey: lessonProgress.lessonKey,
      completedAt: lessonProgress.completedAt,
    })
    .from(lessonProgress)
    .where(ofCourse(lessonProgress.enrolmentId))
  for (const row of progressRows) {
    const state = stateOf(row.enrolmentId, row.lessonKey)
    state.viewed = true
    state.completed = row.completedAt !== null
  }
  const passes = await runner
    .selectDistinct({ enrolmentId: quizAttempts.enrolmentId, lessonKey: quizAttempts.lessonKey })
    .from(quizAttempts)
    .where(and(ofCourse(quizAttempts.enrolmentId), eq(quizAttempts.passed, true)))
  for (const row of passes) stateOf(row.enrolmentId, row.lessonKey).quizPassed = true
  return result
}

/** The lesson outline without lesson bodies or quiz content (for course pages and lists). */
export function outlineOf(snapshot: CourseSnapshot) {
  return snapshot.modules.map((m) => ({
    key: m.key,
    title: m.title,
    lessons: m.lessons.map((l) => ({
      key: l.key,
      title: l.title,
      estimatedMinutes: l.estimatedMinutes,
      hasQuiz: !!l.quiz,
      questionCount: l.quiz?.questions.length ?? 0,
    })),
  }))
}

async function findEnrolment(runner: DbOrTx, courseId: string, userId: string, options: { lock?: boolean } = {}) {
  const query = runner
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.courseId, courseId), eq(enrolments.userId, userId)))
  const [row] = options.lock ? await query.for('update') : await query
  return row ?? null
}

async function hasCompleted(runner: DbOrTx, courseId: string, userId: string) {
  const row = await findEnrolment(runner, courseId, userId)
  return !!row?.completedAt
}

/** A published course as a learner (or a would-be learner) sees it. */
export async function getCourseForLearner(actor: Actor, courseId: string) {
  requirePermission(actor, 'course:learn')
  const course = await findCourse(db, courseId)
  if (!course || course.currentVersion === null) notFound()
  let enrolment = await findEnrolment(db, courseId, actor.id)
  if (!enrolment && course.archivedAt) notFound()
  const snapshot = await loadVersion(db, courseId, enrolment?.versionNumber ?? course.currentVersion)
  if (!snapshot) notFound()
  const states = enrolment
    ? ((await loadLessonStates(db, [enrolment.id])).get(enrolment.id) ?? new Map<string, LessonState>())
    : new Map<string, LessonState>()
  const progress = courseProgress(snapshot, states)
  let certificate = enrolment ? await certificateOf(db, enrolment.id) : null
  if (enrolment && progress.complete && !enrolment.completedAt) {
    // A republish can remove the last lesson a learner lacked: complete them on their next visit.
    const outcome = await db.transaction((tx) => completeIfDone(tx, actor, courseId))
    enrolment = outcome.enrolment ?? enrolment
    certificate = outcome.certificate ?? certificate
  }
  const prerequisite = snapshot.prerequisiteCourseId
    ? await prerequisiteInfo(actor, snapshot.prerequisiteCourseId)
    : null
  return {
    course: { id: course.id, currentVersion: course.currentVersion, archived: !!course.archivedAt },
    version: enrolment?.versionNumber ?? course.currentVersion,
    snapshot: { ...snapshot, modules: undefined },
    outline: outlineOf(snapshot),
    enrolment,
    statuses: Object.fromEntries(lessonsInOrder(snapshot).map((l) => [l.key, lessonStatus(l, states.get(l.key))])),
    progress,
    certificate,
    prerequisite,
    abilities: courseAbilities(actor, course),
  }
}

async function certificateOf(runner: DbOrTx, enrolmentId: string) {
  const [row] = await runner
    .select({ code: certificates.code, issuedAt: certificates.issuedAt })
    .from(certificates)
    .where(eq(certificates.enrolmentId, enrolmentId))
  return row ?? null
}

async function prerequisiteInfo(actor: Actor, prerequisiteId: string) {
  const course = await findCourse(db, prerequisiteId)
  if (!course || course.currentVersion === null) return null
  const snapshot = await loadVersion(db, prerequisiteId, course.currentVersion)
  return {
    id: prerequisiteId,
    title: snapshot?.title ?? '',
    completed: await hasCompleted(db, prerequisiteId, actor.id),
  }
}

/** Staff enrol themselves in a published course; enrolling twice is harmless. */
export async function enrol(actor: Actor, courseId: string) {
  requirePermission(actor, 'course:learn')
  const course = await findCourse(db, courseId)
  if (!course || !isPublished(course)) notFound()
  const snapshot = await loadVersion(db, courseId, course.currentVersion!)
  if (snapshot?.prerequisiteCourseId && !(await hasCompleted(db, snapshot.prerequisiteCourseId, actor.id))) {
    throw new Refusal('training.error.prerequisite')
  }
  await db
    .insert(enrolments)
    .values({ courseId, userId: actor.id, versionNumber: course.currentVersion!, source: 'self' })
    .onConflictDoNothing()
  return findEnrolment(db, courseId, actor.id)
}

async function requireEnrolment(runner: DbOrTx, actor: Actor, courseId: string, options: { lock?: boolean } = {}) {
  requirePermission(actor, 'course:learn')
  if (!isUuid(courseId)) notFound()
  const enrolment = await findEnrolment(runner, courseId, actor.id, options)
  if (!enrolment) throw new Refusal('training.error.notEnrolled')
  const snapshot = await loadVersion(runner, courseId, enrolment.versionNumber)
  if (!snapshot) notFound()
  return { enrolment, snapshot }
}

function findLesson(snapshot: CourseSnapshot, lessonKey: string): SnapshotLesson {
  const lesson = isUuid(lessonKey) ? lessonsInOrder(snapshot).find((l) => l.key === lessonKey) : undefined
  if (!lesson) notFound()
  return lesson
}

async function markViewed(runner: DbOrTx, enrolmentId: string, lessonKey: string) {
  await runner.insert(lessonProgress).values({ enrolmentId, lessonKey }).onConflictDoNothing()
  await runner.update(enrolments).set({ lastActivityAt: new Date() }).where(eq(enrolments.id, enrolmentId))
}

async function attemptsOf(runner: DbOrTx, enrolmentId: string, lessonKey: string) {
  return runner
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.enrolmentId, enrolmentId), eq(quizAttempts.lessonKey, lessonKey)))
    .orderBy(asc(quizAttempts.submittedAt))
}

export type QuizAttemptRow = typeof quizAttempts.$inferSelect

/** Attempts left on a quiz (null: unlimited), counting those a trainer granted on top of the limit. */
export function attemptsRemaining(
  maxAttempts: number | null,
  enrolment: Pick<EnrolmentRow, 'extraAttempts'>,
  lessonKey: string,
  used: number,
): number | null {
  if (maxAttempts === null) return null
  return Math.max(0, maxAttempts + (enrolment.extraAttempts[lessonKey] ?? 0) - used)
}

/** A trainer (or an admin) lets a learner who used every attempt try a quiz once more. */
export async function grantExtraAttempt(actor: Actor, courseId: string, enrolmentId: string, lessonKey: string) {
  if (!isUuid(enrolmentId) || !isUuid(lessonKey)) notFound()
  return db.transaction(async (tx) => {
    const course = await findCourse(tx, courseId)
    if (!course) notFound()
    requirePermission(actor, 'course:edit', { ownerId: course.ownerId })
    // Locked so that two grants at once add two attempts, not one.
    const [enrolment] = await tx
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.id, enrolmentId), eq(enrolments.courseId, courseId)))
      .for('update')
    if (!enrolment) notFound()
    const snapshot = await loadVersion(tx, courseId, enrolment.versionNumber)
    const lesson = snapshot ? lessonsInOrder(snapshot).find((l) => l.key === lessonKey && l.quiz) : undefined
    if (!lesson) notFound()
    const extraAttempts = { ...enrolment.extraAttempts, [lessonKey]: (enrolment.extraAttempts[lessonKey] ?? 0) + 1 }
    await tx.update(enrolments).set({ extraAttempts }).where(eq(enrolments.id, enrolmentId))
    await notify(tx, {
      userIds: [enrolment.userId],
      kind: 'course.extraAttempt',
      messageKey: 'training.notify.extraAttempt',
      params: { lesson: lesson.title, course: snapshot!.title },
      url: `/training/courses/${courseId}/lessons/${lessonKey}`,
      exceptUserId: actor.id,
    })
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'course.attemptGranted',
      targetType: 'enrolment',
      targetId: enrolmentId,
      details: { lessonKey },
    })
  })
}

/**
 * The review of a submitted attempt. Correct options are revealed only once the quiz is passed or
 * no attempts are left, so a failed attempt cannot be turned into an answer key.
 */
function attemptReview(lesson: SnapshotLesson, attempt: QuizAttemptRow, revealAnswers: boolean) {
  const quiz = lesson.quiz!
  const grade = gradeQuiz(quiz, attempt.answers)
  return {
    id: attempt.id,
    scorePercent: attempt.scorePercent,
    correctCount: attempt.correctCount,
    questionCount: attempt.questionCount,
    passed: attempt.passed,
    submittedAt: attempt.submittedAt,
    revealAnswers,
    questions: quiz.questions.map((q) => {
      const correct = grade.results.find((r) => r.key === q.key)?.correct ?? false
      return {
        key: q.key,
        prompt: q.prompt,
        kind: q.kind,
        correct,
        // An explanation can give the answer away: only for questions answered right, or once answers are revealed.
        explanation: revealAnswers || correct ? q.explanation : '',
        options: q.options.map((o) => ({
          id: o.id,
          text: o.text,
          chosen: (attempt.answers[q.key] ?? []).includes(o.id),
          correct: revealAnswers ? o.correct : undefined,
        })),
      }
    }),
  }
}

/** A lesson for its learner: recorded as viewed; the quiz without its answers; a reviewed attempt if asked. */
export async function openLesson(
  actor: Actor,
  courseId: string,
  lessonKey: string,
  options: { attemptId?: string | null } = {},
) {
  const { enrolment, snapshot } = await requireEnrolment(db, actor, courseId)
  const lesson = findLesson(snapshot, lessonKey)
  await markViewed(db, enrolment.id, lesson.key)
  const states = (await loadLessonStates(db, [enrolment.id])).get(enrolment.id) ?? new Map<string, LessonState>()
  const attempts = lesson.quiz ? await attemptsOf(db, enrolment.id, lesson.key) : []
  const passed = attempts.some((a) => a.passed)
  const attemptsLeft = lesson.quiz
    ? attemptsRemaining(lesson.quiz.maxAttempts, enrolment, lesson.key, attempts.length)
    : null
  const order = lessonsInOrder(snapshot)
  const index = order.findIndex((l) => l.key === lesson.key)
  const moduleOf = snapshot.modules.find((m) => m.lessons.some((l) => l.key === lesson.key))!
  const reviewed = options.attemptId ? attempts.find((a) => a.id === options.attemptId) : undefined
  return {
    courseTitle: snapshot.title,
    language: snapshot.language,
    version: enrolment.versionNumber,
    moduleTitle: moduleOf.title,
    lesson: {
      key: lesson.key,
      title: lesson.title,
      body: lesson.body,
      videoUrl: lesson.videoUrl,
      estimatedMinutes: lesson.estimatedMinutes,
    },
    position: { index: index + 1, total: order.length },
    previous: index > 0 ? { key: order[index - 1].key, title: order[index - 1].title } : null,
    next: index < order.length - 1 ? { key: order[index + 1].key, title: order[index + 1].title } : null,
    done: isLessonDone(lesson, states.get(lesson.key)),
    progress: courseProgress(snapshot, states),
    enrolmentCompleted: !!enrolment.completedAt,
    quiz:
      lesson.quiz && !passed && attemptsLeft !== 0
        ? learnerQuiz(lesson.quiz, `${enrolment.id}:${lesson.key}:${attempts.length}`)
        : null,
    quizInfo: lesson.quiz
      ? {
          passPercent: lesson.quiz.passPercent,
          maxAttempts: lesson.quiz.maxAttempts,
          questionCount: lesson.quiz.questions.length,
          attempts: attempts.length,
          attemptsLeft,
          passed,
          best: Math.max(0, ...attempts.map((a) => a.scorePercent)),
        }
      : null,
    review: reviewed && lesson.quiz ? attemptReview(lesson, reviewed, passed || attemptsLeft === 0) : null,
  }
}

export type CompletionOutcome = {
  enrolment: EnrolmentRow | null
  certificate: { code: string; issuedAt: Date } | null
  justCompleted: boolean
}

/** Completes the enrolment and issues its certificate when every lesson is done; the caller holds the row lock. */
async function completeIfDone(
  tx: Tx,
  actor: Actor,
  courseId: string,
  locked?: { enrolment: EnrolmentRow; snapshot: CourseSnapshot },
): Promise<CompletionOutcome> {
  const enrolment = locked?.enrolment ?? (await findEnrolment(tx, courseId, actor.id, { lock: true }))
  if (!enrolment || enrolment.completedAt) return { enrolment, certificate: null, justCompleted: false }
  const snapshot = locked?.snapshot ?? (await loadVersion(tx, courseId, enrolment.versionNumber))
  if (!snapshot) return { enrolment, certificate: null, justCompleted: false }
  const states = (await loadLessonStates(tx, [enrolment.id])).get(enrolment.id) ?? new Map()
  if (!courseProgress(snapshot, states).complete) return { enrolment, certificate: null, justCompleted: false }
  const [updated] = await tx
    .update(enrolments)
    .set({ completedAt: new Date() })
    .where(eq(enrolments.id, enrolment.id))
    .returning()
  const [learner] = await tx.select({ name: users.name }).from(users).where(eq(users.id, actor.id))
  const certificate = await issueCertificate(tx, {
    enrolmentId: enrolment.id,
    userId: actor.id,
    courseId,
    versionNumber: enrolment.versionNumber,
    learnerName: learner?.name ?? '',
    courseTitle: snapshot.title,
    language: snapshot.language,
  })
  await notify(tx, {
    userIds: [actor.id],
    kind: 'course.completed',
    messageKey: 'training.notify.completed',
    params: { course: snapshot.title, code: certificate.code },
    url: `/certificates/${certificate.code}`,
  })
  return {
    enrolment: updated,
    certificate: { code: certificate.code, issuedAt: certificate.issuedAt },
    justCompleted: true,
  }
}

/**
 * "Mark as complete" on a lesson without a quiz; completes the course when it was the last thing missing.
 * A lesson with a quiz is completed by passing it (submitQuiz), never by hand.
 */
export async function completeLesson(actor: Actor, courseId: string, lessonKey: string): Promise<CompletionOutcome> {
  return db.transaction(async (tx) => {
    // The enrolment row is locked so that two tabs completing the last lessons issue one certificate.
    const { enrolment, snapshot } = await requireEnrolment(tx, actor, courseId, { lock: true })
    const lesson = findLesson(snapshot, lessonKey)
    if (lesson.quiz) throw new Refusal('training.error.completedByQuiz', { status: 409 })
    const now = new Date()
    await tx
      .insert(lessonProgress)
      .values({ enrolmentId: enrolment.id, lessonKey: lesson.key, completedAt: now })
      .onConflictDoUpdate({
        target: [lessonProgress.enrolmentId, lessonProgress.lessonKey],
        set: { completedAt: sql`coalesce(${lessonProgress.completedAt}, ${now.toISOString()}::timestamptz)` },
      })
    await tx.update(enrolments).set({ lastActivityAt: now }).where(eq(enrolments.id, enrolment.id))
    return completeIfDone(tx, actor, courseId, { enrolment, snapshot })
  })
}

export type QuizSubmission =
  | { ok: false; unanswered: string[]; answers: QuizAnswers }
  | ({ ok: true; attemptId: string; passed: boolean; scorePercent: number } & CompletionOutcome)

/** Grades a quiz on the server. Passing also completes the lesson. */
export async function submitQuiz(
  actor: Actor,
  courseId: string,
  lessonKey: string,
  chosen: ChosenOptions,
): Promise<QuizSubmission> {
  return db.transaction(async (tx) => {
    // Locked so that parallel submissions cannot exceed the attempt limit.
    const { enrolment, snapshot } = await requireEnrolment(tx, actor, courseId, { lock: true })
    const lesson = findLesson(snapshot, lessonKey)
    const quiz = lesson.quiz
    if (!quiz) notFound()
    const previous = await attemptsOf(tx, enrolment.id, lesson.key)
    if (previous.some((a) => a.passed)) throw new Refusal('training.error.quizPassed')
    if (attemptsRemaining(quiz.maxAttempts, enrolment, lesson.key, previous.length) === 0)
      throw new Refusal('training.error.noAttemptsLeft')
    const answers = readQuizAnswers(chosen, quiz)
    const unanswered = unansweredQuestions(quiz, answers)
    if (unanswered.length) return { ok: false, unanswered, answers }
    const grade = gradeQuiz(quiz, answers)
    const now = new Date()
    const [attempt] = await tx
      .insert(quizAttempts)
      .values({
        enrolmentId: enrolment.id,
        lessonKey: lesson.key,
        versionNumber: enrolment.versionNumber,
        scorePercent: grade.scorePercent,
        correctCount: grade.correctCount,
        questionCount: grade.questionCount,
        passed: grade.passed,
        answers,
        submittedAt: now,
      })
      .returning({ id: quizAttempts.id })
    if (grade.passed) {
      await tx
        .insert(lessonProgress)
        .values({ enrolmentId: enrolment.id, lessonKey: lesson.key, completedAt: now })
        .onConflictDoUpdate({
          target: [lessonProgress.enrolmentId, lessonProgress.lessonKey],
          set: { completedAt: now },
        })
    }
    await tx.update(enrolments).set({ lastActivityAt: now }).where(eq(enrolments.id, enrolment.id))
    const outcome = grade.passed
      ? await completeIfDone(tx, actor, courseId, { enrolment, snapshot })
      : { enrolment, certificate: null, justCompleted: false }
    return { ok: true, attemptId: attempt.id, passed: grade.passed, scorePercent: grade.scorePercent, ...outcome }
  })
}

/** "My learning": every enrolment with progress, due date and certificate. */
export async function myLearning(actor: Actor) {
  requirePermission(actor, 'course:learn')
  const rows = await db
    .select({
      enrolment: enrolments,
      archivedAt: courses.archivedAt,
      currentVersion: courses.currentVersion,
      certificateCode: certificates.code,
    })
    .from(enrolments)
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .leftJoin(certificates, eq(certificates.enrolmentId, enrolments.id))
    .where(eq(enrolments.userId, actor.id))
    .orderBy(
      sql`${enrolments.completedAt} IS NOT NULL`,
      sql`${enrolments.dueAt} ASC NULLS LAST`,
      desc(enrolments.lastActivityAt),
    )
  const versions = await loadVersions(
    db,
    rows.map((r) => ({ courseId: r.enrolment.courseId, number: r.enrolment.versionNumber })),
  )
  const states = await loadLessonStates(
    db,
    rows.map((r) => r.enrolment.id),
  )
  return rows.flatMap((r) => {
    const snapshot = versions.get(`${r.enrolment.courseId}:${r.enrolment.versionNumber}`)
    if (!snapshot) return []
    const progress = courseProgress(snapshot, states.get(r.enrolment.id) ?? new Map())
    return [
      {
        courseId: r.enrolment.courseId,
        title: snapshot.title,
        language: snapshot.language,
        coverColor: snapshot.coverColor,
        coverImage: snapshot.coverImage ?? null,
        version: r.enrolment.versionNumber,
        source: r.enrolment.source,
        dueAt: r.enrolment.dueAt,
        enrolledAt: r.enrolment.enrolledAt,
        completedAt: r.enrolment.completedAt,
        lastActivityAt: r.enrolment.lastActivityAt,
        overdue: !r.enrolment.completedAt && !!r.enrolment.dueAt && r.enrolment.dueAt.getTime() < Date.now(),
        progress,
        certificateCode: r.certificateCode,
      },
    ]
  })
}

/** The published catalogue (what learners see: each course's current version), with the actor's own status. */
export async function listCatalogue(actor: Actor, filter: { q?: string; language?: string } = {}) {
  requirePermission(actor, 'course:learn')
  const q = filter.q === undefined ? undefined : escapeLike(filter.q.trim())
  const rows = await db
    .select({
      id: courses.id,
      content: courseVersions.content,
      version: courseVersions.number,
      publishedAt: courseVersions.publishedAt,
      ownerName: users.name,
      enrolmentId: enrolments.id,
      completedAt: enrolments.completedAt,
      dueAt: enrolments.dueAt,
    })
    .from(courses)
    .innerJoin(
      courseVersions,
      and(eq(courseVersions.courseId, courses.id), eq(courseVersions.number, courses.currentVersion)),
    )
    .innerJoin(users, eq(users.id, courses.ownerId))
    .leftJoin(enrolments, and(eq(enrolments.courseId, courses.id), eq(enrolments.userId, actor.id)))
    .where(
      and(
        isNull(courses.archivedAt),
        filter.language === 'bg' || filter.language === 'en'
          ? sql`${courseVersions.content}->>'language' = ${filter.language}`
          : undefined,
        q
          ? sql`(${courseVersions.content}->>'title' ILIKE ${`%${q}%`}
              OR ${courseVersions.content}->>'summary' ILIKE ${`%${q}%`})`
          : undefined,
      ),
    )
    .orderBy(desc(courseVersions.publishedAt))
  return rows.map((r) => ({
    id: r.id,
    title: r.content.title,
    summary: r.content.summary,
    language: r.content.language,
    coverColor: r.content.coverColor,
    coverImage: r.content.coverImage ?? null,
    estimatedMinutes: r.content.estimatedMinutes,
    audienceRoles: r.content.audienceRoles,
    audienceKinds: r.content.audienceKinds,
    moduleCount: r.content.modules.length,
    lessonCount: lessonsInOrder(r.content).length,
    version: r.version,
    ownerName: r.ownerName,
    enrolled: !!r.enrolmentId,
    completed: !!r.completedAt,
    dueAt: r.dueAt,
    forMe: r.content.audienceRoles.length === 0 || r.content.audienceRoles.includes(actor.role),
  }))
}
