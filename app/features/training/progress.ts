import type { CourseSnapshot, SnapshotLesson } from '../../../db/schema/training'

export interface LessonState {
  completed: boolean
  viewed: boolean
  quizPassed: boolean
}

export interface CourseProgress {
  totalLessons: number
  doneLessons: number
  percent: number
  complete: boolean
  /** The first lesson not done yet, in course order (where the learner continues, or stopped). */
  nextLessonKey: string | null
}

export function lessonsInOrder(snapshot: CourseSnapshot): SnapshotLesson[] {
  return snapshot.modules.flatMap((m) => m.lessons)
}

/** A lesson with a quiz is done when its quiz is passed (as in Moodle); one without, when marked complete. */
export function isLessonDone(lesson: SnapshotLesson, state: LessonState | undefined): boolean {
  return lesson.quiz ? !!state?.quizPassed : !!state?.completed
}

export type LessonStatus = 'done' | 'viewed' | 'todo'

/** What the course outline says of a lesson — from the same rule as progress and the lesson page. */
export function lessonStatus(lesson: SnapshotLesson, state: LessonState | undefined): LessonStatus {
  return isLessonDone(lesson, state) ? 'done' : state?.viewed ? 'viewed' : 'todo'
}

/** Progress of one learner in one version; lesson states are keyed by stable lesson keys. */
export function courseProgress(snapshot: CourseSnapshot, states: ReadonlyMap<string, LessonState>): CourseProgress {
  const lessons = lessonsInOrder(snapshot)
  const done = lessons.filter((l) => isLessonDone(l, states.get(l.key)))
  const next = lessons.find((l) => !isLessonDone(l, states.get(l.key)))
  return {
    totalLessons: lessons.length,
    doneLessons: done.length,
    percent: lessons.length === 0 ? 0 : Math.round((done.length / lessons.length) * 100),
    complete: lessons.length > 0 && done.length === lessons.length,
    nextLessonKey: next?.key ?? null,
  }
}
