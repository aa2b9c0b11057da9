/**
 * Issue #14's indicators in the report, on known data: every number below is counted by hand. The data live in
 * 2017 (no other test writes actions then), mostly in the district Bankya.
 */
import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'

import { computeIndicators } from '../../app/features/indicators/indicators.server'
import { periodOf } from '../../app/features/indicators/period'
import * as reports from '../../app/routes/reports._index'
import * as reportFile from '../../app/routes/reports.$file'
import { makeAction } from '../../seed/builders/actions'
import { makeCase } from '../../seed/builders/cases'
import { makeInstitution, makeUser } from '../../seed/builders/identity'
import { db } from '../support/database'
import { context, getRequest, sessionCookieFor } from '../support/http'
import { pdfTexts } from '../support/pdf'

const YEAR_2017 = periodOf('2017-01-01', '2017-12-31')
const BANKYA = { districtCode: 'bankya' }
const at = (iso: string) => new Date(`${iso}T10:00:00Z`)

describe('follow-through indicators in the report (2017, Bankya)', () => {
  let coordinator: Awaited<ReturnType<typeof makeUser>>
  let staff: Awaited<ReturnType<typeof makeUser>>
  let schoolA: Awaited<ReturnType<typeof makeInstitution>>
  let schoolB: Awaited<ReturnType<typeof makeInstitution>>
  let elsewhere: Awaited<ReturnType<typeof makeInstitution>>

  beforeAll(async () => {
    schoolA = await makeInstitution(db, { kind: 'school', districtCode: 'bankya' })
    schoolB = await makeInstitution(db, { kind: 'school', districtCode: 'bankya' })
    elsewhere = await makeInstitution(db, { kind: 'school', districtCode: 'lyulin' })
    coordinator = await makeUser(db, { role: 'coordinator', institutionId: schoolA.id })
    staff = await makeUser(db, { institutionId: schoolA.id })
    const teacherB = await makeUser(db, { institutionId: schoolB.id })
    const inBankya = (status: 'in_progress' | 'resolved' = 'in_progress') =>
      makeCase(db, {
        authorId: coordinator.id,
        institutionId: schoolA.id,
        districtCode: 'bankya',
        status,
        createdAt: at('2016-10-01'),
      })

    // Tasks: one done on time and one late in 2017; one done in 2016 (outside); overdue: school A's (due in June),
    // school B's teacher's (July); one due in 2016 (outside); a dropped one (never overdue).
    const tasks = await inBankya()
    await makeAction(db, {
      caseId: tasks.id,
      ownerUserId: staff.id,
      dueDate: '2017-03-05',
      status: 'done',
      completedAt: at('2017-03-01'),
    })
    await makeAction(db, {
      caseId: tasks.id,
      ownerInstitutionId: schoolB.id,
      dueDate: '2017-04-01',
      status: 'done',
      completedAt: at('2017-04-10'),
    })
    await makeAction(db, {
      caseId: tasks.id,
      ownerUserId: staff.id,
      dueDate: '2017-01-05',
      status: 'done',
      completedAt: at('2016-12-20'),
    })
    await makeAction(db, { caseId: tasks.id, ownerInstitutionId: schoolA.id, dueDate: '2017-06-01' })
    await makeAction(db, { caseId: tasks.id, ownerUserId: teacherB.id, dueDate: '2017-07-01' })
    await makeAction(db, { caseId: tasks.id, ownerInstitutionId: schoolA.id, dueDate: '2016-12-01' })
    await makeAction(db, {
      caseId: tasks.id,
      ownerInstitutionId: schoolB.id,
      dueDate: '2017-05-01',
      status: 'dropped',
      dropReason: 'не е нужна',
    })

    // Outside Bankya: a task done on time and an overdue one (the whole project counts them).
    const lyulin = await makeCase(db, { authorId: coordinator.id, institutionId: elsewhere.id, districtCode: 'lyulin' })
    await makeAction(db, {
      caseId: lyulin.id,
      ownerInstitutionId: elsewhere.id,
      dueDate: '2017-09-01',
      status: 'done',
      completedAt: at('2017-08-30'),
    })
    await makeAction(db, { caseId: lyulin.id, ownerInstitutionId: elsewhere.id, dueDate: '2017-10-01' })

    // Returns: February (attending at 1 month, left again at 3, the 6-month check dropped), May (irregular at
    // 1 month, the later checks unanswered and overdue), and one in November 2016 (outside the period).
    const checks = async (returnedOn: string, plan: [number, string, 'open' | 'done' | 'dropped', string | null][]) => {
      const c = await inBankya('resolved')
      for (const [months, due, status, answer] of plan)
        await makeAction(db, {
          caseId: c.id,
          kind: 'retention_check',
          ownerInstitutionId: schoolA.id,
          retentionMonths: months,
          returnedOn,
          dueDate: due,
          status,
          answer: answer as 'attending' | 'irregular' | 'left_again' | null,
        })
    }
    await checks('2017-02-01', [
      [1, '2017-03-01', 'done', 'attending'],
      [3, '2017-05-01', 'done', 'left_again'],
      [6, '2017-08-01', 'dropped', null],
    ])
    await checks('2017-05-01', [
      [1, '2017-06-01', 'done', 'irregular'],
      [3, '2017-08-01', 'open', null],
      [6, '2017-11-01', 'open', null],
    ])
    await checks('2016-11-01', [
      [1, '2016-12-01', 'done', 'attending'],
      [3, '2017-02-01', 'done', 'attending'],
      [6, '2017-05-01', 'done', 'attending'],
    ])
  })

  it('computes done on time, overdue per institution and retention per check for the period and the district', async () => {
    const ind = await computeIndicators(coordinator, YEAR_2017, BANKYA)
    expect(ind.followThrough).toEqual({
      done: 2,
      doneOnTime: 1,
      overdueByInstitution: [
        // School A: its June task and the May return's two unanswered checks.
        { institutionId: schoolA.id, name: schoolA.name, overdue: 3 },
        { institutionId: schoolB.id, name: schoolB.name, overdue: 1 },
      ],
      retention: [
        { months: 1, returns: 2, inSchool: 2, left: 0 },
        { months: 3, returns: 2, inSchool: 0, left: 1 },
        { months: 6, returns: 2, inSchool: 0, left: 1 },
      ],
    })
    const project = await computeIndicators(coordinator, YEAR_2017, {})
    expect([project.followThrough!.done, project.followThrough!.doneOnTime]).toEqual([3, 2])
    expect(project.followThrough!.overdueByInstitution.find((r) => r.institutionId === elsewhere.id)?.overdue).toBe(1)
    // Another period: nothing of 2017.
    const later = await computeIndicators(coordinator, periodOf('2018-01-01', '2018-01-31'), BANKYA)
    expect(later.followThrough).toEqual({ done: 0, doneOnTime: 0, overdueByInstitution: [], retention: [] })
    // Colleagues without the coordinators' view do not get them.
    expect((await computeIndicators(staff, YEAR_2017, BANKYA)).followThrough).toBeNull()
  })

  it('shows them on /reports and puts them in the PDF, the CSV and one XLSX sheet per table', async () => {
    const cookie = await sessionCookieFor(coordinator.id)
    const query = 'from=2017-01-01&to=2017-12-31&district=bankya'
    const page = await reports.loader({ request: getRequest(`/reports?${query}`, { cookie }), params: {}, context })
    expect(page.indicators.followThrough?.doneOnTime).toBe(1)

    const download = async (file: string) =>
      (await reportFile.loader({
        request: getRequest(`/reports/${file}?${query}`, { cookie }),
        params: { file },
        context,
      })) as Response

    const lines = (await (await download('indicators.csv')).text()).replace(/^\uFEFF/, '').split('\r\n')
    expect(lines).toContain('Задачи, изпълнени в срок')
    expect(lines).toContain('Изпълнени задачи;2')
    expect(lines).toContain('Дял изпълнени в срок (%);50')
    expect(lines).toContain(`${schoolA.name};3`)
    expect(lines).toContain('След 1 мес.;2;2;0;0;100')
    expect(lines).toContain('След 3 мес.;2;0;1;1;0')

    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await (await download('indicators.xlsx')).arrayBuffer())
    expect(workbook.worksheets.map((w) => w.name).slice(-3)).toEqual([
      'Задачи, изпълнени в срок',
      'Просрочени задачи по институции',
      'Останали в училище след връщане',
    ])
    const retention = workbook.getWorksheet('Останали в училище след връщане')!
    const sixMonths = retention.getRows(1, retention.rowCount)!.find((r) => r.getCell(1).value === 'След 6 мес.')!
    expect([2, 3, 4, 5, 6].map((i) => sixMonths.getCell(i).value)).toEqual([2, 0, 1, 1, 0])

    const texts = pdfTexts(new Uint8Array(await (await download('indicators.pdf')).arrayBuffer())).join('\n')
    expect(texts).toContain('Задачи, изпълнени в срок')
    expect(texts).toContain('Останали в училище след връщане')
  })
})
