import { and, asc, desc, eq, gt, isNull, lt, max, sql, type SQL } from 'drizzle-orm'

import { db, type DbOrTx, type Tx } from '../../../db/client.server'
import {
  courseModules,
  courses,
  courseVersions,
  lessons,
  quizQuestions,
  trainingUploads,
  users,
} from '../../../db/schema'
import type { CourseSnapshot } from '../../../db/schema/training'
import { recordAudit } from '../audit/audit.server'
import { can, requirePermission, type Actor } from '../identity/permissions'
import { notFound } from '../platform/http.server'
import { isUuid } from '../platform/params'
import { Refusal } from '../platform/refusal.server'
import { enforcePrivacy } from '../privacy/guard.server'
import { docToPlainText, plainTextToDoc, toRichText, type RichTextDoc } from '../richtext/document'
import { findCourse, requireEditableCourse, type CourseRow } from './access.server'
import { loadDraftTree, partsInOrder, type CoursePart } from './drafts.server'
import type { CourseInput, LessonSettingsInput, QuestionInput } from './schemas'
import { uploadFileName } from './upload-paths'
import { listVersions, loadVersion } from './versions.server'

/** Every draft change bumps the revision, so the editor can say "unpublished changes". */
async function touchDraft(tx: Tx, courseId: string) {
  await tx
    .update(courses)
    .set({ draftRevision: sql`${courses.draftRevision} + 1`, updatedAt: new Date() })
    .where(eq(courses.id, courseId))
}

/**
 * Runs a draft change with the course row locked: edits, moves and publishing of one course are
 * serialised, so positions never collide and a publish never snapshots half an edit.
 */
async function editDraft<T>(
  actor: Actor,
  courseId: string,
  change: (tx: Tx, course: CourseRow) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const course = await requireEditableCourse(tx, actor, courseId, { lock: true })
    const result = await change(tx, course)
    await touchDraft(tx, courseId)
    return result
  })
}

async function checkPrerequisite(tx: Tx, courseId: string | null, prerequisiteId: string | null) {
  if (!prerequisiteId) return
  if (prerequisiteId === courseId)
    throw new Refusal('training.error.prerequisiteSelf', { field: 'prerequisiteCourseId' })
  const target = await findCourse(tx, prerequisiteId)
  if (!target || target.currentVersion === null) throw new Refusal('errors.choice', { field: 'prerequisiteCourseId' })
  // A chain that leads back to this course would make every course in it impossible to start.
  let next: string | null = prerequisiteId
  for (let depth = 0; next && depth < 20; depth++) {
    const row = await findCourse(tx, next)
    const snapshot: CourseSnapshot | null = row?.currentVersion ? await loadVersion(tx, next, row.currentVersion) : null
    next = snapshot?.prerequisiteCourseId ?? null
    if (next && next === courseId)
      throw new Refusal('training.error.prerequisiteCycle', { field: 'prerequisiteCourseId' })
  }
}

/**
 * Course material is read by every learner and may tell a case study: what trainers write passes the privacy
 * guard like any other text about children and families (examples use [ИМЕ], not a child's name).
 */
function guardCourseTexts(actor: Actor, input: Pick<CourseInput, 'title' | 'summary'>) {
  enforcePrivacy(actor, { title: input.title, summary: input.summary })
}

export async function createCourse(actor: Actor, input: CourseInput): Promise<CourseRow> {
  requirePermission(actor, 'course:create')
  guardCourseTexts(actor, input)
  return db.transaction(async (tx) => {
    await checkPrerequisite(tx, null, input.prerequisiteCourseId)
    const [row] = await tx
      .insert(courses)
      .values({ ...input, ownerId: actor.id })
      .returning()
    await recordAudit(tx, { actorId: actor.id, action: 'course.created', targetType: 'course', targetId: row.id })
    return row
  })
}

export async function updateCourse(actor: Actor, courseId: string, input: CourseInput) {
  guardCourseTexts(actor, input)
  return editDraft(actor, courseId, async (tx) => {
    await checkPrerequisite(tx, courseId, input.prerequisiteCourseId)
    await tx.update(courses).set(input).where(eq(courses.id, courseId))
  })
}

