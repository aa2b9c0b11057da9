import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { docToPlainText, parseRichTextDoc } from '../../app/features/richtext/document'
import { certificates, courseVersions } from '../../db/schema'
import { seedIdentity } from '../../seed/demo/identity'
import { seedTraining } from '../../seed/demo/training'
import { inRolledBackTransaction } from '../support/database'

describe('training demo data', () => {
  it('seeds the Bulgarian field-communication course (3 modules, 8+ lessons, 2 quizzes) and an English course', async () => {
    await inRolledBackTransaction(async (tx) => {
      const identity = await seedIdentity(tx)
      const { fieldCourseId, englishCourseId } = await seedTraining(tx, identity)
      const [field] = await tx.select().from(courseVersions).where(eq(courseVersions.courseId, fieldCourseId))
      const content = field.content
      expect(content.title).toBe('Теренна комуникация със семейства')
      expect(content.modules).toHaveLength(3)
      const lessons = content.modules.flatMap((m) => m.lessons)
      expect(lessons.length).toBeGreaterThanOrEqual(8)
      expect(lessons.filter((l) => l.quiz)).toHaveLength(2)
      for (const lesson of lessons) {
        expect(docToPlainText(lesson.body).length).toBeGreaterThan(400)
        // What the seed wrote survives the editor's whitelist unchanged (nothing is silently dropped).
        expect(docToPlainText(parseRichTextDoc(lesson.body)!)).toBe(docToPlainText(lesson.body))
      }
      for (const quiz of lessons.flatMap((l) => (l.quiz ? [l.quiz] : []))) {
        for (const q of quiz.questions) expect(q.options.filter((o) => o.correct).length).toBeGreaterThanOrEqual(1)
      }
      const [english] = await tx.select().from(courseVersions).where(eq(courseVersions.courseId, englishCourseId))
      expect(english.content.language).toBe('en')
      const issued = await tx.select().from(certificates).where(eq(certificates.courseId, fieldCourseId))
      expect(issued.map((c) => c.learnerName)).toEqual([identity.users['social.worker@demo.bg'].name])
    })
  })
})
