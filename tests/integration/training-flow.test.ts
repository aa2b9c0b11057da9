import { and, eq } from 'drizzle-orm'
import { PDFDocument } from 'pdf-lib'
import { describe, expect, it } from 'vitest'

import * as certificatePage from '../../app/routes/certificates.$code'
import * as certificatePdf from '../../app/routes/certificates.$code_.pdf'
import * as coursePage from '../../app/routes/training.courses.$courseId._index'
import * as lessonPage from '../../app/routes/training.courses.$courseId.lessons.$lessonKey'
import * as editor from '../../app/routes/training.manage.$courseId._index'
import * as analytics from '../../app/routes/training.manage.$courseId.analytics'
import * as analyticsCsv from '../../app/routes/training.manage.$courseId.analytics_.csv'
import * as lessonEditor from '../../app/routes/training.manage.$courseId.lessons.$lessonId'
import * as newCourse from '../../app/routes/training.manage.new'
import * as myLearning from '../../app/routes/training.my'
import { db } from '../../db/client.server'
import { emailOutbox, enrolments, lessonProgress, notifications, quizAttempts, quizQuestions } from '../../db/schema'
import { makeInstitution, makeTeam, makeUser } from '../../seed/builders/identity'
import { makeCourse, makeQuizCourse } from '../../seed/builders/training'
import {
  context,
  flashOf,
  formRequest,
  getRequest,
  payloadOf,
  sessionCookieFor,
  settle,
  statusOf,
} from '../support/http'
import { pdfTexts } from '../support/pdf'

type Args = { request: Request; params: Record<string, string>; context: typeof context }
type RouteFn = (args: Args) => Promise<unknown>

const call = (fn: unknown, request: Request, params: Record<string, string> = {}) =>
  settle(() => (fn as RouteFn)({ request, params, context }))
const post = (
  fn: unknown,
  path: string,
  fields: Record<string, string | string[]>,
  cookie: string,
  params: Record<string, string> = {},
) => call(fn, formRequest(path, fields, { cookie }), params)
const get = (fn: unknown, path: string, cookie: string | undefined, params: Record<string, string> = {}) =>
  call(fn, getRequest(path, { cookie }), params)

function location(result: unknown) {
  expect(result).toBeInstanceOf(Response)
  const response = result as Response
  expect([302, 303]).toContain(response.status)
  return response.headers.get('location') ?? ''
}

async function setUp() {
  const institution = await makeInstitution(db, { kind: 'school' })
  const team = await makeTeam(db)
  const trainer = await makeUser(db, { role: 'trainer', name: 'Мирела Стоянова' })
  const otherTrainer = await makeUser(db, { role: 'trainer' })
  const coordinator = await makeUser(db, { role: 'coordinator' })
  const staff = await makeUser(db, {
    role: 'staff',
    name: 'Елена Петкова',
    institutionId: institution.id,
    teamId: team.id,
  })
  const staff2 = await makeUser(db, { role: 'staff', name: 'Николай Димитров', teamId: team.id })
  const cookies = {
    trainer: await sessionCookieFor(trainer.id),
    otherTrainer: await sessionCookieFor(otherTrainer.id),
    coordinator: await sessionCookieFor(coordinator.id),
    staff: await sessionCookieFor(staff.id),
    staff2: await sessionCookieFor(staff2.id),
  }
  return { institution, team, trainer, coordinator, staff, staff2, cookies }
}