/** Sets (or, with null, removes) the draft's cover image: only an image uploaded for this very course. */
export async function setCoverImage(actor: Actor, courseId: string, path: string | null) {
  return editDraft(actor, courseId, async (tx) => {
    if (path !== null) {
      const fileName = uploadFileName(path)
      const [upload] = fileName
        ? await tx
            .select({ id: trainingUploads.id })
            .from(trainingUploads)
            .where(and(eq(trainingUploads.courseId, courseId), eq(trainingUploads.fileName, fileName)))
        : []
      if (!upload) throw new Refusal('training.error.upload.missing', { field: 'image' })
    }
    await tx.update(courses).set({ coverImage: path }).where(eq(courses.id, courseId))
  })
}

/** Courses a trainer authors (whoever may edit every course, an admin, sees them all). */
export async function listAuthoredCourses(actor: Actor) {
  requirePermission(actor, 'course:create')
  return db
    .select({
      id: courses.id,
      title: courses.title,
      language: courses.language,
      coverColor: courses.coverColor,
      coverImage: courses.coverImage,
      currentVersion: courses.currentVersion,
      draftRevision: courses.draftRevision,
      publishedRevision: courses.publishedRevision,
      archivedAt: courses.archivedAt,
      updatedAt: courses.updatedAt,
      ownerName: users.name,
    })
    .from(courses)
    .innerJoin(users, eq(users.id, courses.ownerId))
    .where(can(actor, 'course:edit') ? undefined : eq(courses.ownerId, actor.id))
    .orderBy(desc(courses.updatedAt))
}

/** Everything the course editor shows: the draft row, its outline and whether it differs from what learners see. */
export async function getCourseDraft(actor: Actor, courseId: string) {
  const course = await requireEditableCourse(db, actor, courseId)
  const [tree, versions] = await Promise.all([loadDraftTree(db, courseId), listVersions(db, courseId)])
  return { course, tree, versions, hasUnpublishedChanges: course.publishedRevision !== course.draftRevision }
}

// Modules -------------------------------------------------------------------------------------------

async function nextPosition(tx: Tx, table: CoursePart, where: ReturnType<typeof eq>) {
  const [row] = await tx
    .select({ n: max(table.position) })
    .from(table)
    .where(where)
  return (row?.n ?? 0) + 1
}

export async function addModule(actor: Actor, courseId: string, title: string) {
  enforcePrivacy(actor, { title })
  return editDraft(actor, courseId, async (tx) => {
    const position = await nextPosition(tx, courseModules, eq(courseModules.courseId, courseId))
    const [row] = await tx.insert(courseModules).values({ courseId, title, position }).returning()
    return row
  })
}

/** A module, lesson or question by id within its parent (`parent`: course or lesson), or a 404. */
async function requirePart<T extends CoursePart>(
  runner: DbOrTx,
  table: T,
  id: string,
  parent: SQL,
): Promise<T['$inferSelect']> {
  if (!isUuid(id)) notFound()
  const [row] = await runner
    .select()
    .from(table as CoursePart)
    .where(and(eq(table.id, id), parent))
  if (!row) notFound()
  return row as T['$inferSelect']
}

const requireModule = (runner: DbOrTx, courseId: string, moduleId: string) =>
  requirePart(runner, courseModules, moduleId, eq(courseModules.courseId, courseId))

export async function renameModule(actor: Actor, courseId: string, moduleId: string, title: string) {
  enforcePrivacy(actor, { title })
  return editDraft(actor, courseId, async (tx) => {
    await requireModule(tx, courseId, moduleId)
    await tx.update(courseModules).set({ title }).where(eq(courseModules.id, moduleId))
  })
}

export async function deleteModule(actor: Actor, courseId: string, moduleId: string) {
  return editDraft(actor, courseId, async (tx) => {
    await requireModule(tx, courseId, moduleId)
    await tx.delete(courseModules).where(eq(courseModules.id, moduleId))
  })
}

