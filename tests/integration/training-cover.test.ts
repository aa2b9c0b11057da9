import { eq } from 'drizzle-orm'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

import { Refusal } from '../../app/features/platform/refusal.server'
import { setCoverImage } from '../../app/features/training/authoring.server'
import { CourseCover } from '../../app/features/training/CourseCard'
import { publishCourse } from '../../app/features/training/publishing.server'
import { listCourseImages } from '../../app/features/training/uploads.server'
import * as catalogue from '../../app/routes/training._index'
import * as coursePage from '../../app/routes/training.courses.$courseId._index'
import * as manageList from '../../app/routes/training.manage._index'
import * as cover from '../../app/routes/training.manage.$courseId.cover'
import * as serve from '../../app/routes/uploads.training.$file'
import { db } from '../../db/client.server'
import { courses, trainingUploads } from '../../db/schema'
import { makeUser } from '../../seed/builders/identity'
import { makeCourse } from '../../seed/builders/training'
import { BASE, context, formRequest, getRequest, payloadOf, sessionCookieFor, settle } from '../support/http'

type RouteFn = (args: { request: Request; params: Record<string, string>; context: typeof context }) => Promise<unknown>
const call = (fn: unknown, request: Request, params: Record<string, string> = {}) =>
  settle(() => (fn as RouteFn)({ request, params, context }))

// The smallest valid PNG (1×1, transparent).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)

function coverUpload(courseId: string, cookie: string, file: { name: string; type: string; bytes: Uint8Array }) {
  const form = new FormData()
  form.append('image', new File([new Uint8Array(file.bytes)], file.name, { type: file.type }))
  return new Request(`${BASE}/training/manage/${courseId}/cover`, { method: 'POST', body: form, headers: { cookie } })
}

const coverOf = async (courseId: string) =>
  (
    await db
      .select({ coverImage: courses.coverImage, draftRevision: courses.draftRevision })
      .from(courses)
      .where(eq(courses.id, courseId))
  )[0]

