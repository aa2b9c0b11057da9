import { asc, eq, inArray } from 'drizzle-orm'

import type { DbOrTx } from '../../../db/client.server'
import { courseModules, lessons, quizQuestions } from '../../../db/schema'
import type { CourseSnapshot } from '../../../db/schema/training'
import type { CourseRow } from './access.server'

export type ModuleRow = typeof courseModules.$inferSelect
export type LessonRow = typeof lessons.$inferSelect
export type QuestionRow = typeof quizQuestions.$inferSelect

export interface DraftTree {
  modules: (ModuleRow & { lessons: (LessonRow & { questions: QuestionRow[] })[] })[]
}

/** The draft outline of a course: modules → lessons → quiz questions, each in its order. */
export async function loadDraftTree(runner: DbOrTx, courseId: string): Promise<DraftTree> {
  const moduleRows = await runner
    .select()
    .from(courseModules)
    .where(eq(courseModules.courseId, courseId))
    .orderBy(asc(courseModules.position))
  const lessonRows = await runner
    .select()
    .from(lessons)
    .where(eq(lessons.courseId, courseId))
    .orderBy(asc(lessons.position))
  const questionRows = lessonRows.length
    ? await runner
        .select()
        .from(quizQuestions)
        .where(
          inArray(
            quizQuestions.lessonId,
            lessonRows.map((l) => l.id),
          ),
        )
        .orderBy(asc(quizQuestions.position))
    : []
  return {
    modules: moduleRows.map((m) => ({
      ...m,
      lessons: lessonRows
        .filter((l) => l.moduleId === m.id)
        .map((l) => ({ ...l, questions: questionRows.filter((q) => q.lessonId === l.id) })),
    })),
  }
}

/** The immutable copy learners will read; keys are the draft rows' ids, stable across versions. */
export function snapshotOf(course: CourseRow, tree: DraftTree): CourseSnapshot {
  return {
    title: course.title,
    summary: course.summary,
    language: course.language,
    coverColor: course.coverColor,
    coverImage: course.coverImage,
    estimatedMinutes: course.estimatedMinutes,
    audienceRoles: course.audienceRoles,
    audienceKinds: course.audienceKinds,
    prerequisiteCourseId: course.prerequisiteCourseId,
    modules: tree.modules.map((m) => ({
      key: m.id,
      title: m.title,
      lessons: m.lessons.map((l) => ({
        key: l.id,
        title: l.title,
        body: l.body,
        bodyText: l.bodyText,
        videoUrl: l.videoUrl,
        estimatedMinutes: l.estimatedMinutes,
        quiz:
          l.quizPassPercent === null
            ? null
            : {
                passPercent: l.quizPassPercent,
                maxAttempts: l.quizMaxAttempts,
                shuffle: l.quizShuffle,
                questions: l.questions.map((q) => ({
                  key: q.id,
                  kind: q.kind,
                  prompt: q.prompt,
                  explanation: q.explanation,
                  options: q.options,
                })),
              },
      })),
    })),
  }
}

export interface DraftProblem {
  key: string
  params?: Record<string, string | number>
}

/** What stops a draft from being published, in words a trainer can act on. */
export function draftProblems(tree: DraftTree): DraftProblem[] {
  const problems: DraftProblem[] = []
  const allLessons = tree.modules.flatMap((m) => m.lessons)
  if (allLessons.length === 0) problems.push({ key: 'training.publish.problem.noLessons' })
  for (const m of tree.modules)
    if (m.lessons.length === 0)
      problems.push({ key: 'training.publish.problem.emptyModule', params: { module: m.title } })
  for (const l of allLessons) {
    if (l.quizPassPercent !== null && l.questions.length === 0)
      problems.push({ key: 'training.publish.problem.emptyQuiz', params: { lesson: l.title } })
  }
  return problems
}
