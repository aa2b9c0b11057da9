import { and, eq } from 'drizzle-orm'

import {
  docToPlainText,
  parseRichTextDoc,
  plainTextToDoc,
  type RichTextDoc,
} from '../../app/features/richtext/document'
import { newCertificateCode } from '../../app/features/training/certificates.server'
import { createVersion } from '../../app/features/training/publishing.server'
import type { DbOrTx } from '../../db/client.server'
import {
  certificates,
  courseModules,
  courses,
  courseVersions,
  enrolments,
  lessonProgress,
  lessons,
  quizAttempts,
  quizQuestions,
} from '../../db/schema'
import type { InstitutionKind, Locale, Role } from '../../db/schema/identity'
import type { CourseColor, QuestionKind } from '../../db/schema/training'

let counter = 0
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`

export interface QuestionSpec {
  prompt: string
  kind?: QuestionKind
  explanation?: string
  options: { text: string; correct?: boolean }[]
}

export interface LessonSpec {
  title?: string
  /** Plain text (blank lines separate paragraphs) or a rich-text document. */
  body?: string | RichTextDoc
  videoUrl?: string | null
  estimatedMinutes?: number
  quiz?: { passPercent?: number; maxAttempts?: number | null; shuffle?: boolean; questions: QuestionSpec[] }
}

export interface CourseSpec {
  ownerId: string
  title?: string
  summary?: string
  language?: Locale
  coverColor?: CourseColor
  estimatedMinutes?: number
  audienceRoles?: Role[]
  audienceKinds?: InstitutionKind[]
  prerequisiteCourseId?: string | null
  modules?: { title?: string; lessons: LessonSpec[] }[]
  /** Publish version 1 right away. */
  publish?: boolean
}

/** A course draft with modules, lessons and quizzes, optionally published; shared by tests and seeds. */
export async function makeCourse(db: DbOrTx, spec: CourseSpec) {
  const [course] = await db
    .insert(courses)
    .values({
      ownerId: spec.ownerId,
      title: spec.title ?? `Курс ${unique()}`,
      summary: spec.summary ?? 'Кратко описание на курса.',
      language: spec.language ?? 'bg',
      coverColor: spec.coverColor ?? 'blue',
      estimatedMinutes: spec.estimatedMinutes ?? 30,
      audienceRoles: spec.audienceRoles ?? [],
      audienceKinds: spec.audienceKinds ?? [],
      prerequisiteCourseId: spec.prerequisiteCourseId ?? null,
    })
    .returning()
  const modules = spec.modules ?? [{ lessons: [{}] }]
  const lessonIds: string[] = []
  const questionIds: string[] = []
  for (const [mi, m] of modules.entries()) {
    const [module] = await db
      .insert(courseModules)
      .values({ courseId: course.id, position: mi + 1, title: m.title ?? `Модул ${mi + 1}` })
      .returning()
    for (const [li, l] of m.lessons.entries()) {
      const body =
        typeof l.body === 'object'
          ? (parseRichTextDoc(l.body) ?? plainTextToDoc(''))
          : plainTextToDoc(l.body ?? 'Съдържание на урока.')
      const [lesson] = await db
        .insert(lessons)
        .values({
          courseId: course.id,
          moduleId: module.id,
          position: li + 1,
          title: l.title ?? `Урок ${mi + 1}.${li + 1}`,
          body,
          bodyText: docToPlainText(body),
          videoUrl: l.videoUrl ?? null,
          estimatedMinutes: l.estimatedMinutes ?? 10,
          quizPassPercent: l.quiz ? (l.quiz.passPercent ?? 70) : null,
          quizMaxAttempts: l.quiz?.maxAttempts ?? null,
          quizShuffle: l.quiz?.shuffle ?? true,
        })
        .returning()
      lessonIds.push(lesson.id)
      for (const [qi, q] of (l.quiz?.questions ?? []).entries()) {
        const [question] = await db
          .insert(quizQuestions)
          .values({
            lessonId: lesson.id,
            position: qi + 1,
            kind: q.kind ?? 'single',
            prompt: q.prompt,
            explanation: q.explanation ?? '',
            options: q.options.map((o) => ({ id: crypto.randomUUID(), text: o.text, correct: !!o.correct })),
          })
          .returning()
        questionIds.push(question.id)
      }
    }
  }
  if (spec.publish) {
    const [fresh] = await db.select().from(courses).where(eq(courses.id, course.id))
    await createVersion(db, fresh, spec.ownerId)
  }
  const [final] = await db.select().from(courses).where(eq(courses.id, course.id))
  return { course: final, lessonIds, questionIds }
}

/** A one-module course whose only lesson ends with a two-question quiz; answers are given by option text. */
export async function makeQuizCourse(
  db: DbOrTx,
  ownerId: string,
  options: { maxAttempts?: number | null; passPercent?: number; publish?: boolean } = {},
) {
  return makeCourse(db, {
    ownerId,
    publish: options.publish ?? true,
    modules: [
      {
        title: 'Модул 1',
        lessons: [
          {
            title: 'Първата среща',
            body: 'Представете се с име и институция.',
            quiz: {
              passPercent: options.passPercent ?? 100,
              maxAttempts: options.maxAttempts ?? null,
              questions: [
                {
                  prompt: 'Кога се представяте?',
                  options: [{ text: 'В началото', correct: true }, { text: 'Накрая' }],
                  explanation: 'Доверието започва от първата минута.',
                },
                {
                  prompt: 'Какво носите?',
                  kind: 'multiple',
                  options: [
                    { text: 'Служебна карта', correct: true },
                    { text: 'Брошура', correct: true },
                    { text: 'Нищо' },
                  ],
                },
              ],
            },
          },
        ],
      },
    ],
  })
}

export interface EnrolmentSpec {
  courseId: string
  userId: string
  learnerName: string
  source?: 'self' | 'assigned'
  assignedBy?: string | null
  dueAt?: Date | null
  /** Lessons marked complete; quizzes in them are recorded as passed with this score. */
  completedLessonKeys?: string[]
  quizScore?: number
  /** Failed attempts recorded before the passing one, per quiz lesson. */
  failedAttempts?: number
  enrolledAt?: Date
}

/**
 * An enrolment with progress already made; completes the course and issues the certificate when every lesson is done.
 */
export async function makeEnrolment(db: DbOrTx, spec: EnrolmentSpec) {
  const [course] = await db.select().from(courses).where(eq(courses.id, spec.courseId))
  const versionNumber = course.currentVersion!
  const [version] = await db
    .select()
    .from(courseVersions)
    .where(and(eq(courseVersions.courseId, spec.courseId), eq(courseVersions.number, versionNumber)))
  const allLessons = version.content.modules.flatMap((m) => m.lessons)
  const enrolledAt = spec.enrolledAt ?? new Date()
  const [enrolment] = await db
    .insert(enrolments)
    .values({
      courseId: spec.courseId,
      userId: spec.userId,
      versionNumber,
      source: spec.source ?? 'self',
      assignedBy: spec.assignedBy ?? null,
      dueAt: spec.dueAt ?? null,
      enrolledAt,
      lastActivityAt: enrolledAt,
    })
    .returning()
  const done = new Set(spec.completedLessonKeys ?? [])
  for (const lesson of allLessons.filter((l) => done.has(l.key))) {
    await db
      .insert(lessonProgress)
      .values({ enrolmentId: enrolment.id, lessonKey: lesson.key, viewedAt: enrolledAt, completedAt: enrolledAt })
    if (!lesson.quiz) continue
    const total = lesson.quiz.questions.length
    for (let i = 0; i < (spec.failedAttempts ?? 0); i++) {
      const correct = Math.max(0, Math.floor(total / 2) - 1)
      await db.insert(quizAttempts).values({
        enrolmentId: enrolment.id,
        lessonKey: lesson.key,
        versionNumber,
        scorePercent: Math.round((correct / total) * 100),
        correctCount: correct,
        questionCount: total,
        passed: false,
        answers: {},
        submittedAt: enrolledAt,
      })
    }
    const score = spec.quizScore ?? 100
    await db.insert(quizAttempts).values({
      enrolmentId: enrolment.id,
      lessonKey: lesson.key,
      versionNumber,
      scorePercent: score,
      correctCount: Math.round((score / 100) * total),
      questionCount: total,
      passed: true,
      answers: {},
      submittedAt: enrolledAt,
    })
  }
  const complete = allLessons.length > 0 && allLessons.every((l) => done.has(l.key))
  let certificateCode: string | null = null
  if (complete) {
    await db.update(enrolments).set({ completedAt: enrolledAt }).where(eq(enrolments.id, enrolment.id))
    const [certificate] = await db
      .insert(certificates)
      .values({
        code: newCertificateCode(),
        enrolmentId: enrolment.id,
        userId: spec.userId,
        courseId: spec.courseId,
        versionNumber,
        learnerName: spec.learnerName,
        courseTitle: version.content.title,
        language: version.content.language,
        issuedAt: enrolledAt,
      })
      .returning()
    certificateCode = certificate.code
  }
  return { enrolment, certificateCode }
}
