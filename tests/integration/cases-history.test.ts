/**
 * Erasing a post's edit history: personal data corrected in a post (or in a post hidden over a personal-data flag)
 * must not stay readable in its earlier versions. After the erasure no table holds the earlier text, and the audit
 * log says which post and how many versions, never what they said.
 */
import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { erasePostHistory } from '../../app/features/cases/moderation.server'
import * as casePage from '../../app/routes/cases.$code._index'
import * as caseEdit from '../../app/routes/cases.$code.edit'
import * as caseFlag from '../../app/routes/cases.$code.flag'
import * as caseHistory from '../../app/routes/cases.$code.history'
import * as replyEdit from '../../app/routes/cases.$code.replies.$replyId.edit'
import * as moderation from '../../app/routes/cases.moderation'
import { caseFlags, caseReplies, caseRevisions } from '../../db/schema'
import { makeCase, makeReplies } from '../../seed/builders/cases'
import { auditEntries, db, findInEveryTable } from '../support/database'
import { context, flashOf, formRequest, getRequest, payloadOf, settle, statusOf } from '../support/http'
import { signedInColleague } from '../support/people'
import { slippedPersonalData } from '../support/sentinels'

const path = (code: string) => `/cases/${encodeURIComponent(code)}`

const historyOf = async (code: string, cookie: string) =>
  payloadOf<Awaited<ReturnType<typeof caseHistory.loader>>>(
    await settle(() =>
      caseHistory.loader({ request: getRequest(`${path(code)}/history`, { cookie }), params: { code }, context }),
    ),
  )

const eraseOnHistoryPage = (code: string, replyId: string, cookie: string) =>
  settle(() =>
    caseHistory.action({
      request: formRequest(`${path(code)}/history`, { intent: 'erase', replyId }, { cookie }),
      params: { code },
      context,
    }),
  )

const editReply = (code: string, replyId: string, body: string, cookie: string) =>
  settle(() =>
    replyEdit.action({
      request: formRequest(`${path(code)}/replies/${replyId}/edit`, { body }, { cookie }),
      params: { code, replyId },
      context,
    }),
  )

const moderate = (fields: Record<string, string>, cookie: string) =>
  settle(() =>
    moderation.action({ request: formRequest('/cases/moderation', fields, { cookie }), params: {}, context }),
  )

const revisionCount = async (caseId: string) =>
  (
    await db
      .select({ n: sql<number>`count(*)::int` })
      .from(caseRevisions)
      .where(eq(caseRevisions.caseId, caseId))
  )[0].n

const erasures = (targetId: string) => auditEntries('case.post.history.erase', targetId)

