/**
 * The indicators on known data: every number below is counted by hand from the fixtures. The data live in
 * 2019 and in the districts Vitosha and Lozenets, which no other test uses in that year.
 */
import { eq, inArray, sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { PDFDocument } from 'pdf-lib'
import { beforeAll, describe, expect, it } from 'vitest'

import { computeIndicators, reportIndicators } from '../../app/features/indicators/indicators.server'
import { periodOf } from '../../app/features/indicators/period'
import * as reports from '../../app/routes/reports._index'
import * as reportFile from '../../app/routes/reports.$file'
import {
  caseStatusChanges,
  caseThreads,
  courseVersions,
  eventRegistrations,
  eventSessions,
  practiceUsefulMarks,
} from '../../db/schema'
import type { CaseOutcome } from '../../db/schema/cases'
import { makeCase } from '../../seed/builders/cases'
import { appendChatMessages, makeChatRoom } from '../../seed/builders/chat'
import { makeEvent } from '../../seed/builders/events'
import { makeInstitution, makeUser } from '../../seed/builders/identity'
import { makePractice } from '../../seed/builders/practices'
import { makeCourse, makeEnrolment } from '../../seed/builders/training'
import { db } from '../support/database'
import { context, getRequest, sessionCookieFor, settle, statusOf } from '../support/http'
import { pdfTexts } from '../support/pdf'

const at = (iso: string) => new Date(`${iso}T10:00:00Z`)
const YEAR_2019 = periodOf('2019-01-01', '2019-12-31')
const VITOSHA = { districtCode: 'vitosha' }

async function syncSeatCounters(sessionIds: string[]) {
  await db
    .update(eventSessions)
    .set({
      confirmedSeats: sql`(SELECT coalesce(sum(r.seats), 0) FROM event_registrations r
        WHERE r.session_id = ${eventSessions.id} AND r.status = 'confirmed')`,
      waitlistCount: sql`(SELECT count(*) FROM event_registrations r
        WHERE r.session_id = ${eventSessions.id} AND r.status = 'waitlisted')`,
    })
    .where(inArray(eventSessions.id, sessionIds))
}

describe('indicators on known data (2019, Vitosha)', () => {
  let coordinator: Awaited<ReturnType<typeof makeUser>>
  let staff: Awaited<ReturnType<typeof makeUser>>

  async function resolve(caseId: string, outcome: CaseOutcome, when: string) {
    await db.insert(caseStatusChanges).values({
      caseId,
      actorId: coordinator.id,
      fromStatus: 'open',
      toStatus: 'resolved',
      outcome,
      at: at(when),
    })
    await db
      .update(caseThreads)
      .set({ status: 'resolved', outcome, statusChangedAt: at(when) })
      .where(eq(caseThreads.id, caseId))
  }

  beforeAll(async () => {
    const school = await makeInstitution(db, { kind: 'school', districtCode: 'vitosha' })
    const elsewhere = await makeInstitution(db, { kind: 'school', districtCode: 'lozenets' })
    coordinator = await makeUser(db, { role: 'coordinator', institutionId: school.id })
    staff = await makeUser(db, { institutionId: school.id })
    const learner2 = await makeUser(db, { institutionId: school.id })
    const farLearner = await makeUser(db, { institutionId: elsewhere.id })
    const c = (createdAt: string, ageBand: '0-6' | '7-10' | '11-14' = '7-10', districtCode = 'vitosha') =>
      makeCase(db, { authorId: staff.id, institutionId: school.id, createdAt: at(createdAt), ageBand, districtCode })

    const c1 = await c('2019-02-01')
    await resolve(c1.id, 'returned_to_school', '2019-02-11') // 10 days
    const c2 = await c('2019-02-05')
    await resolve(c2.id, 'returned_to_school', '2019-02-25') // 20 days
    const c3 = await c('2019-03-01', '0-6')
    await resolve(c3.id, 'enrolled_first_time', '2019-04-30') // 60 days
    const c4 = await c('2019-03-10', '11-14')
    await resolve(c4.id, 'moved_abroad', '2019-03-15')
    await resolve(c4.id, 'returned_to_school', '2019-05-14') // resolved again: counts once, 65 days
    await c('2019-06-01') // still open
    const c6 = await c('2018-12-20')
    await resolve(c6.id, 'not_resolved', '2019-01-09') // opened before the period, resolved in it: 20 days
    const other = await c('2019-02-02', '7-10', 'lozenets')
    await resolve(other.id, 'returned_to_school', '2019-02-03')

    // Open day in Vitosha: 3 + 2 seats confirmed (3 came), 4 cancelled.
    const { event: openDay, sessions } = await makeEvent(db, {
      organiserInstitutionId: school.id,
      districtCode: 'vitosha',
      sessions: [{ startsAt: at('2019-05-10') }],
    })
    const reg = (over: Partial<typeof eventRegistrations.$inferInsert>) => ({
      eventId: openDay.id,
      sessionId: sessions[0].id,
      status: 'confirmed' as const,
      seats: 1,
      ...over,
    })
    await db
      .insert(eventRegistrations)
      .values([
        reg({ seats: 3, checkedInAt: at('2019-05-10'), email: 'p1@example.bg' }),
        reg({ seats: 2, email: 'p2@example.bg' }),
        reg({ seats: 4, status: 'cancelled', email: 'p3@example.bg' }),
      ])
    // A training event: the staff member (by e-mail) and one outside guest came; one did not.
    const { event: training, sessions: trainingSessions } = await makeEvent(db, {
      organiserInstitutionId: school.id,
      kind: 'training',
      districtCode: 'vitosha',
      sessions: [{ startsAt: at('2019-05-20') }],
    })
    const treg = (over: Partial<typeof eventRegistrations.$inferInsert>) => ({
      eventId: training.id,
      sessionId: trainingSessions[0].id,
      status: 'confirmed' as const,
      seats: 1,
      ...over,
    })
    await db
      .insert(eventRegistrations)
      .values([
        treg({ email: staff.email.toUpperCase(), checkedInAt: at('2019-05-20') }),
        treg({ email: 'guest@example.bg', checkedInAt: at('2019-05-20') }),
        treg({ email: 'absent@example.bg' }),
      ])
    // Written directly (fixed dates, a cancellation): the sessions' seat counters are set to agree, as the
    // registration path keeps them (events-registration checks that invariant over the whole database).
    await syncSeatCounters([sessions[0].id, trainingSessions[0].id])

    // Training: the staff member completes a course, a colleague enrols; a learner in Lozenets completes too.
    const { course } = await makeCourse(db, {
      ownerId: coordinator.id,
      publish: true,
      modules: [{ lessons: [{ title: 'Урок 1' }] }],
    })
    const keys = await lessonKeys(course.id)
    await makeEnrolment(db, {
      courseId: course.id,
      userId: staff.id,
      learnerName: 'x',
      enrolledAt: at('2019-04-01'),
      completedLessonKeys: keys,
    })
    await makeEnrolment(db, {
      courseId: course.id,
      userId: learner2.id,
      learnerName: 'y',
      enrolledAt: at('2019-04-02'),
    })
    await makeEnrolment(db, {
      courseId: course.id,
      userId: farLearner.id,
      learnerName: 'z',
      enrolledAt: at('2019-04-03'),
      completedLessonKeys: keys,
    })

    // Practices: one published in Vitosha in 2019 with two "useful" marks; one in 2018 (outside the period).
    const practice = await makePractice(db, {
      authorId: staff.id,
      institutionId: school.id,
      districts: ['vitosha'],
      publishedAt: at('2019-07-01'),
    })
    await makePractice(db, {
      authorId: staff.id,
      institutionId: school.id,
      districts: ['vitosha'],
      publishedAt: at('2018-07-01'),
    })
    await db.insert(practiceUsefulMarks).values([
      { practiceId: practice.id, userId: staff.id, createdAt: at('2019-07-02') },
      { practiceId: practice.id, userId: learner2.id, createdAt: at('2019-07-03') },
    ])

    // Conferences on c1: one held (a message was written), one scheduled where nobody wrote.
    const held = await makeChatRoom(db, { memberIds: [staff.id], caseId: c1.id, scheduledAt: at('2019-02-08') })
    await appendChatMessages(db, held.id, [{ authorId: staff.id, body: 'Начало на срещата.', at: at('2019-02-08') }])
    await makeChatRoom(db, { memberIds: [staff.id], caseId: c1.id, scheduledAt: at('2019-02-09') })
  })

  async function lessonKeys(courseId: string): Promise<string[]> {
    const [version] = await db.select().from(courseVersions).where(eq(courseVersions.courseId, courseId))
    return version.content.modules.flatMap((m) => m.lessons.map((l) => l.key))
  }

  it('counts every indicator for the district from SQL aggregates', async () => {
    const ind = await computeIndicators(coordinator, YEAR_2019, VITOSHA)
    expect(ind.restricted).toBe(false)
    expect(ind.childrenReached).toEqual({ value: 5, target: 580, metOnRounds: 0, casesNotInRounds: 5 })
    expect(ind.resolved).toBe(5)
    expect(Object.fromEntries(ind.outcomes.map((o) => [o.outcome, o.count]))).toEqual({
      enrolled_first_time: 1,
      returned_to_school: 3,
      moved_school: 0,
      moved_abroad: 0,
      referred_service: 0,
      not_resolved: 1,
    })
    expect(ind.medianDaysToResolve).toBe(20)
    expect(ind.trend.slice(0, 6)).toEqual([
      { month: '2019-01', opened: 0, resolved: 1, childrenMet: 0, reached: 0 },
      { month: '2019-02', opened: 2, resolved: 2, childrenMet: 0, reached: 2 },
      { month: '2019-03', opened: 2, resolved: 0, childrenMet: 0, reached: 2 },
      { month: '2019-04', opened: 0, resolved: 1, childrenMet: 0, reached: 0 },
      { month: '2019-05', opened: 0, resolved: 1, childrenMet: 0, reached: 0 },
      { month: '2019-06', opened: 1, resolved: 0, childrenMet: 0, reached: 1 },
    ])
    expect(ind.trend).toHaveLength(12)
    expect(ind.openDays).toEqual({ sessions: 1, registered: 5, attended: 3 })
    expect(ind.participants).toEqual({ value: 3, target: 90, training: 2, events: 2, fieldWork: 0 })
    expect(ind.courses).toEqual({ completions: 1, learners: 1 })
    expect(ind.practices).toEqual({ published: 1, usefulMarks: 2 })
    expect(ind.conferences).toBe(1)
    expect(ind.districts).toEqual([
      { districtCode: 'vitosha', reached: 5, childrenMet: 0, opened: 5, resolved: 5, back: 4 },
    ])
    expect(ind.cells).toContainEqual({
      districtCode: 'vitosha',
      ageBand: '7-10',
      outcome: 'returned_to_school',
      count: 2,
    })
  })

  it('widens to the whole project (Lozenets joins) and narrows to a month', async () => {
    const ind = await computeIndicators(coordinator, YEAR_2019, {})
    expect(ind.childrenReached.value).toBeGreaterThanOrEqual(6)
    expect(ind.districts.find((d) => d.districtCode === 'lozenets')).toEqual({
      districtCode: 'lozenets',
      reached: 1,
      childrenMet: 0,
      opened: 1,
      resolved: 1,
      back: 1,
    })
    expect(ind.courses.completions).toBeGreaterThanOrEqual(2)
    const february = await computeIndicators(coordinator, periodOf('2019-02-01', '2019-02-28'), VITOSHA)
    expect(february.childrenReached.value).toBe(2)
    expect(february.resolved).toBe(2)
    expect(february.medianDaysToResolve).toBe(15)
    expect(february.trend).toEqual([{ month: '2019-02', opened: 2, resolved: 2, childrenMet: 0, reached: 2 }])
  })

  it('shows small cells as "<5" outside the coordinators\' view', async () => {
    const ind = await computeIndicators(staff, YEAR_2019, VITOSHA)
    expect(ind.restricted).toBe(true)
    expect(ind.cells).toContainEqual({
      districtCode: 'vitosha',
      ageBand: '7-10',
      outcome: 'returned_to_school',
      count: '<5',
    })
    expect(ind.districts).toEqual([
      { districtCode: 'vitosha', reached: 5, childrenMet: 0, opened: 5, resolved: 5, back: '<5' },
    ])
  })

  it('gives /reports to coordinators and admins; staff get 403 (in the feature and the route)', async () => {
    await expect(reportIndicators(staff, YEAR_2019)).rejects.toMatchObject({ status: 403 })
    const staffCookie = await sessionCookieFor(staff.id)
    const denied = await settle(() =>
      reports.loader({ request: getRequest('/reports', { cookie: staffCookie }), params: {}, context }),
    )
    expect(statusOf(denied)).toBe(403)
    const cookie = await sessionCookieFor(coordinator.id)
    const page = await reports.loader({
      request: getRequest('/reports?from=2019-01-01&to=2019-12-31&district=vitosha', { cookie }),
      params: {},
      context,
    })
    expect(page.indicators.period).toEqual({ from: '2019-01-01', to: '2019-12-31' })
    expect(page.indicators.childrenReached.value).toBe(5)
    // A malformed period falls back to the default twelve months, an unknown district to the whole project.
    const fallback = await reports.loader({
      request: getRequest('/reports?from=2019-13-01&to=nope&district=atlantis', { cookie }),
      params: {},
      context,
    })
    expect(fallback.indicators.scope.districtCode).toBeNull()
    expect(fallback.indicators.trend.length).toBeGreaterThanOrEqual(12)
  })

  it('downloads the report as PDF (Cyrillic text), CSV and an XLSX workbook that opens, one sheet per table', async () => {
    const cookie = await sessionCookieFor(coordinator.id)
    const download = async (file: string) =>
      (await reportFile.loader({
        request: getRequest(`/reports/${file}?from=2019-01-01&to=2019-12-31&district=vitosha`, { cookie }),
        params: { file },
        context,
      })) as Response

    const pdf = await download('indicators.pdf')
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    const bytes = new Uint8Array(await pdf.arrayBuffer())
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-')
    expect((await PDFDocument.load(bytes)).getPageCount()).toBeGreaterThanOrEqual(1)
    const texts = pdfTexts(bytes).join('\n')
    expect(texts).toContain('Отчет по индикаторите')
    expect(texts).toContain('Обхванати деца')
    expect(texts).toContain('Витоша')
    expect(texts).toContain('Върнато в училище')

    const csv = await download('indicators.csv')
    expect(csv.headers.get('content-type')).toContain('text/csv')
    const lines = (await csv.text()).replace(/^\uFEFF/, '').split('\r\n')
    expect(lines).toContain('Обхванати деца;5;580;1')
    expect(lines).toContain('Върнато в училище;3')

    const xlsx = await download('indicators.xlsx')
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await xlsx.arrayBuffer())
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Индикатори',
      'Случаи по месеци',
      'Изход на решените случаи',
      'Дни на отворените врати',
      'Обучения, практики и конференци',
      'По райони',
      'Решени случаи по район, възраст',
      'Задачи, изпълнени в срок',
      'Просрочени задачи по институции',
      'Останали в училище след връщане',
    ])
    const summary = workbook.getWorksheet('Индикатори')!
    const children = summary.getRows(1, summary.rowCount)!.find((r) => r.getCell(1).value === 'Обхванати деца')!
    expect([children.getCell(2).value, children.getCell(3).value]).toEqual([5, 580])

    // Staff get 403 on the downloads too; an unknown file is a 404.
    const staffCookie = await sessionCookieFor(staff.id)
    const denied = await settle(() =>
      reportFile.loader({
        request: getRequest('/reports/indicators.pdf', { cookie: staffCookie }),
        params: { file: 'indicators.pdf' },
        context,
      }),
    )
    expect(statusOf(denied)).toBe(403)
    const unknown = await settle(() =>
      reportFile.loader({
        request: getRequest('/reports/indicators.doc', { cookie }),
        params: { file: 'indicators.doc' },
        context,
      }),
    )
    expect(statusOf(unknown)).toBe(404)
  })
})