/** The trainer's side of "Done when": a course with a module, a lesson and a one-question quiz, published. */
async function trainerBuildsCourse(cookie: string) {
  const created = await post(
    newCourse.action,
    '/training/manage/new',
    {
      title: 'Първа среща със семейството',
      summary: 'Как да започнем разговора.',
      language: 'bg',
      coverColor: 'green',
      estimatedMinutes: '20',
      audienceRoles: ['staff'],
    },
    cookie,
  )
  const courseId = location(created).split('/').pop()!
  const base = `/training/manage/${courseId}`
  location(await post(editor.action, base, { intent: 'addModule', title: 'Подготовка' }, cookie, { courseId }))
  const lessonId = location(
    await post(
      editor.action,
      base,
      { intent: 'addLesson', moduleId: await firstModuleId(courseId, cookie), title: 'Преди посещението' },
      cookie,
      { courseId },
    ),
  )
    .split('/')
    .pop()!
  const lessonPath = `${base}/lessons/${lessonId}`
  location(
    await post(
      lessonEditor.action,
      lessonPath,
      {
        intent: 'save',
        title: 'Преди посещението',
        moduleId: await firstModuleId(courseId, cookie),
        body: 'Проверете адреса.\n\nОбадете се предварително.',
        estimatedMinutes: '10',
        videoUrl: '',
        quizEnabled: 'on',
        quizPassPercent: '100',
        quizMaxAttempts: '3',
        quizShuffle: 'on',
      },
      cookie,
      { courseId, lessonId },
    ),
  )
  location(
    await post(
      lessonEditor.action,
      lessonPath,
      {
        intent: 'question',
        kind: 'single',
        prompt: 'Кога се обаждате на семейството?',
        option0: 'Предварително',
        option1: 'Никога',
        optionIds: ['', '', '', '', '', ''],
        correct: '0',
        explanation: 'Уговорката показва уважение.',
      },
      cookie,
      { courseId, lessonId },
    ),
  )
  const published = await post(editor.action, base, { intent: 'publish', changeNote: 'Първа версия' }, cookie, {
    courseId,
  })
  expect(location(published)).toBe(base)
  return { courseId, lessonId }
}

async function firstModuleId(courseId: string, cookie: string) {
  const data = payloadOf<{ tree: { modules: { id: string }[] } }>(
    await get(editor.loader, `/training/manage/${courseId}`, cookie, { courseId }),
  )
  return data.tree.modules[0].id
}

