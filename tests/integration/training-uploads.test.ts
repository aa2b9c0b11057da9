import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import * as lessonEditor from '../../app/routes/training.manage.$courseId.lessons.$lessonId'
import * as upload from '../../app/routes/training.manage.$courseId.upload'
import * as serve from '../../app/routes/uploads.training.$file'
import { db } from '../../db/client.server'
import { lessons, trainingUploads } from '../../db/schema'
import { makeUser } from '../../seed/builders/identity'
import { makeCourse } from '../../seed/builders/training'
import { BASE, context, flashOf, formRequest, getRequest, sessionCookieFor, settle } from '../support/http'
import { TINY_PNG } from '../support/images'

type RouteFn = (args: { request: Request; params: Record<string, string>; context: typeof context }) => Promise<unknown>
const call = (fn: unknown, request: Request, params: Record<string, string>) =>
  settle(() => (fn as RouteFn)({ request, params, context }))

function multipart(
  path: string,
  cookie: string,
  file: { name: string; type: string; bytes: Uint8Array },
  altText: string,
) {
  const form = new FormData()
  form.append('image', new File([new Uint8Array(file.bytes)], file.name, { type: file.type }))
  form.append('altText', altText)
  return new Request(BASE + path, { method: 'POST', body: form, headers: { cookie } })
}

describe('lesson images', () => {
  it('stores an uploaded image, places it in the lesson, keeps it when the text is saved without JavaScript, and serves it safely', async () => {
    const trainer = await makeUser(db, { role: 'trainer' })
    const cookie = await sessionCookieFor(trainer.id)
    const { course, lessonIds } = await makeCourse(db, {
      ownerId: trainer.id,
      modules: [{ lessons: [{ title: 'Урок', body: 'Първи абзац.' }] }],
    })
    const [lessonId] = lessonIds
    const params = { courseId: course.id }
    const path = `/training/manage/${course.id}/upload?lesson=${lessonId}`

    const done = (await call(
      upload.action,
      multipart(path, cookie, { name: 'map.png', type: 'image/png', bytes: TINY_PNG }, 'Карта на района'),
      params,
    )) as Response
    expect(done.status).toBe(302)
    expect(done.headers.get('location')).toBe(`/training/manage/${course.id}/lessons/${lessonId}#images`)
    const [stored] = await db.select().from(trainingUploads).where(eq(trainingUploads.courseId, course.id))
    expect(stored).toMatchObject({ contentType: 'image/png', byteSize: TINY_PNG.length, altText: 'Карта на района' })
    const [withImage] = await db.select().from(lessons).where(eq(lessons.id, lessonId))
    expect(JSON.stringify(withImage.body)).toContain(`/uploads/training/${stored.fileName}`)

    // A save from the plain textarea with the text unchanged keeps the image.
    await call(
      lessonEditor.action,
      formRequest(
        `/training/manage/${course.id}/lessons/${lessonId}`,
        {
          intent: 'save',
          title: 'Урок',
          moduleId: withImage.moduleId,
          body: withImage.bodyText,
          estimatedMinutes: '10',
        },
        { cookie },
      ),
      { courseId: course.id, lessonId },
    )
    const [afterSave] = await db.select().from(lessons).where(eq(lessons.id, lessonId))
    expect(JSON.stringify(afterSave.body)).toContain(stored.fileName)

    const served = (await call(serve.loader, getRequest(`/uploads/training/${stored.fileName}`, { cookie }), {
      file: stored.fileName,
    })) as Response
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(served.headers.get('x-content-type-options')).toBe('nosniff')
    expect(Buffer.from(await served.arrayBuffer()).equals(TINY_PNG)).toBe(true)
    const anonymous = (await call(serve.loader, getRequest(`/uploads/training/${stored.fileName}`), {
      file: stored.fileName,
    })) as Response
    expect(anonymous.status).toBe(302)
  })

  it('refuses a file that is not an image whatever it claims to be, and a stranger’s upload', async () => {
    const trainer = await makeUser(db, { role: 'trainer' })
    const stranger = await makeUser(db, { role: 'trainer' })
    const { course, lessonIds } = await makeCourse(db, { ownerId: trainer.id })
    const path = `/training/manage/${course.id}/upload?lesson=${lessonIds[0]}`
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    const send = async (userId: string, bytes: Uint8Array, altText: string) =>
      (await call(
        upload.action,
        multipart(path, await sessionCookieFor(userId), { name: 'a.png', type: 'image/png', bytes }, altText),
        { courseId: course.id },
      )) as Response
    const refused = await send(trainer.id, svg, 'x')
    expect(refused.status).toBe(302)
    expect(await flashOf(refused)).toMatchObject({ key: 'training.error.upload.type', kind: 'error' })
    // An image needs its description in words; a blank one is refused before anything is stored.
    const undescribed = await send(trainer.id, TINY_PNG, '  ')
    expect(await flashOf(undescribed)).toMatchObject({ key: 'training.error.upload.alt', kind: 'error' })
    expect((await send(stranger.id, TINY_PNG, 'a')).status).toBe(403)
    expect(await db.select().from(trainingUploads).where(eq(trainingUploads.courseId, course.id))).toHaveLength(0)
  })
})
