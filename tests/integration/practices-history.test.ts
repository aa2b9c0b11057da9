/**
 * Erasing a practice's earlier versions: personal data corrected in a published practice must not stay readable in
 * the versions it replaced, nor in the title its notifications were written with. After the erasure no table holds
 * the earlier text, and the audit log counts what went, never what it said.
 */
import { and, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { sendDailyDigests } from '../../app/features/notifications/inbox.server'
import { changePracticeStatus, erasePracticeHistory } from '../../app/features/practices/practices.server'
import { SEARCH_SOURCES } from '../../app/features/search/sources.server'
import * as practicePage from '../../app/routes/practices.$slug._index'
import * as practiceEdit from '../../app/routes/practices.$slug.edit'
import * as practiceRevision from '../../app/routes/practices.$slug.revisions.$version'
import { emailOutbox, notifications, practiceRevisions, users } from '../../db/schema'
import { drainSearchOutbox } from '../../search/worker'
import { makePractice } from '../../seed/builders/practices'
import { auditEntries, db, findInEveryTable } from '../support/database'
import { context, flashOf, formRequest, getRequest, payloadOf, settle, statusOf } from '../support/http'
import { signedInColleague } from '../support/people'
import { slippedPersonalData } from '../support/sentinels'

const practiceForm = (title: string, version: number) => ({
  title,
  summary: 'Екип от училище и здравен медиатор посещава семействата всяка седмица.',
  problem: 'Децата от квартала пропускат училище през зимата.',
  actions: 'Посещения по домовете, разговори с родителите, общ график с училището.',
  results: '',
  resources: '',
  situationTags: ['long_absence'],
  ageBands: '7-10',
  districts: ['lyulin'],
  institutionKinds: ['school'],
  caseCodes: '',
  version: String(version),
})

const edit = (slug: string, title: string, version: number, cookie: string) =>
  settle(() =>
    practiceEdit.action({
      request: formRequest(`/practices/${slug}/edit`, practiceForm(title, version), { cookie }),
      params: { slug },
      context,
    }),
  )

const eraseOnPage = (slug: string, cookie: string) =>
  settle(() =>
    practicePage.action({
      request: formRequest(`/practices/${slug}`, { intent: 'eraseHistory' }, { cookie }),
      params: { slug },
      context,
    }),
  )

const pageOf = async (slug: string, cookie: string) =>
  payloadOf<Awaited<ReturnType<typeof practicePage.loader>>>(
    await settle(() =>
      practicePage.loader({ request: getRequest(`/practices/${slug}`, { cookie }), params: { slug }, context }),
    ),
  )

const revisionCount = async (practiceId: string) =>
  (
    await db
      .select({ n: sql<number>`count(*)::int` })
      .from(practiceRevisions)
      .where(eq(practiceRevisions.practiceId, practiceId))
  )[0].n

const erasures = (practiceId: string) => auditEntries('practice.history.erase', practiceId)

describe("erasing a practice's earlier versions", () => {
  it('deletes the stored versions and the earlier title in notifications and mail, nothing else; audited without text', async () => {
    const author = await signedInColleague()
    const otherStaff = await signedInColleague()
    const coordinator = await signedInColleague('coordinator')
    // The author reads notifications in a daily digest; the coordinators get each one by e-mail.
    await db.update(users).set({ emailPreference: 'daily' }).where(eq(users.id, author.user.id))
    const data = slippedPersonalData()
    const kept = slippedPersonalData()
    const row = await makePractice(db, {
      authorId: author.user.id,
      institutionId: author.user.institutionId,
      status: 'draft',
      title: `Посещения при семейство ${data.word}`,
      sections: { problem: `Майката е на ${data.phone}, децата не ходят на училище.` },
    })
    // Another practice whose address starts with this one's: its history and notifications are not touched.
    const other = await makePractice(db, {
      authorId: author.user.id,
      institutionId: author.user.institutionId,
      title: `Друга практика ${kept.word}`,
      slug: `${row.slug}-2`,
    })
    await changePracticeStatus(author.user, row.slug, 'submit')
    await changePracticeStatus(coordinator.user, row.slug, 'publish')
    await db
      .update(notifications)
      .set({ createdAt: new Date(Date.now() - 25 * 3600 * 1000) })
      .where(eq(notifications.userId, author.user.id))
    expect((await sendDailyDigests()).digests).toBeGreaterThanOrEqual(1)
    await drainSearchOutbox(SEARCH_SOURCES)

    // A coordinator corrects the published practice: the version it replaces is stored.
    const current = 'Посещения по домовете заедно със здравен медиатор'
    expect(statusOf(await edit(row.slug, current, 1, coordinator.cookie))).toBe(302)
    expect(statusOf(await edit(other.slug, 'Друга практика, поправена', 1, coordinator.cookie))).toBe(302)
    await drainSearchOutbox(SEARCH_SOURCES)
    const before = await findInEveryTable([data.phone, data.word])
    expect(new Set(before)).toEqual(
      new Set([
        `practice_revisions: ${data.phone} `,
        `practice_revisions: ${data.word} `,
        `notifications: ${data.word} `,
        `email_outbox: ${data.word} `,
      ]),
    )
    expect(
      statusOf(
        await settle(() =>
          practiceRevision.loader({
            request: getRequest(`/practices/${row.slug}/revisions/1`, { cookie: otherStaff.cookie }),
            params: { slug: row.slug, version: '1' },
            context,
          }),
        ),
      ),
    ).toBe(200)
    expect((await pageOf(row.slug, coordinator.cookie)).viewer.canEraseHistory).toBe(true)
    expect((await pageOf(row.slug, author.cookie)).viewer.canEraseHistory).toBe(false)

    // Staff — the author among them — may read the versions, but not erase them.
    for (const cookie of [author.cookie, otherStaff.cookie])
      expect(statusOf(await eraseOnPage(row.slug, cookie))).toBe(403)
    await expect(erasePracticeHistory(otherStaff.user, row.slug)).rejects.toMatchObject({ status: 403 })
    expect(await revisionCount(row.id)).toBe(1)
    expect(new Set(await findInEveryTable([data.phone, data.word]))).toEqual(new Set(before))
    expect(await erasures(row.id)).toEqual([])

    const erased = await eraseOnPage(row.slug, coordinator.cookie)
    expect(statusOf(erased)).toBe(302)
    expect((erased as Response).headers.get('location')).toBe(`/practices/${row.slug}`)
    expect((await flashOf(erased as Response))?.key).toBe('practices.flash.revisionsErased')
    expect(await findInEveryTable([data.phone, data.word])).toEqual([])

    // The current version is as it was; the versions list and the earlier version's page are gone.
    const page = await pageOf(row.slug, coordinator.cookie)
    expect(page.practice.title).toBe(current)
    expect(page.practice.version).toBe(2)
    expect(page.revisions).toEqual([])
    expect(
      statusOf(
        await settle(() =>
          practiceRevision.loader({
            request: getRequest(`/practices/${row.slug}/revisions/1`, { cookie: coordinator.cookie }),
            params: { slug: row.slug, version: '1' },
            context,
          }),
        ),
      ),
    ).toBe(404)
    // The notifications now name the practice by its current title, in the bell and in the mail not yet purged.
    const bell = await db
      .select()
      .from(notifications)
      .where(eq(notifications.url, `/practices/${row.slug}`))
    expect(bell.length).toBeGreaterThanOrEqual(2)
    for (const n of bell) expect(n.params.title).toBe(current)
    const digest = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.toAddress, author.user.email), eq(emailOutbox.kind, 'notification.digest')))
    expect(digest).toHaveLength(1)
    expect(digest[0].textBody).toContain(`„${current}“`)
    const mailed = await db
      .select()
      .from(emailOutbox)
      .where(
        and(eq(emailOutbox.toAddress, coordinator.user.email), eq(emailOutbox.kind, 'notification.practice.submitted')),
      )
    expect(mailed).toHaveLength(1)
    expect(mailed[0].subject).toBe(`Нова практика очаква преглед: „${current}“`)

    // The other practice keeps its history.
    expect(await revisionCount(other.id)).toBe(1)
    expect(await findInEveryTable([kept.word])).toEqual([`practice_revisions: ${kept.word} `])

    // The audit entry says who, which practice and how many, never what the versions said.
    const entries = await erasures(row.id)
    expect(entries).toHaveLength(1)
    expect(entries[0].actorId).toBe(coordinator.user.id)
    expect(entries[0].targetType).toBe('practice')
    const details = entries[0].details as Record<string, unknown>
    expect(Object.keys(details).sort()).toEqual(['emails', 'notifications', 'revisions'])
    expect(details.revisions).toBe(1)
    expect(details.notifications).toBeGreaterThanOrEqual(2)
    expect(details.emails).toBeGreaterThanOrEqual(2)
    expect(JSON.stringify(entries[0])).not.toContain(data.word)

    // Nothing left to erase: nothing changes and nothing more is recorded.
    expect(statusOf(await eraseOnPage(row.slug, coordinator.cookie))).toBe(302)
    expect(await erasures(row.id)).toHaveLength(1)
  })
})
