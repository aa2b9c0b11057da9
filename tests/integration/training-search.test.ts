import { describe, expect, it } from 'vitest'

import { SEARCH_SOURCES } from '../../app/features/search/sources.server'
import { archiveCourse, publishCourse } from '../../app/features/training/publishing.server'
import { courseSearchSource } from '../../app/features/training/search.server'
import { db } from '../../db/client.server'
import { searchEngine } from '../../search/engines'
import { drainSearchOutbox } from '../../search/worker'
import { makeUser } from '../../seed/builders/identity'
import { makeCourse } from '../../seed/builders/training'

describe('training search', () => {
  it('indexes published courses for staff only, never drafts, and drops archived ones', async () => {
    const trainer = await makeUser(db, { role: 'trainer' })
    const word = `Фасилитация${Date.now().toString(36)}`
    const { course } = await makeCourse(db, {
      ownerId: trainer.id,
      title: `Курс по ${word}`,
      modules: [{ lessons: [{ title: 'Урок', body: `Текст за ${word} и разговори.` }] }],
    })
    expect(await courseSearchSource.load([course.id])).toEqual([])

    await publishCourse(trainer, course.id)
    const [doc] = await courseSearchSource.load([course.id])
    expect(doc).toMatchObject({
      type: 'course',
      id: course.id,
      visibility: 'staff',
      url: `/training/courses/${course.id}`,
    })
    expect(doc.body).toContain(word)

    await drainSearchOutbox(SEARCH_SOURCES, { maxBatches: 5 })
    const staffHits = await searchEngine().search({ q: word, audience: 'staff' })
    expect(staffHits.hits.map((h) => h.id)).toContain(course.id)
    const publicHits = await searchEngine().search({ q: word, audience: 'public' })
    expect(publicHits.hits.map((h) => h.id)).not.toContain(course.id)

    await archiveCourse(trainer, course.id, true)
    await drainSearchOutbox(SEARCH_SOURCES, { maxBatches: 5 })
    expect((await searchEngine().search({ q: word, audience: 'staff' })).hits.map((h) => h.id)).not.toContain(course.id)
  })
})