describe('course cover image', () => {
  it('a trainer uploads a cover without JavaScript; learners see it on the card and the course page from the next version; removing it works the same way', async () => {
    const trainer = await makeUser(db, { role: 'trainer' })
    const learner = await makeUser(db, { role: 'staff' })
    const cookie = await sessionCookieFor(trainer.id)
    const learnerCookie = await sessionCookieFor(learner.id)
    const { course } = await makeCourse(db, { ownerId: trainer.id, title: 'Курс с корица', publish: true })
    const params = { courseId: course.id }

    const done = (await call(
      cover.action,
      coverUpload(course.id, cookie, { name: 'cover.png', type: 'image/png', bytes: PNG }),
      params,
    )) as Response
    expect(done.status).toBe(302)
    expect(done.headers.get('location')).toBe(`/training/manage/${course.id}#cover`)
    expect(done.headers.get('set-cookie')).toContain('iwb_flash')

    const [stored] = await db.select().from(trainingUploads).where(eq(trainingUploads.courseId, course.id))
    expect(stored).toMatchObject({
      contentType: 'image/png',
      byteSize: PNG.length,
      altText: '',
      uploadedBy: trainer.id,
    })
    const src = `/uploads/training/${stored.fileName}`
    const draft = await coverOf(course.id)
    expect(draft.coverImage).toBe(src)
    expect(draft.draftRevision).toBe(course.draftRevision + 1)

    // The trainer's own list shows the draft's cover.
    const mine = payloadOf<{ courses: { id: string; coverImage: string | null }[] }>(
      await call(manageList.loader, getRequest('/training/manage', { cookie })),
    )
    expect(mine.courses.find((c) => c.id === course.id)?.coverImage).toBe(src)

    // Learners still see version 1 (no cover) until the trainer publishes again.
    const before = payloadOf<{ courses: { id: string; coverImage: string | null }[] }>(
      await call(catalogue.loader, getRequest('/training', { cookie: learnerCookie })),
    )
    expect(before.courses.find((c) => c.id === course.id)?.coverImage).toBeNull()
    await publishCourse(trainer, course.id, 'Корица')
    const after = payloadOf<{ courses: { id: string; coverImage: string | null }[] }>(
      await call(catalogue.loader, getRequest('/training', { cookie: learnerCookie })),
    )
    expect(after.courses.find((c) => c.id === course.id)?.coverImage).toBe(src)
    const page = payloadOf<{ view: { snapshot: { coverImage: string | null } } }>(
      await call(coursePage.loader, getRequest(`/training/courses/${course.id}`, { cookie: learnerCookie }), params),
    )
    expect(page.view.snapshot.coverImage).toBe(src)

    // The learner can load the file itself, served with its sniffed type.
    const served = (await call(serve.loader, getRequest(src, { cookie: learnerCookie }), {
      file: stored.fileName,
    })) as Response
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/png')

    // Decorative: an empty text description, and the cover is hidden from screen readers.
    const html = renderToStaticMarkup(createElement(CourseCover, { color: 'blue', language: 'bg', image: src }))
    expect(html).toContain(`src="${src}"`)
    expect(html).toContain('alt=""')
    expect(html).toContain('aria-hidden="true"')
    // An address from elsewhere is never loaded.
    expect(
      renderToStaticMarkup(
        createElement(CourseCover, { color: 'blue', language: 'bg', image: 'https://tracker.example/p.gif' }),
      ),
    ).not.toContain('<img')

    // Covers are not offered to the editor's "insert image" (they have no text description); lesson images are.
    expect(await listCourseImages(trainer, course.id)).toEqual([])
    const [lessonImage] = await db
      .insert(trainingUploads)
      .values({
        courseId: course.id,
        uploadedBy: trainer.id,
        fileName: `${crypto.randomUUID()}.png`,
        contentType: 'image/png',
        byteSize: PNG.length,
        altText: 'Карта на района',
      })
      .returning()
    expect(await listCourseImages(trainer, course.id)).toEqual([
      { src: `/uploads/training/${lessonImage.fileName}`, altText: 'Карта на района' },
    ])
    await expect(listCourseImages(learner, course.id)).rejects.toMatchObject({ status: 403 })

    const removed = (await call(
      cover.action,
      formRequest(`/training/manage/${course.id}/cover`, { intent: 'remove' }, { cookie }),
      params,
    )) as Response
    expect(removed.status).toBe(302)
    expect(removed.headers.get('location')).toBe(`/training/manage/${course.id}#cover`)
    expect((await coverOf(course.id)).coverImage).toBeNull()
    // Version 2 keeps its cover until the next publish.
    const still = payloadOf<{ courses: { id: string; coverImage: string | null }[] }>(
      await call(catalogue.loader, getRequest('/training', { cookie: learnerCookie })),
    )
    expect(still.courses.find((c) => c.id === course.id)?.coverImage).toBe(src)
  })

  it('refuses a file that is not an image, another trainer, a learner, and an address that is not this course’s upload; an admin may set it', async () => {
    const trainer = await makeUser(db, { role: 'trainer' })
    const stranger = await makeUser(db, { role: 'trainer' })
    const learner = await makeUser(db, { role: 'staff' })
    const admin = await makeUser(db, { role: 'admin' })
    const { course } = await makeCourse(db, { ownerId: trainer.id })
    const { course: other } = await makeCourse(db, { ownerId: stranger.id })
    const params = { courseId: course.id }

    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    const refused = (await call(
      cover.action,
      coverUpload(course.id, await sessionCookieFor(trainer.id), { name: 'x.png', type: 'image/png', bytes: svg }),
      params,
    )) as Response
    expect(refused.status).toBe(302)
    expect(refused.headers.get('set-cookie')).toContain('iwb_flash')
    const empty = (await call(
      cover.action,
      coverUpload(course.id, await sessionCookieFor(trainer.id), {
        name: 'empty.png',
        type: 'image/png',
        bytes: new Uint8Array(),
      }),
      params,
    )) as Response
    expect(empty.status).toBe(302)

    for (const user of [stranger, learner]) {
      const cookie = await sessionCookieFor(user.id)
      const upload = (await call(
        cover.action,
        coverUpload(course.id, cookie, { name: 'a.png', type: 'image/png', bytes: PNG }),
        params,
      )) as Response
      expect(upload.status).toBe(403)
      const remove = (await call(
        cover.action,
        formRequest(`/training/manage/${course.id}/cover`, { intent: 'remove' }, { cookie }),
        params,
      )) as Response
      expect(remove.status).toBe(403)
    }
    expect(await db.select().from(trainingUploads).where(eq(trainingUploads.courseId, course.id))).toHaveLength(0)
    expect((await coverOf(course.id)).coverImage).toBeNull()

    // Not signed in: to the login page; an unknown action: a plain 400.
    const anonymous = (await call(
      cover.action,
      coverUpload(course.id, '', { name: 'a.png', type: 'image/png', bytes: PNG }),
      params,
    )) as Response
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('location')).toContain('/login')
    const unknown = (await call(
      cover.action,
      formRequest(
        `/training/manage/${course.id}/cover`,
        { intent: 'delete-everything' },
        { cookie: await sessionCookieFor(trainer.id) },
      ),
      params,
    )) as Response
    expect(unknown.status).toBe(400)

    // An admin may set the cover of any course.
    const byAdmin = (await call(
      cover.action,
      coverUpload(course.id, await sessionCookieFor(admin.id), { name: 'a.png', type: 'image/png', bytes: PNG }),
      params,
    )) as Response
    expect(byAdmin.status).toBe(302)
    const [adminUpload] = await db.select().from(trainingUploads).where(eq(trainingUploads.courseId, course.id))
    expect((await coverOf(course.id)).coverImage).toBe(`/uploads/training/${adminUpload.fileName}`)

    // The feature function itself accepts only an image uploaded for this very course.
    const [foreign] = await db
      .insert(trainingUploads)
      .values({
        courseId: other.id,
        uploadedBy: stranger.id,
        fileName: `${crypto.randomUUID()}.png`,
        contentType: 'image/png',
        byteSize: PNG.length,
        altText: '',
      })
      .returning()
    for (const path of [
      `/uploads/training/${foreign.fileName}`,
      '/uploads/training/../../etc/passwd',
      'https://tracker.example/p.gif',
    ]) {
      await expect(setCoverImage(trainer, course.id, path)).rejects.toBeInstanceOf(Refusal)
    }
    await expect(setCoverImage(stranger, course.id, null)).rejects.toMatchObject({ status: 403 })
    expect((await coverOf(course.id)).coverImage).toBe(`/uploads/training/${adminUpload.fileName}`)
  })
})
