import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'

import * as rounds from '../../app/routes/foreign-schools._index'
import * as round from '../../app/routes/foreign-schools.$roundId._index'
import * as csv from '../../app/routes/foreign-schools.$roundId.export[.]csv'
import * as reply from '../../app/routes/foreign-schools.reply.$token'
import { emailOutbox, foreignSchoolAnswers, foreignSchoolRounds, foreignSchools } from '../../db/schema'
import { makeInstitution, makeUser } from '../../seed/builders/identity'
import { db } from '../support/database'
import { context, formRequest, getRequest, payloadOf, sessionCookieFor, settle, statusOf } from '../support/http'

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context })
type Answer = {
  ok: boolean
  fieldErrors?: Record<string, string[]>
  formError?: string
  link?: { url: string }
  updated?: boolean
}

const COUNTS = {
  pupils0to6: '3',
  pupils7to10: '12',
  pupils11to14: '7',
  pupils15to18: '2',
  newEnrolments: '4',
  leavers: '1',
}

describe('foreign schools: a data-collection round', () => {
  let coordinator: Awaited<ReturnType<typeof makeUser>>
  let staff: Awaited<ReturnType<typeof makeUser>>
  let coordinatorCookie: string
  beforeAll(async () => {
    const office = await makeInstitution(db, { kind: 'district_administration' })
    coordinator = await makeUser(db, { role: 'coordinator', institutionId: office.id, locale: 'en' })
    staff = await makeUser(db, { institutionId: office.id })
    coordinatorCookie = await sessionCookieFor(coordinator.id)
  })

  async function newRound(title = `Кампания ${Date.now()}-${Math.random()}`) {
    const res = await rounds.action(
      args(
        formRequest(
          '/foreign-schools',
          { title, periodStart: '2026-09-15', periodEnd: '2027-06-30' },
          { cookie: coordinatorCookie },
        ),
      ),
    )
    expect(statusOf(res)).toBe(302)
    return (res as Response).headers.get('location')!.split('/').pop()!
  }

  async function addSchool(roundId: string, name: string, email = 'office@school.example') {
    const res = await round.action(
      args(
        formRequest(
          `/foreign-schools/${roundId}`,
          { intent: 'add', name, contactEmail: email },
          { cookie: coordinatorCookie },
        ),
        { roundId },
      ),
    )
    return payloadOf<Answer>(res)
  }

  it('refuses staff (403) on every coordinator page and the CSV', async () => {
    const roundId = await newRound()
    const cookie = await sessionCookieFor(staff.id)
    expect(statusOf(await settle(() => rounds.loader(args(getRequest('/foreign-schools', { cookie })))))).toBe(403)
    expect(
      statusOf(
        await settle(() =>
          rounds.action(
            args(
              formRequest(
                '/foreign-schools',
                { title: 'X кампания', periodStart: '2026-01-01', periodEnd: '2026-02-01' },
                { cookie },
              ),
            ),
          ),
        ),
      ),
    ).toBe(403)
    expect(
      statusOf(
        await settle(() => round.loader(args(getRequest(`/foreign-schools/${roundId}`, { cookie }), { roundId }))),
      ),
    ).toBe(403)
    expect(
      statusOf(
        await settle(() =>
          round.action(
            args(
              formRequest(
                `/foreign-schools/${roundId}`,
                { intent: 'add', name: 'Школа', contactEmail: 'a@b.bg' },
                { cookie },
              ),
              {
                roundId,
              },
            ),
          ),
        ),
      ),
    ).toBe(403)
    expect(
      statusOf(
        await settle(() =>
          csv.loader(args(getRequest(`/foreign-schools/${roundId}/export.csv`, { cookie }), { roundId })),
        ),
      ),
    ).toBe(403)
  })

  it('rejects a period that ends before it starts, and changes nothing', async () => {
    const before = await db.select().from(foreignSchoolRounds)
    const res = await rounds.action(
      args(
        formRequest(
          '/foreign-schools',
          { title: 'Обратен период', periodStart: '2027-01-01', periodEnd: '2026-01-01' },
          { cookie: coordinatorCookie },
        ),
      ),
    )
    expect(statusOf(res)).toBe(400)
    expect(payloadOf<Answer>(res).fieldErrors?.periodEnd).toEqual(['foreign.error.periodOrder'])
    expect(await db.select().from(foreignSchoolRounds)).toHaveLength(before.length)
  })

  it('a school answers through its link without an account; a second answer updates; the coordinator sees totals and exports CSV', async () => {
    const roundId = await newRound()
    const added = await addSchool(roundId, 'Lycée français de Sofia', 'Office@Lycee.example')
    expect(added.ok).toBe(true)
    const token = added.link!.url.split('/').pop()!
    // Only the hash is stored, and the link went to the school by e-mail.
    const [school] = await db.select().from(foreignSchools).where(eq(foreignSchools.roundId, roundId))
    expect(school.tokenHash).not.toContain(token)
    const mails = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, 'office@lycee.example'))
    expect(mails.some((m) => m.textBody.includes(`/foreign-schools/reply/${token}`))).toBe(true)
    const other = await addSchool(roundId, 'Anglo-American School')
    expect(other.ok).toBe(true)
    expect((await addSchool(roundId, 'lycée français de sofia')).fieldErrors?.name).toEqual(['foreign.error.duplicate'])

    // The public page opens with no session.
    const page = await reply.loader(args(getRequest(`/foreign-schools/reply/${token}`), { token }))
    expect(page.schoolName).toBe('Lycée français de Sofia')
    expect(page.answer).toBeNull()

    // Bad numbers: negative, fractional, empty → field errors, nothing stored.
    const bad = await reply.action(
      args(
        formRequest(`/foreign-schools/reply/${token}`, {
          ...COUNTS,
          pupils0to6: '-1',
          leavers: '1.5',
          newEnrolments: '',
        }),
        {
          token,
        },
      ),
    )
    expect(statusOf(bad)).toBe(400)
    expect(Object.keys(payloadOf<Answer>(bad).fieldErrors ?? {}).sort()).toEqual([
      'leavers',
      'newEnrolments',
      'pupils0to6',
    ])
    expect(
      await db.select().from(foreignSchoolAnswers).where(eq(foreignSchoolAnswers.schoolId, school.id)),
    ).toHaveLength(0)

    // A comment naming a child is blocked by the privacy guard (422), with no override for a visitor.
    const blocked = await reply.action(
      args(
        formRequest(`/foreign-schools/reply/${token}`, {
          ...COUNTS,
          comment: 'Иван Петров Иванов, ЕГН 0441014568, напусна.',
        }),
        { token },
      ),
    )
    expect(statusOf(blocked)).toBe(422)
    expect(
      await db.select().from(foreignSchoolAnswers).where(eq(foreignSchoolAnswers.schoolId, school.id)),
    ).toHaveLength(0)

    const first = await reply.action(
      args(formRequest(`/foreign-schools/reply/${token}`, { ...COUNTS, comment: 'Две паралелки с български език.' }), {
        token,
      }),
    )
    expect(payloadOf<Answer>(first)).toEqual({ ok: true, updated: false })
    const second = await reply.action(
      args(formRequest(`/foreign-schools/reply/${token}`, { ...COUNTS, pupils7to10: '15' }), { token }),
    )
    expect(payloadOf<Answer>(second)).toEqual({ ok: true, updated: true })
    const [stored] = await db.select().from(foreignSchoolAnswers).where(eq(foreignSchoolAnswers.schoolId, school.id))
    expect(stored.pupils7to10).toBe(15)
    expect(stored.submissions).toBe(2)

    const view = await round.loader(
      args(getRequest(`/foreign-schools/${roundId}`, { cookie: coordinatorCookie }), { roundId }),
    )
    expect(view.answered).toBe(1)
    expect(view.totals).toEqual({
      pupils0to6: 3,
      pupils7to10: 15,
      pupils11to14: 7,
      pupils15to18: 2,
      newEnrolments: 4,
      leavers: 1,
    })
    expect(view.schools.map((s) => [s.name, s.answer !== null])).toEqual([
      ['Anglo-American School', false],
      ['Lycée français de Sofia', true],
    ])

    const res = (await csv.loader(
      args(getRequest(`/foreign-schools/${roundId}/export.csv`, { cookie: coordinatorCookie }), { roundId }),
    )) as Response
    expect(res.headers.get('content-type')).toContain('text/csv')
    const lines = (await res.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(lines[0]).toContain('School')
    expect(lines).toContain('Lycée français de Sofia,office@lycee.example,Yes,3,15,7,2,4,1,')
    expect(lines.at(-1)).toBe('Total,,,3,15,7,2,4,1,')
  })

  it('a renewed link replaces the old one; closing drops every link; deleting the round deletes its schools and answers', async () => {
    const roundId = await newRound()
    const added = await addSchool(roundId, 'Deutsche Schule')
    const oldToken = added.link!.url.split('/').pop()!
    const [school] = await db.select().from(foreignSchools).where(eq(foreignSchools.roundId, roundId))
    const renewed = payloadOf<Answer>(
      await round.action(
        args(
          formRequest(
            `/foreign-schools/${roundId}`,
            { intent: 'renew', schoolId: school.id },
            { cookie: coordinatorCookie },
          ),
          {
            roundId,
          },
        ),
      ),
    )
    const token = renewed.link!.url.split('/').pop()!
    expect(token).not.toBe(oldToken)
    expect(statusOf(await settle(() => reply.loader(args(getRequest('/x'), { token: oldToken }))))).toBe(404)
    await reply.action(args(formRequest(`/foreign-schools/reply/${token}`, COUNTS), { token }))

    await round.action(
      args(formRequest(`/foreign-schools/${roundId}`, { intent: 'close' }, { cookie: coordinatorCookie }), { roundId }),
    )
    expect(statusOf(await settle(() => reply.loader(args(getRequest('/x'), { token }))))).toBe(404)
    const [closed] = await db.select().from(foreignSchools).where(eq(foreignSchools.id, school.id))
    expect(closed.tokenHash).toBeNull()

    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.foreignSchoolId, school.id))).toHaveLength(2)
    await round.action(
      args(formRequest(`/foreign-schools/${roundId}`, { intent: 'delete' }, { cookie: coordinatorCookie }), {
        roundId,
      }),
    )
    expect(await db.select().from(foreignSchools).where(eq(foreignSchools.roundId, roundId))).toHaveLength(0)
    expect(
      await db.select().from(foreignSchoolAnswers).where(eq(foreignSchoolAnswers.schoolId, school.id)),
    ).toHaveLength(0)
    // The e-mails that carried the school's links (first and renewed) go with it.
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.foreignSchoolId, school.id))).toHaveLength(0)
  })
})