describe("erasing a post's edit history", () => {
  it('deletes the earlier versions of a corrected reply and of the case description, nothing else; audited without text', async () => {
    const author = await signedInColleague()
    const replier = await signedInColleague()
    const coordinator = await signedInColleague('coordinator')
    const inReply = slippedPersonalData()
    const inOpening = slippedPersonalData()
    const kept = slippedPersonalData()
    const thread = await makeCase(db, {
      authorId: author.user.id,
      institutionId: author.institution.id,
      title: `Момче, 12 г., ${inOpening.word}`,
      description: `Майката е на ${inOpening.phone}, детето не ходи на училище.`,
    })
    const [reply, other] = await makeReplies(db, thread.id, [
      { authorId: replier.user.id, text: `Обадих се на ${inReply.phone}, ${inReply.word} не отговори.` },
      { authorId: replier.user.id, text: `Първа версия с думата ${kept.word}.` },
    ])

    // The data is corrected by editing: the reply by its author, the case by a coordinator.
    expect(statusOf(await editReply(thread.code, reply.id, 'Обадих се на семейството.', replier.cookie))).toBe(302)
    expect(statusOf(await editReply(thread.code, other.id, 'Втора версия.', replier.cookie))).toBe(302)
    const caseSaved = await settle(() =>
      caseEdit.action({
        request: formRequest(
          `${path(thread.code)}/edit`,
          {
            intent: 'save',
            title: 'Момче, 12 г., не посещава училище',
            description: 'Детето не ходи на училище.',
            districtCode: 'lyulin',
            ageBand: '11-14',
            educationStage: 'lower_secondary',
          },
          { cookie: coordinator.cookie },
        ),
        params: { code: thread.code },
        context,
      }),
    )
    expect(statusOf(caseSaved)).toBe(302)
    expect(await findInEveryTable([inReply.phone, inReply.word])).toEqual([
      `case_revisions: ${inReply.phone} `,
      `case_revisions: ${inReply.word} `,
    ])
    expect(await findInEveryTable([inOpening.phone, inOpening.word])).toEqual([
      `case_revisions: ${inOpening.phone} `,
      `case_revisions: ${inOpening.word} `,
    ])
    expect((await historyOf(thread.code, coordinator.cookie)).canErase).toBe(true)
    expect((await historyOf(thread.code, author.cookie)).canErase).toBe(false)

    // The case's author and the reply's author see the history, but may not erase it.
    for (const cookie of [author.cookie, replier.cookie]) {
      expect(statusOf(await eraseOnHistoryPage(thread.code, reply.id, cookie))).toBe(403)
      expect(statusOf(await eraseOnHistoryPage(thread.code, '', cookie))).toBe(403)
    }
    await expect(
      erasePostHistory({ ...author.user, name: author.user.name }, thread.code, { replyId: reply.id }),
    ).rejects.toMatchObject({ status: 403 })
    expect(await revisionCount(thread.id)).toBe(3)
    expect(await erasures(reply.id)).toEqual([])
    // An id that is not a reply's is refused, not taken for the opening post.
    expect(statusOf(await eraseOnHistoryPage(thread.code, 'not-an-id', coordinator.cookie))).toBe(400)
    expect(await revisionCount(thread.id)).toBe(3)

    const erased = await eraseOnHistoryPage(thread.code, reply.id, coordinator.cookie)
    expect(statusOf(erased)).toBe(302)
    expect((erased as Response).headers.get('location')).toBe(`${path(thread.code)}/history`)
    expect((await flashOf(erased as Response))?.key).toBe('cases.history.erased')
    expect(await findInEveryTable([inReply.phone, inReply.word])).toEqual([])
    expect(statusOf(await eraseOnHistoryPage(thread.code, '', coordinator.cookie))).toBe(302)
    expect(await findInEveryTable([inOpening.phone, inOpening.word])).toEqual([])

    // The other reply keeps its history, and the posts themselves are as they were.
    const history = await historyOf(thread.code, coordinator.cookie)
    expect(history.rows.map((r) => r.replyId)).toEqual([other.id])
    expect(await findInEveryTable([kept.word])).toEqual([`case_revisions: ${kept.word} `])
    const [current] = await db.select().from(caseReplies).where(eq(caseReplies.id, reply.id))
    expect(current.bodyText).toBe('Обадих се на семейството.')
    expect(current.hiddenAt).toBeNull()

    const entries = [...(await erasures(reply.id)), ...(await erasures(thread.id))]
    expect(entries.map((e) => [e.actorId, e.targetType, e.details])).toEqual([
      [coordinator.user.id, 'case_reply', { caseId: thread.id, revisions: 1, cause: 'request' }],
      [coordinator.user.id, 'case', { caseId: thread.id, revisions: 1, cause: 'request' }],
    ])

    // Nothing left to erase: nothing changes and nothing more is recorded.
    expect(statusOf(await eraseOnHistoryPage(thread.code, reply.id, coordinator.cookie))).toBe(302)
    expect(await erasures(reply.id)).toHaveLength(1)
  })

  it('hiding a post over a personal-data flag erases its history in the same step; its text stays for an unhide', async () => {
    const author = await signedInColleague()
    const flagger = await signedInColleague()
    const coordinator = await signedInColleague('coordinator')
    const data = slippedPersonalData()
    const thread = await makeCase(db, { authorId: author.user.id, institutionId: author.institution.id })
    const [reply, rude] = await makeReplies(db, thread.id, [
      { authorId: author.user.id, text: `Детето живее при ${data.word}, тел. ${data.phone}.` },
      { authorId: author.user.id, text: 'Неподходящ коментар.' },
    ])
    // A half-done correction: the phone number is gone from the post, the name is not.
    expect(statusOf(await editReply(thread.code, reply.id, `Детето живее при ${data.word}.`, author.cookie))).toBe(302)
    expect(statusOf(await editReply(thread.code, rude.id, 'Пак неподходящ.', author.cookie))).toBe(302)
    const flag = (replyId: string, reason: string) =>
      settle(() =>
        caseFlag.action({
          request: formRequest(`${path(thread.code)}/flag`, { replyId, reason, note: '' }, { cookie: flagger.cookie }),
          params: { code: thread.code },
          context,
        }),
      )
    expect(statusOf(await flag(reply.id, 'personal_data'))).toBe(302)
    expect(statusOf(await flag(rude.id, 'inappropriate'))).toBe(302)

    const queue = payloadOf<Awaited<ReturnType<typeof moderation.loader>>>(
      await settle(() =>
        moderation.loader({
          request: getRequest('/cases/moderation', { cookie: coordinator.cookie }),
          params: {},
          context,
        }),
      ),
    )
    const item = queue.flags.find((f) => f.replyId === reply.id)!
    expect(item).toMatchObject({ reason: 'personal_data', personalData: true, revisions: 1 })
    const rudeItem = queue.flags.find((f) => f.replyId === rude.id)!
    expect(rudeItem).toMatchObject({ personalData: false, revisions: 1 })

    // A post hidden for another reason keeps its history.
    expect(
      statusOf(
        await moderate(
          { intent: 'hide', flagId: rudeItem.id, code: thread.code, replyId: rude.id },
          coordinator.cookie,
        ),
      ),
    ).toBe(302)
    expect(await db.select().from(caseRevisions).where(eq(caseRevisions.replyId, rude.id))).toHaveLength(1)

    expect(
      statusOf(
        await moderate({ intent: 'hide', flagId: item.id, code: thread.code, replyId: reply.id }, coordinator.cookie),
      ),
    ).toBe(302)
    expect(await findInEveryTable([data.phone])).toEqual([])
    // The hidden post keeps its current text (the name), for coordinators and a possible unhide.
    expect(await findInEveryTable([data.word])).toEqual([`case_replies: ${data.word} `])
    const [hidden] = await db.select().from(caseReplies).where(eq(caseReplies.id, reply.id))
    expect(hidden.hiddenAt).not.toBeNull()
    const [resolved] = await db.select().from(caseFlags).where(eq(caseFlags.id, item.id))
    expect(resolved).toMatchObject({ resolution: 'hidden', resolvedBy: coordinator.user.id })
    expect((await erasures(reply.id)).map((e) => e.details)).toEqual([
      { caseId: thread.id, revisions: 1, cause: 'personal_data_flag' },
    ])

    expect(
      statusOf(
        await casePage.action({
          request: formRequest(
            path(thread.code),
            { intent: 'unhide', replyId: reply.id },
            { cookie: coordinator.cookie },
          ),
          params: { code: thread.code },
          context,
        }),
      ),
    ).toBe(302)
    const [shown] = await db.select().from(caseReplies).where(eq(caseReplies.id, reply.id))
    expect(shown).toMatchObject({ hiddenAt: null, bodyText: `Детето живее при ${data.word}.` })
  })

  it('a coordinator erases the history of a post flagged for personal data from the moderation queue; staff cannot', async () => {
    const author = await signedInColleague()
    const flagger = await signedInColleague()
    const coordinator = await signedInColleague('coordinator')
    const data = slippedPersonalData()
    const thread = await makeCase(db, {
      authorId: author.user.id,
      institutionId: author.institution.id,
      description: `Бащата е на ${data.phone}.`,
    })
    const saved = await settle(() =>
      caseEdit.action({
        request: formRequest(
          `${path(thread.code)}/edit`,
          {
            intent: 'save',
            title: thread.title,
            description: 'Бащата е уведомен.',
            districtCode: 'lyulin',
            ageBand: '11-14',
            educationStage: 'lower_secondary',
          },
          { cookie: author.cookie },
        ),
        params: { code: thread.code },
        context,
      }),
    )
    expect(statusOf(saved)).toBe(302)
    expect(
      statusOf(
        await settle(() =>
          caseFlag.action({
            request: formRequest(
              `${path(thread.code)}/flag`,
              { replyId: '', reason: 'personal_data', note: '' },
              { cookie: flagger.cookie },
            ),
            params: { code: thread.code },
            context,
          }),
        ),
      ),
    ).toBe(302)
    expect(await findInEveryTable([data.phone])).toEqual([`case_revisions: ${data.phone} `])

    expect(statusOf(await moderate({ intent: 'erase', code: thread.code, replyId: '' }, flagger.cookie))).toBe(403)
    expect(await revisionCount(thread.id)).toBe(1)
    expect(statusOf(await moderate({ intent: 'erase', code: thread.code, replyId: '' }, coordinator.cookie))).toBe(302)
    expect(await findInEveryTable([data.phone])).toEqual([])
    expect(await revisionCount(thread.id)).toBe(0)
    // The flag stays open: the coordinator still decides about the post.
    const open = await db.select().from(caseFlags).where(eq(caseFlags.caseId, thread.id))
    expect(open.map((f) => f.resolvedAt)).toEqual([null])
    expect((await erasures(thread.id)).map((e) => [e.targetType, e.details])).toEqual([
      ['case', { caseId: thread.id, revisions: 1, cause: 'request' }],
    ])
  })
})