describe('training: the "Done when" flow through the routes', () => {
  it('trainer publishes; staff enrols, fails then passes the quiz, gets a certificate that the public page and the PDF confirm', async () => {
    const { staff, cookies } = await setUp()
    const { courseId, lessonId } = await trainerBuildsCourse(cookies.trainer)
    const coursePath = `/training/courses/${courseId}`
    const lessonPath = `${coursePath}/lessons/${lessonId}`

    // Before enrolling, the lesson sends the learner back to the course page.
    expect(location(await get(lessonPage.loader, lessonPath, cookies.staff, { courseId, lessonKey: lessonId }))).toBe(
      coursePath,
    )
    location(await post(coursePage.action, coursePath, { intent: 'enrol' }, cookies.staff, { courseId }))
    location(await post(coursePage.action, coursePath, { intent: 'enrol' }, cookies.staff2, { courseId }))

    const lesson = payloadOf<Awaited<ReturnType<typeof lessonPage.loader>>>(
      await get(lessonPage.loader, lessonPath, cookies.staff, { courseId, lessonKey: lessonId }),
    )
    expect(lesson.quiz?.questions).toHaveLength(1)
    const browserJson = JSON.stringify(lesson)
    expect(browserJson).not.toContain('"correct"')
    expect(browserJson).not.toContain('Уговорката показва уважение')
    const question = lesson.quiz!.questions[0]
    const right = question.options.find((o) => o.text === 'Предварително')!.id
    const wrong = question.options.find((o) => o.text === 'Никога')!.id

    // A lesson with a quiz is completed by passing the quiz, not by hand.
    const byHand = await post(lessonPage.action, lessonPath, { intent: 'complete' }, cookies.staff, {
      courseId,
      lessonKey: lessonId,
    })
    expect(statusOf(byHand)).toBe(409)
    expect(payloadOf<{ formError: string }>(byHand).formError).toBe('training.error.completedByQuiz')

    // An unanswered quiz is refused and records nothing.
    const empty = await post(lessonPage.action, lessonPath, { intent: 'quiz' }, cookies.staff, {
      courseId,
      lessonKey: lessonId,
    })
    expect(statusOf(empty)).toBe(400)
    expect(payloadOf<{ unanswered: string[] }>(empty).unanswered).toEqual([question.key])

    const failed = location(
      await post(lessonPage.action, lessonPath, { intent: 'quiz', [`q.${question.key}`]: wrong }, cookies.staff, {
        courseId,
        lessonKey: lessonId,
      }),
    )
    const failedAttempt = new URL(failed, 'http://x').searchParams.get('attempt')!
    const review = payloadOf<Awaited<ReturnType<typeof lessonPage.loader>>>(
      await get(lessonPage.loader, `${lessonPath}?attempt=${failedAttempt}`, cookies.staff, {
        courseId,
        lessonKey: lessonId,
      }),
    )
    expect(review.review).toMatchObject({ passed: false, scorePercent: 0, revealAnswers: false })
    expect(review.review!.questions[0].options.every((o) => o.correct === undefined)).toBe(true)
    expect(JSON.stringify(review)).not.toContain('Уговорката показва уважение')
    expect(review.quiz).not.toBeNull()

    const passed = await post(
      lessonPage.action,
      lessonPath,
      { intent: 'quiz', [`q.${question.key}`]: right },
      cookies.staff,
      { courseId, lessonKey: lessonId },
    )
    location(passed)
    const attempts = await db.select().from(quizAttempts).where(eq(quizAttempts.lessonKey, lessonId))
    expect(attempts.map((a) => a.passed).sort()).toEqual([false, true])

    const page = payloadOf<Awaited<ReturnType<typeof coursePage.loader>>>(
      await get(coursePage.loader, coursePath, cookies.staff, { courseId }),
    )
    expect(page.view.progress).toMatchObject({ complete: true, percent: 100 })
    const code = page.view.certificate!.code
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    const mine = payloadOf<Awaited<ReturnType<typeof myLearning.loader>>>(
      await get(myLearning.loader, '/training/my', cookies.staff),
    )
    expect(mine.items[0]).toMatchObject({ courseId, certificateCode: code })
    const bell = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, staff.id), eq(notifications.kind, 'course.completed')))
    expect(bell.map((n) => n.url)).toEqual([`/certificates/${code}`])

    // Public check, without a session: name, course, version, date — nothing else.
    const check = payloadOf<{ certificate: Record<string, unknown> | null }>(
      await get(certificatePage.loader, `/certificates/${code}`, undefined, { code: code.toLowerCase() }),
    )
    expect(check.certificate).toMatchObject({
      learnerName: 'Елена Петкова',
      courseTitle: 'Първа среща със семейството',
      versionNumber: 1,
    })
    expect(Object.keys(check.certificate!).sort()).toEqual([
      'code',
      'courseTitle',
      'issuedAt',
      'language',
      'learnerName',
      'versionNumber',
    ])
    expect(
      statusOf(
        await get(certificatePage.loader, '/certificates/0000-0000-0000', undefined, { code: '0000-0000-0000' }),
      ),
    ).toBe(404)

    const pdfResponse = (await get(certificatePdf.loader, `/certificates/${code}/pdf`, undefined, { code })) as Response
    expect(pdfResponse.headers.get('content-type')).toBe('application/pdf')
    const pdfBytes = new Uint8Array(await pdfResponse.arrayBuffer())
    expect(Buffer.from(pdfBytes.subarray(0, 5)).toString()).toBe('%PDF-')
    const parsed = await PDFDocument.load(pdfBytes)
    expect(parsed.getPageCount()).toBe(1)
    expect(parsed.getTitle()).toContain('Елена Петкова')
    const texts = pdfTexts(pdfBytes)
    expect(texts).toContain('Елена Петкова')
    expect(texts).toContain(`Код за проверка: ${code}`)

    // The trainer edits the published course: learners keep seeing version 1 until the next publish.
    const editorPath = `/training/manage/${courseId}/lessons/${lessonId}`
    location(
      await post(
        lessonEditor.action,
        editorPath,
        {
          intent: 'save',
          title: 'Преди посещението (обновен)',
          moduleId: await firstModuleId(courseId, cookies.trainer),
          body: 'Нов текст.',
          estimatedMinutes: '12',
          quizEnabled: 'on',
          quizPassPercent: '100',
          quizShuffle: 'on',
        },
        cookies.trainer,
        { courseId, lessonId },
      ),
    )
    const stillOld = payloadOf<Awaited<ReturnType<typeof coursePage.loader>>>(
      await get(coursePage.loader, coursePath, cookies.staff2, { courseId }),
    )
    expect(stillOld.view.version).toBe(1)
    expect(stillOld.view.outline[0].lessons[0].title).toBe('Преди посещението')
    const oldLesson = payloadOf<Awaited<ReturnType<typeof lessonPage.loader>>>(
      await get(lessonPage.loader, lessonPath, cookies.staff2, { courseId, lessonKey: lessonId }),
    )
    expect(JSON.stringify(oldLesson.lesson.body)).toContain('Проверете адреса.')

    location(
      await post(
        editor.action,
        `/training/manage/${courseId}`,
        { intent: 'publish', changeNote: '' },
        cookies.trainer,
        { courseId },
      ),
    )
    const updated = payloadOf<Awaited<ReturnType<typeof coursePage.loader>>>(
      await get(coursePage.loader, coursePath, cookies.staff2, { courseId }),
    )
    expect(updated.view.version).toBe(2)
    expect(updated.view.outline[0].lessons[0].title).toBe('Преди посещението (обновен)')
    expect(updated.view.statuses[lessonId]).toBe('viewed') // progress carried over by lesson key
    const completedStays = payloadOf<Awaited<ReturnType<typeof coursePage.loader>>>(
      await get(coursePage.loader, coursePath, cookies.staff, { courseId }),
    )
    expect(completedStays.view.version).toBe(1)

    // Analytics: the learners' progress, the quiz numbers, a chart-ready drop-off and the CSV.
    for (const cookie of [cookies.trainer, cookies.coordinator]) {
      const stats = payloadOf<Awaited<ReturnType<typeof analytics.loader>>>(
        await get(analytics.loader, `/training/manage/${courseId}/analytics`, cookie, { courseId }),
      )
      expect(stats.totals).toMatchObject({
        enrolled: 2,
        completed: 1,
        inProgress: 1,
        notStarted: 0,
        completionRate: 50,
      })
      expect(stats.quizzes[0]).toMatchObject({
        attempts: 2,
        learners: 1,
        passedLearners: 1,
        averageScore: 50,
        attemptsPerLearner: 2,
      })
      expect(stats.learners.find((l) => l.name === 'Елена Петкова')).toMatchObject({
        status: 'completed',
        percent: 100,
        certificateCode: code,
      })
      expect(stats.dropOff).toEqual([expect.objectContaining({ lessonKey: lessonId, learners: 1 })])
    }
    const csv = (await get(analyticsCsv.loader, `/training/manage/${courseId}/analytics/csv`, cookies.trainer, {
      courseId,
    })) as Response
    expect(csv.headers.get('content-type')).toContain('text/csv')
    const csvBytes = Buffer.from(await csv.arrayBuffer())
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const csvText = csvBytes.toString('utf8')
    expect(csvText).toContain(`Елена Петкова,`)
    expect(csvText).toContain(code)
  })

  it('completes a lesson with a quiz only by passing it, and the lesson page and the outline always agree', async () => {
    const { trainer, cookies } = await setUp()
    const { course, lessonIds } = await makeCourse(db, {
      ownerId: trainer.id,
      publish: true,
      modules: [
        {
          lessons: [
            { title: 'Подготовка за посещението' },
            {
              title: 'Екипът на терен',
              quiz: {
                passPercent: 100,
                questions: [
                  {
                    prompt: 'Кой води разговора?',
                    options: [{ text: 'Медиаторът', correct: true }, { text: 'Никой' }],
                  },
                ],
              },
            },
          ],
        },
      ],
    })
    const courseId = course.id
    const [plainKey, quizKey] = lessonIds
    const coursePath = `/training/courses/${courseId}`
    location(await post(coursePage.action, coursePath, { intent: 'enrol' }, cookies.staff, { courseId }))
    const lessonOf = async (lessonKey: string) =>
      payloadOf<Awaited<ReturnType<typeof lessonPage.loader>>>(
        await get(lessonPage.loader, `${coursePath}/lessons/${lessonKey}`, cookies.staff, { courseId, lessonKey }),
      )
    const courseView = async () =>
      payloadOf<Awaited<ReturnType<typeof coursePage.loader>>>(
        await get(coursePage.loader, coursePath, cookies.staff, { courseId }),
      ).view
    const complete = (lessonKey: string) =>
      post(lessonPage.action, `${coursePath}/lessons/${lessonKey}`, { intent: 'complete' }, cookies.staff, {
        courseId,
        lessonKey,
      })

    // The quiz lesson: "mark complete" posted by hand is refused, and nothing says the lesson is done.
    expect((await lessonOf(quizKey)).done).toBe(false)
    const refused = await complete(quizKey)
    expect(statusOf(refused)).toBe(409)
    expect(payloadOf<{ formError: string }>(refused).formError).toBe('training.error.completedByQuiz')
    const afterRefusal = await lessonOf(quizKey)
    expect(afterRefusal.done).toBe(false)
    expect(afterRefusal.quiz).not.toBeNull()
    const outline = await courseView()
    expect(outline.statuses).toEqual({ [plainKey]: 'todo', [quizKey]: 'viewed' })
    expect(outline.progress).toMatchObject({ doneLessons: 0, totalLessons: 2, percent: 0 })

    // The lesson without a quiz keeps its button: done on the page, in the outline and in the progress.
    const marked = (await complete(plainKey)) as Response
    expect(location(marked)).toBe(`${coursePath}/lessons/${plainKey}`)
    expect((await flashOf(marked))?.key).toBe('training.lesson.completed')
    expect((await lessonOf(plainKey)).done).toBe(true)
    const half = await courseView()
    expect(half.statuses).toEqual({ [plainKey]: 'done', [quizKey]: 'viewed' })
    expect(half.progress).toMatchObject({ doneLessons: 1, percent: 50 })

    // Passing the quiz completes its lesson, and with it the course.
    const question = afterRefusal.quiz!.questions[0]
    const right = question.options.find((o) => o.text === 'Медиаторът')!.id
    location(
      await post(
        lessonPage.action,
        `${coursePath}/lessons/${quizKey}`,
        { intent: 'quiz', [`q.${question.key}`]: right },
        cookies.staff,
        { courseId, lessonKey: quizKey },
      ),
    )
    expect((await lessonOf(quizKey)).done).toBe(true)
    const finished = await courseView()
    expect(finished.statuses).toEqual({ [plainKey]: 'done', [quizKey]: 'done' })
    expect(finished.progress).toMatchObject({ doneLessons: 2, percent: 100, complete: true })
    expect(finished.certificate).not.toBeNull()
  })

  it('counts a quiz lesson marked complete before this rule as not done, on the lesson page as in the outline', async () => {
    const { trainer, staff, cookies } = await setUp()
    const { course, lessonIds } = await makeQuizCourse(db, trainer.id)
    const courseId = course.id
    const [lessonKey] = lessonIds
    location(
      await post(coursePage.action, `/training/courses/${courseId}`, { intent: 'enrol' }, cookies.staff, { courseId }),
    )
    const [enrolment] = await db
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.courseId, courseId), eq(enrolments.userId, staff.id)))
    // What the old "mark complete" button left behind: a completion without a passed quiz.
    await db.insert(lessonProgress).values({ enrolmentId: enrolment.id, lessonKey, completedAt: new Date() })
    const lesson = payloadOf<Awaited<ReturnType<typeof lessonPage.loader>>>(
      await get(lessonPage.loader, `/training/courses/${courseId}/lessons/${lessonKey}`, cookies.staff, {
        courseId,
        lessonKey,
      }),
    )
    expect(lesson.done).toBe(false)
    expect(lesson).not.toHaveProperty('state')
    const view = payloadOf<Awaited<ReturnType<typeof coursePage.loader>>>(
      await get(coursePage.loader, `/training/courses/${courseId}`, cookies.staff, { courseId }),
    ).view
    expect(view.statuses[lessonKey]).toBe('viewed')
    expect(view.progress).toMatchObject({ doneLessons: 0, percent: 0 })
  })

  it('keeps editing to the course trainer and admins, analytics away from staff, lessons away from the public', async () => {
    const { cookies } = await setUp()
    const { courseId, lessonId } = await trainerBuildsCourse(cookies.trainer)
    expect(statusOf(await get(editor.loader, `/training/manage/${courseId}`, cookies.staff, { courseId }))).toBe(403)
    expect(statusOf(await get(editor.loader, `/training/manage/${courseId}`, cookies.otherTrainer, { courseId }))).toBe(
      403,
    )
    expect(
      statusOf(
        await post(editor.action, `/training/manage/${courseId}`, { intent: 'publish' }, cookies.otherTrainer, {
          courseId,
        }),
      ),
    ).toBe(403)
    expect(
      statusOf(
        await post(
          lessonEditor.action,
          `/training/manage/${courseId}/lessons/${lessonId}`,
          { intent: 'delete' },
          cookies.coordinator,
          { courseId, lessonId },
        ),
      ),
    ).toBe(403)
    expect(
      statusOf(await get(analytics.loader, `/training/manage/${courseId}/analytics`, cookies.staff, { courseId })),
    ).toBe(403)
    expect(
      statusOf(
        await get(analytics.loader, `/training/manage/${courseId}/analytics`, cookies.otherTrainer, { courseId }),
      ),
    ).toBe(403)
    const anonymous = await get(lessonPage.loader, `/training/courses/${courseId}/lessons/${lessonId}`, undefined, {
      courseId,
      lessonKey: lessonId,
    })
    expect(location(anonymous)).toContain('/login?redirectTo=')
    expect(
      statusOf(await get(coursePage.loader, '/training/courses/not-a-uuid', cookies.staff, { courseId: 'not-a-uuid' })),
    ).toBe(404)
    // Staff cannot assign.
    expect(
      statusOf(
        await post(
          coursePage.action,
          `/training/courses/${courseId}`,
          { intent: 'assign', target: `team:${crypto.randomUUID()}` },
          cookies.staff,
          { courseId },
        ),
      ),
    ).toBe(403)
  })

  it('answers bad input with field errors and keeps what was typed', async () => {
    const { cookies } = await setUp()
    const result = await post(
      newCourse.action,
      '/training/manage/new',
      {
        title: '  ',
        summary: 'Остава',
        language: 'xx',
        coverColor: 'blue',
        estimatedMinutes: 'abc',
        audienceRoles: ['staff', 'trainer'],
      },
      cookies.trainer,
    )
    expect(statusOf(result)).toBe(400)
    const payload = payloadOf<{ fieldErrors: Record<string, string[]>; values: Record<string, string | string[]> }>(
      result,
    )
    expect(Object.keys(payload.fieldErrors).sort()).toEqual(['estimatedMinutes', 'language', 'title'])
    expect(payload.values).toMatchObject({ summary: 'Остава', audienceRoles: ['staff', 'trainer'] })
    expect(statusOf(await post(newCourse.action, '/training/manage/new', { title: 'Курс' }, cookies.staff))).toBe(403)

    const { courseId, lessonId } = await trainerBuildsCourse(cookies.trainer)
    const bad = await post(
      lessonEditor.action,
      `/training/manage/${courseId}/lessons/${lessonId}`,
      {
        intent: 'question',
        kind: 'single',
        prompt: 'Въпрос',
        option0: 'А',
        option1: 'Б',
        optionIds: ['', '', '', '', '', ''],
        correct: ['0', '1'],
      },
      cookies.trainer,
      { courseId, lessonId },
    )
    expect(statusOf(bad)).toBe(400)
    expect(payloadOf<{ fieldErrors: Record<string, string[]> }>(bad).fieldErrors.correct).toEqual([
      'training.error.singleOneCorrect',
    ])
    expect(await db.select().from(quizQuestions).where(eq(quizQuestions.lessonId, lessonId))).toHaveLength(1)
    const pastDue = await post(
      coursePage.action,
      `/training/courses/${courseId}`,
      { intent: 'assign', target: `team:${crypto.randomUUID()}`, dueDate: '2001-01-01' },
      cookies.coordinator,
      { courseId },
    )
    expect(statusOf(pastDue)).toBe(400)
  })

  it('lets a coordinator assign a course to a team: enrolled, due date, bell and e-mail', async () => {
    const { team, staff, staff2, cookies } = await setUp()
    const { courseId } = await trainerBuildsCourse(cookies.trainer)
    const due = new Date(Date.now() + 14 * 86400_000).toISOString().slice(0, 10)
    const result = await post(
      coursePage.action,
      `/training/courses/${courseId}`,
      { intent: 'assign', target: `team:${team.id}`, dueDate: due },
      cookies.coordinator,
      { courseId },
    )
    location(result)
    const rows = await db.select().from(enrolments).where(eq(enrolments.courseId, courseId))
    expect(rows.map((r) => r.userId).sort()).toEqual([staff.id, staff2.id].sort())
    expect(rows.every((r) => r.source === 'assigned' && r.dueAt !== null)).toBe(true)
    const bell = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, staff.id), eq(notifications.kind, 'course.assigned')))
    expect(bell).toHaveLength(1)
    expect(bell[0].url).toBe(`/training/courses/${courseId}`)
    const mail = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, staff.email))
    expect(mail.some((m) => m.subject.includes('Първа среща със семейството'))).toBe(true)
    const mine = payloadOf<Awaited<ReturnType<typeof myLearning.loader>>>(
      await get(myLearning.loader, '/training/my', cookies.staff),
    )
    expect(mine.items[0]).toMatchObject({ courseId, source: 'assigned', overdue: false })
  })

  it('lets the trainer grant one more attempt to a learner who used them all', async () => {
    const { trainer, staff, cookies } = await setUp()
    const { course, lessonIds } = await makeQuizCourse(db, trainer.id, { maxAttempts: 1 })
    const courseId = course.id
    const lessonKey = lessonIds[0]
    const lessonPath = `/training/courses/${courseId}/lessons/${lessonKey}`
    location(
      await post(coursePage.action, `/training/courses/${courseId}`, { intent: 'enrol' }, cookies.staff, { courseId }),
    )
    const opened = payloadOf<Awaited<ReturnType<typeof lessonPage.loader>>>(
      await get(lessonPage.loader, lessonPath, cookies.staff, { courseId, lessonKey }),
    )
    const wrong = Object.fromEntries(
      opened.quiz!.questions.map((q) => [
        `q.${q.key}`,
        q.options.find((o) => o.text === 'Накрая' || o.text === 'Нищо')!.id,
      ]),
    )
    location(
      await post(lessonPage.action, lessonPath, { intent: 'quiz', ...wrong }, cookies.staff, { courseId, lessonKey }),
    )
    const blocked = payloadOf<Awaited<ReturnType<typeof lessonPage.loader>>>(
      await get(lessonPage.loader, lessonPath, cookies.staff, { courseId, lessonKey }),
    )
    expect(blocked.quiz).toBeNull()
    expect(blocked.quizInfo).toMatchObject({ attemptsLeft: 0, passed: false })
    expect(
      statusOf(
        await post(lessonPage.action, lessonPath, { intent: 'quiz', ...wrong }, cookies.staff, { courseId, lessonKey }),
      ),
    ).toBe(400)

    const analyticsPath = `/training/manage/${courseId}/analytics`
    const stats = payloadOf<Awaited<ReturnType<typeof analytics.loader>>>(
      await get(analytics.loader, analyticsPath, cookies.trainer, { courseId }),
    )
    const learner = stats.learners.find((l) => l.name === staff.name)!
    expect(learner.blocked).toEqual([{ lessonKey, lessonTitle: 'Първата среща' }])
    const grant = { enrolmentId: learner.enrolmentId, lessonKey }
    expect(statusOf(await post(analytics.action, analyticsPath, grant, cookies.staff, { courseId }))).toBe(403)
    expect(statusOf(await post(analytics.action, analyticsPath, grant, cookies.otherTrainer, { courseId }))).toBe(403)
    location(await post(analytics.action, analyticsPath, grant, cookies.trainer, { courseId }))

    const again = payloadOf<Awaited<ReturnType<typeof lessonPage.loader>>>(
      await get(lessonPage.loader, lessonPath, cookies.staff, { courseId, lessonKey }),
    )
    expect(again.quizInfo).toMatchObject({ attemptsLeft: 1 })
    expect(again.quiz).not.toBeNull()
    const told = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, staff.id), eq(notifications.kind, 'course.extraAttempt')))
    expect(told).toHaveLength(1)
  })
})