/** Swaps a row with its neighbour in the given direction; a no-op at either end. */
async function swapWithNeighbour(
  tx: Tx,
  table: CoursePart,
  scope: ReturnType<typeof eq>,
  row: { id: string; position: number },
  direction: 'up' | 'down',
) {
  const [neighbour] = await tx
    .select({ id: table.id, position: table.position })
    .from(table)
    .where(and(scope, direction === 'up' ? lt(table.position, row.position) : gt(table.position, row.position)))
    .orderBy(direction === 'up' ? desc(table.position) : asc(table.position))
    .limit(1)
  if (!neighbour) return false
  await tx.update(table).set({ position: neighbour.position }).where(eq(table.id, row.id))
  await tx.update(table).set({ position: row.position }).where(eq(table.id, neighbour.id))
  return true
}

export async function moveModule(actor: Actor, courseId: string, moduleId: string, direction: 'up' | 'down') {
  return editDraft(actor, courseId, async (tx) => {
    const module = await requireModule(tx, courseId, moduleId)
    return swapWithNeighbour(tx, courseModules, eq(courseModules.courseId, courseId), module, direction)
  })
}

// Lessons -------------------------------------------------------------------------------------------

export async function addLesson(actor: Actor, courseId: string, moduleId: string, title: string) {
  enforcePrivacy(actor, { title })
  return editDraft(actor, courseId, async (tx) => {
    await requireModule(tx, courseId, moduleId)
    const position = await nextPosition(tx, lessons, eq(lessons.moduleId, moduleId))
    const [row] = await tx
      .insert(lessons)
      .values({ courseId, moduleId, title, position, body: plainTextToDoc(''), bodyText: '' })
      .returning()
    return row
  })
}

const requireLesson = (runner: DbOrTx, courseId: string, lessonId: string) =>
  requirePart(runner, lessons, lessonId, eq(lessons.courseId, courseId))

/** The lesson editor's data: the lesson, its quiz questions, and the course it belongs to. */
export async function getLessonDraft(actor: Actor, courseId: string, lessonId: string) {
  const course = await requireEditableCourse(db, actor, courseId)
  const lesson = await requireLesson(db, courseId, lessonId)
  const questions = await partsInOrder(db, quizQuestions, eq(quizQuestions.lessonId, lessonId))
  const modules = await db
    .select({ id: courseModules.id, title: courseModules.title })
    .from(courseModules)
    .where(eq(courseModules.courseId, courseId))
    .orderBy(asc(courseModules.position))
  return { course, lesson, questions, modules }
}

export interface LessonBodyInput {
  /** The editor's document, or null when only the plain textarea was sent (no JavaScript). */
  doc: RichTextDoc | null
  text: string
  /** Whether the editor's JSON came with the form. */
  fromEditor: boolean
}

export async function updateLesson(
  actor: Actor,
  courseId: string,
  lessonId: string,
  settings: LessonSettingsInput & { moduleId?: string },
  body: LessonBodyInput,
) {
  return editDraft(actor, courseId, async (tx) => {
    const lesson = await requireLesson(tx, courseId, lessonId)
    // Without JavaScript the textarea carries plain text only: an unchanged text keeps the stored document (images,
    // headings).
    const keepStored = !body.fromEditor && body.text.trim() === lesson.bodyText.trim()
    const doc = keepStored ? lesson.body : (body.doc ?? plainTextToDoc(body.text))
    // The video's address is shown to learners as a link: like a link in the body, it may carry a name or a number.
    enforcePrivacy(actor, { title: settings.title, body: toRichText(doc), videoUrl: settings.videoUrl ?? '' })
    const changes: Partial<typeof lessons.$inferInsert> = {
      ...settings,
      body: doc,
      bodyText: keepStored ? lesson.bodyText : docToPlainText(doc),
    }
    if (settings.moduleId && settings.moduleId !== lesson.moduleId) {
      await requireModule(tx, courseId, settings.moduleId)
      changes.position = await nextPosition(tx, lessons, eq(lessons.moduleId, settings.moduleId))
    } else {
      delete changes.moduleId
    }
    await tx.update(lessons).set(changes).where(eq(lessons.id, lessonId))
  })
}

