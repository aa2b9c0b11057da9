import { randomUUID } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import { and, desc, eq, ne } from 'drizzle-orm'

import { db } from '../../../db/client.server'
import { trainingUploads } from '../../../db/schema'
import { getEnv } from '../../env.server'
import { requirePermission, type Actor } from '../identity/permissions'
import { Refusal } from '../platform/refusal.server'
import { enforcePrivacy } from '../privacy/guard.server'
import { requireEditableCourse } from './access.server'
import { appendImageToLesson, setCoverImage } from './authoring.server'
import { uploadSrc } from './upload-paths'

export { UPLOAD_URL_PREFIX } from './upload-paths'

/** The largest image a trainer may upload: in megabytes as the pages say it, and in bytes. */
export const MAX_IMAGE_MB = 5
export const MAX_IMAGE_BYTES = MAX_IMAGE_MB * 1024 * 1024

const IMAGE_TYPES = {
  png: 'image/png',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
} as const
type ImageExt = keyof typeof IMAGE_TYPES

/** Files live under DATA_DIR/uploads/training (a temporary folder when the database is in memory). */
export function uploadDir(): string {
  const dataDir = getEnv().DATA_DIR
  const base = dataDir.startsWith('memory://') ? path.join(os.tmpdir(), 'iwb-uploads') : path.join(dataDir, 'uploads')
  return path.resolve(base, 'training')
}

/**
 * The type is read from the file's first bytes, never from the name or the browser's claim (no SVG: it can carry
 * script).
 */
export function sniffImage(bytes: Uint8Array): ImageExt | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b)
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png'
  if (starts(0xff, 0xd8, 0xff)) return 'jpg'
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'gif'
  if (
    starts(0x52, 0x49, 0x46, 0x46) &&
    bytes[8] === 0x57 &&
    bytes[9] === 0x45 &&
    bytes[10] === 0x42 &&
    bytes[11] === 0x50
  )
    return 'webp'
  return null
}

/** The refusal of an image over MAX_IMAGE_BYTES (also when the upload itself is cut off at that size). */
export const imageTooLarge = () =>
  new Refusal('training.error.upload.size', { field: 'image', params: { mb: MAX_IMAGE_MB } })

/**
 * Checks, stores and records one image of a course; returns the address it is served at.
 * The caller has already checked that the actor may edit the course.
 */
async function storeCourseImage(actor: Actor, courseId: string, file: File | null, altText: string): Promise<string> {
  if (!file || file.size === 0) throw new Refusal('training.error.upload.missing', { field: 'image' })
  if (file.size > MAX_IMAGE_BYTES) throw imageTooLarge()
  const bytes = new Uint8Array(await file.arrayBuffer())
  const ext = sniffImage(bytes)
  if (!ext) throw new Refusal('training.error.upload.type', { field: 'image' })
  const fileName = `${randomUUID()}.${ext}`
  const dir = uploadDir()
  await mkdir(dir, { recursive: true })
  await writeFile(path.join(dir, fileName), bytes)
  await db.insert(trainingUploads).values({
    courseId,
    uploadedBy: actor.id,
    fileName,
    contentType: IMAGE_TYPES[ext],
    byteSize: bytes.length,
    altText,
  })
  return uploadSrc(fileName)
}

/**
 * Stores an image for a course and places it at the end of a lesson. Its description is read aloud and offered to
 * the course's other editors, so it is checked by the privacy guard before the file or its record is stored.
 */
export async function uploadLessonImage(
  actor: Actor,
  courseId: string,
  lessonId: string,
  file: File | null,
  altText: string,
) {
  await requireEditableCourse(db, actor, courseId)
  if (!altText) throw new Refusal('training.error.upload.alt', { field: 'altText' })
  enforcePrivacy(actor, { altText })
  const src = await storeCourseImage(actor, courseId, file, altText)
  await appendImageToLesson(actor, courseId, lessonId, src, altText)
  return { src }
}

/**
 * Stores a cover image and sets it on the course draft (learners see it from the next published version).
 * Covers are decorative — the title is always written next to them — so they carry no text description.
 */
export async function uploadCoverImage(actor: Actor, courseId: string, file: File | null) {
  await requireEditableCourse(db, actor, courseId)
  const src = await storeCourseImage(actor, courseId, file, '')
  await setCoverImage(actor, courseId, src)
  return { src }
}

/**
 * The lesson images already uploaded for a course (newest first), for the editor's "insert image":
 * each with the text description it was uploaded with. Covers (decorative, no description) are left out.
 */
export async function listCourseImages(actor: Actor, courseId: string) {
  await requireEditableCourse(db, actor, courseId)
  const rows = await db
    .select({ fileName: trainingUploads.fileName, altText: trainingUploads.altText })
    .from(trainingUploads)
    .where(and(eq(trainingUploads.courseId, courseId), ne(trainingUploads.altText, '')))
    .orderBy(desc(trainingUploads.createdAt))
  return rows.map((r) => ({ src: uploadSrc(r.fileName), altText: r.altText }))
}

/** Takes the cover image off the draft; the file stays, since published versions may still show it. */
export async function removeCoverImage(actor: Actor, courseId: string) {
  await setCoverImage(actor, courseId, null)
}

const FILE_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(png|jpg|gif|webp)$/

/** An uploaded image for a signed-in reader, with the stored (sniffed) content type. */
export async function readTrainingUpload(actor: Actor, fileName: string) {
  requirePermission(actor, 'course:learn')
  if (!FILE_NAME.test(fileName)) return null
  const [row] = await db.select().from(trainingUploads).where(eq(trainingUploads.fileName, fileName))
  if (!row) return null
  try {
    return { bytes: await readFile(path.join(uploadDir(), fileName)), contentType: row.contentType }
  } catch {
    return null
  }
}
