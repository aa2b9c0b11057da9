import { describe, expect, it } from 'vitest'

import { courseAnalytics } from '../../app/features/training/analytics.server'
import { createCourse, getCourseDraft, listAuthoredCourses } from '../../app/features/training/authoring.server'
import {
  completeLesson,
  enrol,
  getCourseForLearner,
  openLesson,
  submitQuiz,
} from '../../app/features/training/learning.server'
import { publishCourse } from '../../app/features/training/publishing.server'
import { loadVersion } from '../../app/features/training/versions.server'
import { db } from '../../db/client.server'
import { makeUser } from '../../seed/builders/identity'
import { makeQuizCourse } from '../../seed/builders/training'

describe('training core', () => {
  it('runs a learner through lesson, failed and passed quiz to a certificate', async () => {
    const trainer = await makeUser(db, { role: 'trainer' })
    const staff = await makeUser(db, { role: 'staff' })
    const { course } = await makeQuizCourse(db, trainer.id)
    await enrol(staff, course.id)
    const view = await getCourseForLearner(staff, course.id)
    expect(view.progress.totalLessons).toBe(1)
    const lessonKey = view.outline[0].lessons[0].key
    const opened = await openLesson(staff, course.id, lessonKey)
    expect(JSON.stringify(opened.quiz)).not.toContain('correct')
    // A lesson with a quiz is completed by passing it, never by hand.
    await expect(completeLesson(staff, course.id, lessonKey)).rejects.toThrow('training.error.completedByQuiz')
    expect((await getCourseForLearner(staff, course.id)).progress.doneLessons).toBe(0)
    const snapshot = (await loadVersion(db, course.id, 1))!
    const [q1, q2] = snapshot.modules[0].lessons[0].quiz!.questions
    const wrong = await submitQuiz(staff, course.id, lessonKey, {
      [q1.key]: [q1.options[1].id],
      [q2.key]: [q2.options[0].id],
    })
    expect(wrong.ok && wrong.passed).toBe(false)
    const right = await submitQuiz(staff, course.id, lessonKey, {
      [q1.key]: [q1.options[0].id],
      [q2.key]: [q2.options[0].id, q2.options[1].id],
    })
    expect(right.ok && right.passed).toBe(true)
    expect(right.ok && right.certificate?.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    const stats = await courseAnalytics(trainer, course.id)
    expect(stats.totals).toMatchObject({ enrolled: 1, completed: 1, completionRate: 100 })
    expect(stats.quizzes[0]).toMatchObject({ attempts: 2, learners: 1, passedLearners: 1, averageScore: 50 })
  })

  it('refuses to publish a draft without lessons', async () => {
    const trainer = await makeUser(db, { role: 'trainer' })
    const created = await createCourse(trainer, {
      title: 'Нов курс',
      summary: '',
      language: 'bg',
      coverColor: 'green',
      estimatedMinutes: 30,
      audienceRoles: [],
      audienceKinds: [],
      prerequisiteCourseId: null,
    })
    const { tree } = await getCourseDraft(trainer, created.id)
    expect(tree.modules).toHaveLength(0)
    await expect(publishCourse(trainer, created.id)).rejects.toThrow('training.publish.blocked')
  })

  it("lists a trainer their own courses and an admin everyone's", async () => {
    const trainer = await makeUser(db, { role: 'trainer' })
    const otherTrainer = await makeUser(db, { role: 'trainer' })
    const admin = await makeUser(db, { role: 'admin' })
    const { course: own } = await makeQuizCourse(db, trainer.id)
    const { course: other } = await makeQuizCourse(db, otherTrainer.id)
    const ids = async (actor: typeof trainer) => (await listAuthoredCourses(actor)).map((c) => c.id)
    expect(await ids(trainer)).toContain(own.id)
    expect(await ids(trainer)).not.toContain(other.id)
    expect(await ids(admin)).toEqual(expect.arrayContaining([own.id, other.id]))
  })
})