/** Appends an uploaded image to a lesson's document (the no-JavaScript way to place an image). */
export async function appendImageToLesson(
  actor: Actor,
  courseId: string,
  lessonId: string,
  src: string,
  altText: string,
) {
  return editDraft(actor, courseId, async (tx) => {
    enforcePrivacy(actor, { altText })
    const lesson = await requireLesson(tx, courseId, lessonId)
    const image = { type: 'image', version: 1, src, altText }
    const paragraph = {
      type: 'paragraph',
      version: 1,
      direction: null,
      format: '',
      indent: 0,
      textFormat: 0,
      textStyle: '',
      children: [image],
    }
    const body: RichTextDoc = { root: { ...lesson.body.root, children: [...lesson.body.root.children, paragraph] } }
    await tx
      .update(lessons)
      .set({ body, bodyText: docToPlainText(body) })
      .where(eq(lessons.id, lessonId))
  })
}

export async function deleteLesson(actor: Actor, courseId: string, lessonId: string) {
  return editDraft(actor, courseId, async (tx) => {
    await requireLesson(tx, courseId, lessonId)
    await tx.delete(lessons).where(eq(lessons.id, lessonId))
  })
}

export async function moveLesson(actor: Actor, courseId: string, lessonId: string, direction: 'up' | 'down') {
  return editDraft(actor, courseId, async (tx) => {
    const lesson = await requireLesson(tx, courseId, lessonId)
    return swapWithNeighbour(tx, lessons, eq(lessons.moduleId, lesson.moduleId), lesson, direction)
  })
}

// Quiz questions ------------------------------------------------------------------------------------

export async function saveQuestion(
  actor: Actor,
  courseId: string,
  lessonId: string,
  input: QuestionInput,
  questionId?: string,
) {
  enforcePrivacy(actor, {
    prompt: input.prompt,
    explanation: input.explanation,
    ...Object.fromEntries(input.options.map((o, i) => [`option${i}`, o.text])),
  })
  return editDraft(actor, courseId, async (tx) => {
    await requireLesson(tx, courseId, lessonId)
    if (questionId) {
      if (!isUuid(questionId)) notFound()
      const [row] = await tx
        .update(quizQuestions)
        .set(input)
        .where(and(eq(quizQuestions.id, questionId), eq(quizQuestions.lessonId, lessonId)))
        .returning()
      if (!row) notFound()
      return row
    }
    const position = await nextPosition(tx, quizQuestions, eq(quizQuestions.lessonId, lessonId))
    const [row] = await tx
      .insert(quizQuestions)
      .values({ ...input, lessonId, position })
      .returning()
    return row
  })
}

const requireQuestion = (runner: DbOrTx, lessonId: string, questionId: string) =>
  requirePart(runner, quizQuestions, questionId, eq(quizQuestions.lessonId, lessonId))

export async function deleteQuestion(actor: Actor, courseId: string, lessonId: string, questionId: string) {
  return editDraft(actor, courseId, async (tx) => {
    await requireLesson(tx, courseId, lessonId)
    await requireQuestion(tx, lessonId, questionId)
    await tx.delete(quizQuestions).where(eq(quizQuestions.id, questionId))
  })
}

export async function moveQuestion(
  actor: Actor,
  courseId: string,
  lessonId: string,
  questionId: string,
  direction: 'up' | 'down',
) {
  return editDraft(actor, courseId, async (tx) => {
    await requireLesson(tx, courseId, lessonId)
    const question = await requireQuestion(tx, lessonId, questionId)
    return swapWithNeighbour(tx, quizQuestions, eq(quizQuestions.lessonId, lessonId), question, direction)
  })
}

/** Whether the actor sees the "edit" and "analytics" links on a course. */
export function courseAbilities(actor: Actor, course: Pick<CourseRow, 'ownerId'>) {
  return {
    edit: can(actor, 'course:edit', { ownerId: course.ownerId }),
    analytics: can(actor, 'course:analytics', { ownerId: course.ownerId }),
    assign: can(actor, 'course:assign'),
  }
}

/** Published courses a course may require first (never itself). */
export async function listPrerequisiteOptions(actor: Actor, excludeCourseId?: string) {
  requirePermission(actor, 'course:create')
  const rows = await db
    .select({ id: courses.id, title: sql<string>`${courseVersions.content}->>'title'` })
    .from(courses)
    .innerJoin(
      courseVersions,
      and(eq(courseVersions.courseId, courses.id), eq(courseVersions.number, courses.currentVersion)),
    )
    .where(isNull(courses.archivedAt))
    .orderBy(sql`${courseVersions.content}->>'title'`)
  return rows.filter((r) => r.id !== excludeCourseId)
}
