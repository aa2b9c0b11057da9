import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { sendCourseDueReminders } from '../../app/features/training/reminders.server'
import { db } from '../../db/client.server'
import { enrolments, notifications } from '../../db/schema'
import { makeUser } from '../../seed/builders/identity'
import { makeCourse, makeEnrolment } from '../../seed/builders/training'

const days = (n: number) => new Date(Date.now() + n * 86400_000)

describe('course due-date reminders', () => {
  it('reminds unfinished learners once, three days before the due date, and nobody else', async () => {
    const trainer = await makeUser(db, { role: 'trainer' })
    const { course, lessonIds } = await makeCourse(db, { ownerId: trainer.id, title: 'Курс със срок', publish: true })
    const soon = await makeUser(db)
    const later = await makeUser(db)
    const done = await makeUser(db)
    await makeEnrolment(db, {
      courseId: course.id,
      userId: soon.id,
      learnerName: soon.name,
      source: 'assigned',
      dueAt: days(2),
    })
    await makeEnrolment(db, {
      courseId: course.id,
      userId: later.id,
      learnerName: later.name,
      source: 'assigned',
      dueAt: days(10),
    })
    await makeEnrolment(db, {
      courseId: course.id,
      userId: done.id,
      learnerName: done.name,
      source: 'assigned',
      dueAt: days(1),
      completedLessonKeys: lessonIds,
    })

    await sendCourseDueReminders()
    await sendCourseDueReminders()
    const reminders = await db.select().from(notifications).where(eq(notifications.kind, 'course.dueSoon'))
    const mine = reminders.filter((n) => [soon.id, later.id, done.id].includes(n.userId))
    expect(mine.map((n) => n.userId)).toEqual([soon.id])
    expect(mine[0]).toMatchObject({
      url: `/training/courses/${course.id}`,
      params: expect.objectContaining({ course: 'Курс със срок' }),
    })

    // When a due date moves closer, that learner is reminded too.
    await db
      .update(enrolments)
      .set({ dueAt: days(2.5) })
      .where(and(eq(enrolments.courseId, course.id), eq(enrolments.userId, later.id)))
    await sendCourseDueReminders()
    expect(
      await db
        .select()
        .from(notifications)
        .where(and(eq(notifications.kind, 'course.dueSoon'), eq(notifications.userId, later.id))),
    ).toHaveLength(1)
  })
})
