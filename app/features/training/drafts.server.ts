import { asc, eq, inArray, type SQL } from 'drizzle-orm'

import type { DbOrTx } from '../../../db/client.server'
import { courseModules, lessons, quizQuestions } from '../../../db/schema'
import type { CourseSnapshot } from '../../../db/schema/training'
import type { CourseRow } from './access.server'

export type ModuleRow = typeof courseModules.$inferSelect
export type LessonRow = typeof lessons.$inferSelect
export type QuestionRow = typeof quizQuestions.$inferSelect

/** The tables of a course's draft outline: each row has a position within its parent. */
export type CoursePart = typeof courseModules | typeof lessons | typeof quizQuestions

/** Modules, lessons or questions under `parent` (a course, a module or a lesson), in their order. */
export function partsInOrder<T extends CoursePart>(runner: DbOrTx, table: T, parent: SQL) {
  return runner
    .select()
    .from(table as CoursePart)
    .where(parent)
    .orderBy(asc(table.position)) as Promise<T['$inferSelect'][]>
}

export interface DraftTree {
  modules: (ModuleRow & { lessons: (LessonRow & { questions: QuestionRow[] })[] })[]
}

/** The draft outline of a course: modules → lessons → quiz questions, each in its order. */
export async function loadDraftTree(runner: DbOrTx, courseId: string): Promise<DraftTree> {
  const moduleRows = await partsInOrder(runner, courseModules, eq(courseModules.courseId, courseId))
  const lessonRows = await partsInOrder(runner, lessons, eq(lessons.courseId, courseId))
  const lessonIds = lessonRows.map((l) => l.id)
  const questionRows = lessonIds.length
    ? await partsInOrder(runner, quizQuestions, inArray(quizQuestions.lessonId, lessonIds))
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
