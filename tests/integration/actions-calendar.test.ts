import { eq } from 'drizzle-orm'
import ICAL from 'ical.js'
import { describe, expect, it } from 'vitest'

import { createCaseAction, markActionDone, sofiaToday } from '../../app/features/actions/actions.server'
import { changeCaseStatus } from '../../app/features/cases/cases.server'
import * as account from '../../app/routes/account'
import { loader as calendarLoader } from '../../app/routes/actions.calendar[.]ics'
import { actionCalendarTokens } from '../../db/schema'
import { makeCase } from '../../seed/builders/cases'
import { makeInstitution, makeUser } from '../../seed/builders/identity'
import { db } from '../support/database'
import { context, formRequest, getRequest, payloadOf, sessionCookieFor, settle, statusOf } from '../support/http'

const inDays = (n: number) => sofiaToday(new Date(Date.now() + n * 86400_000))

async function feedOf(url: string) {
  return settle(() =>
    calendarLoader({ request: getRequest(new URL(url).pathname + new URL(url).search), params: {}, context }),
  )
}

describe('personal calendar of actions', () => {
  it('creates a secret ICS address on the account page that a real parser reads, and revoking it makes it 404', async () => {
    const school = await makeInstitution(db, { kind: 'school' })
    const teacher = await makeUser(db, { institutionId: school.id, locale: 'en' })
    const author = await makeUser(db, { institutionId: school.id })
    const thread = await makeCase(db, { authorId: author.id, institutionId: school.id, status: 'in_progress' })
    const open = await createCaseAction(author, thread.code, {
      text: 'Home visit; textbooks, and a meeting',
      owner: { type: 'user', id: teacher.id },
      dueDate: inDays(2),
    })
    const done = await createCaseAction(author, thread.code, {
      text: 'Already done',
      owner: { type: 'user', id: teacher.id },
      dueDate: inDays(1),
    })
    await markActionDone(teacher, done.id)
    await changeCaseStatus(author, thread.code, { status: 'resolved', outcome: 'returned_to_school' })

    const cookie = await sessionCookieFor(teacher.id)
    const created = await account.action({
      request: formRequest('/account', { intent: 'calendar-create' }, { cookie }),
      params: {},
      context,
    })
    const url = payloadOf<{ calendarUrl: string }>(created).calendarUrl
    expect(url).toMatch(/\/actions\/calendar\.ics\?token=[\w-]{40,}$/)
    // Only a hash is stored.
    const [stored] = await db.select().from(actionCalendarTokens).where(eq(actionCalendarTokens.userId, teacher.id))
    expect(url).not.toContain(stored.tokenHash)
    const page = await account.loader({ request: getRequest('/account', { cookie }), params: {}, context })
    expect(page.calendarFeed).not.toBeNull()

    const response = (await feedOf(url)) as Response
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
    const calendar = new ICAL.Component(ICAL.parse(await response.text()))
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v))
    const summaries = events.map((e) => e.summary).sort()
    // The open action and the school's three retention checks; not the finished action.
    expect(summaries).toEqual(
      [
        `Home visit; textbooks, and a meeting (${thread.code})`,
        `Retention check, month 1: does the child attend school? (${thread.code})`,
        `Retention check, month 3: does the child attend school? (${thread.code})`,
        `Retention check, month 6: does the child attend school? (${thread.code})`,
      ].sort(),
    )
    const visit = events.find((e) => e.uid === `action-${open.id}@iwb`)!
    expect(visit.startDate.isDate).toBe(true)
    expect(visit.startDate.toString()).toBe(inDays(2))
    expect(visit.endDate.toString()).toBe(inDays(3))

    // Re-created: the old address is dead, the new one works; revoked: 404.
    const again = await account.action({
      request: formRequest('/account', { intent: 'calendar-create' }, { cookie }),
      params: {},
      context,
    })
    const newUrl = payloadOf<{ calendarUrl: string }>(again).calendarUrl
    expect(statusOf(await feedOf(url))).toBe(404)
    expect(statusOf(await feedOf(newUrl))).toBe(200)
    const revoked = await settle(() =>
      account.action({
        request: formRequest('/account', { intent: 'calendar-revoke' }, { cookie }),
        params: {},
        context,
      }),
    )
    expect(statusOf(revoked)).toBe(302)
    expect(statusOf(await feedOf(newUrl))).toBe(404)
    expect(statusOf(await feedOf('http://localhost/actions/calendar.ics'))).toBe(404)
    expect(statusOf(await feedOf('http://localhost/actions/calendar.ics?token=guess'))).toBe(404)
  })
})
