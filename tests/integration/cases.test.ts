import { and, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { caseUrl } from '../../app/features/cases/codes'
import { caseSearchSource } from '../../app/features/cases/search.server'
import { unreadWatchedCount } from '../../app/features/cases/watchers.server'
import { translate } from '../../app/features/i18n/translate'
import * as casesIndex from '../../app/routes/cases._index'
import * as casePage from '../../app/routes/cases.$code._index'
import * as caseEdit from '../../app/routes/cases.$code.edit'
import * as caseFlag from '../../app/routes/cases.$code.flag'
import * as caseHistory from '../../app/routes/cases.$code.history'
import * as replyEdit from '../../app/routes/cases.$code.replies.$replyId.edit'
import * as caseViewers from '../../app/routes/cases.$code.viewers'
import * as mentionsRoute from '../../app/routes/cases.mentions'
import * as moderation from '../../app/routes/cases.moderation'
import * as casesNew from '../../app/routes/cases.new'
import { loader as roomLoader } from '../../app/routes/chat.$roomId'
import { queryRows } from '../../db/client.server'
import { auditLog, caseReplies, caseThreads, caseViews, notifications, searchOutbox, users } from '../../db/schema'
import { makeCase, makeReplies } from '../../seed/builders/cases'
import { makeChatRoom } from '../../seed/builders/chat'
import { makeInstitution } from '../../seed/builders/identity'
import { makePractice } from '../../seed/builders/practices'
import { db } from '../support/database'
import { context, formRequest, getRequest, payloadOf, settle, statusOf } from '../support/http'
import { signedInColleague } from '../support/people'

const FOUR_FINDINGS = 'Детето Иван Петров, ЕГН 0641051235, живее на ул. „Опълченска“ 12, тел. 0888 123 456'

const caseFields = (overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> => ({
  intent: 'save',
  title: 'Момче, 13 г., не посещава училище след връщане от Германия',
  description: 'Семейството се върна от Германия през лятото. Детето не е записано в училище в района.',
  districtCode: 'lyulin',
  ageBand: '11-14',
  educationStage: 'lower_secondary',
  tags: ['returned_from_abroad', 'language_barrier'],
  ...overrides,
})

const path = (code: string) => `/cases/${encodeURIComponent(code)}`

/** The replies a case page shows, read from its list's markup: each one's number and markup. */
const shownReplies = (page: { replyList: { html: string | null } }) =>
  (page.replyList.html ?? '')
    .split(/(?=<li id="reply-\d+")/)
    .filter(Boolean)
    .map((html) => ({ number: Number(/^<li id="reply-(\d+)"/.exec(html)![1]), html }))

async function openCaseThroughForm(cookie: string, fields = caseFields()) {
  const result = await settle(() =>
    casesNew.action({ request: formRequest('/cases/new', fields, { cookie }), params: {}, context }),
  )
  expect(statusOf(result)).toBe(302)
  const location = (result as Response).headers.get('location')!
  const code = decodeURIComponent(location.replace('/cases/', ''))
  return code
}

const postToCase = (code: string, fields: Record<string, string | string[]>, cookie: string) =>
  settle(() => casePage.action({ request: formRequest(path(code), fields, { cookie }), params: { code }, context }))

const loadCase = (code: string, cookie: string, query = '') =>
  settle(() => casePage.loader({ request: getRequest(`${path(code)}${query}`, { cookie }), params: { code }, context }))

/** A unique run of letters (canonical words of tests must not meet words of other tests). */
const letters = () =>
  Array.from({ length: 8 }, () => 'абвгдежзиклмнопрстуфхцчш'[Math.floor(Math.random() * 24)]).join('')

const dictionaryHas = async (word: string) =>
  (await queryRows(db, sql`SELECT 1 FROM search_terms WHERE word = ${word}`)).length > 0

const countRows = async (table: typeof caseReplies | typeof caseThreads) =>
  (await db.select({ n: sql<number>`count(*)::int` }).from(table))[0].n

describe('signed-out visitors', () => {
  it('are sent to /login from the listing, a case page, the new-case form and the mention lookup', async () => {
    const author = await signedInColleague()
    const thread = await makeCase(db, { authorId: author.user.id, institutionId: author.institution.id })
    const attempts: (() => Promise<unknown>)[] = [
      () => casesIndex.loader({ request: getRequest('/cases'), params: {}, context }),
      () => casePage.loader({ request: getRequest(path(thread.code)), params: { code: thread.code }, context }),
      () =>
        casePage.action({
          request: formRequest(path(thread.code), { intent: 'reply', body: 'Здравейте' }),
          params: { code: thread.code },
          context,
        }),
      () => casesNew.loader({ request: getRequest('/cases/new'), params: {}, context }),
      () => mentionsRoute.loader({ request: getRequest('/cases/mentions?q=Е'), params: {}, context }),
    ]
    for (const attempt of attempts) {
      const result = await settle(attempt)
      expect(statusOf(result)).toBe(302)
      expect((result as Response).headers.get('location')).toMatch(/^\/login\?redirectTo=/)
    }
  })

  it('search documents for cases are staff-only', async () => {
    const author = await signedInColleague()
    const thread = await makeCase(db, { authorId: author.user.id, institutionId: author.institution.id })
    const [doc] = await caseSearchSource.load([thread.id])
    expect(doc.visibility).toBe('staff')
    expect(doc.url).toBe(caseUrl(thread.code))
  })
})

describe('a case from opening to resolution, through the HTML forms', () => {
  it('opens, gets a reply with an @mention, notifies, and is resolved with an outcome', async () => {
    const author = await signedInColleague()
    const colleague = await signedInColleague()
    const mentioned = await signedInColleague(
      'staff',
      `Весела Стефанова${Date.now().toString(36).replace(/\d/g, '')}`.slice(0, 40),
    )
    const mentionedName = mentioned.user.name
    const code = await openCaseThroughForm(author.cookie)
    expect(code).toMatch(/^С-\d{4}-\d{4,}$/)
    const [stored] = await db.select().from(caseThreads).where(eq(caseThreads.code, code))
    expect(stored.status).toBe('open')
    expect(stored.tags).toEqual(['returned_from_abroad', 'language_barrier'])
    expect(await db.select().from(searchOutbox).where(eq(searchOutbox.docId, stored.id))).not.toHaveLength(0)

    const reply = await postToCase(
      code,
      { intent: 'reply', body: `Поемаме посещението в сряда. @${mentionedName}, можете ли да дойдете с нас?` },
      colleague.cookie,
    )
    expect(statusOf(reply)).toBe(302)
    expect((reply as Response).headers.get('location')).toBe(caseUrl(code, { reply: 1 }))

    const bell = await db.select().from(notifications).where(eq(notifications.userId, mentioned.user.id))
    expect(bell.map((n) => n.kind)).toEqual(['case.mention'])
    expect(bell[0].url).toContain('#reply-1')
    const authorBell = await db.select().from(notifications).where(eq(notifications.userId, author.user.id))
    expect(authorBell.map((n) => n.kind)).toEqual(['case.reply'])

    const noOutcome = await postToCase(code, { intent: 'status', status: 'resolved', outcome: '' }, author.cookie)
    expect(statusOf(noOutcome)).toBe(409)
    expect(payloadOf<{ formError: string }>(noOutcome).formError).toBe('cases.error.outcomeRequired')

    const resolved = await postToCase(
      code,
      { intent: 'status', status: 'resolved', outcome: 'returned_to_school' },
      author.cookie,
    )
    expect(statusOf(resolved)).toBe(302)
    const page = payloadOf<Awaited<ReturnType<typeof casePage.loader>>>(await loadCase(code, colleague.cookie))
    expect(page.thread.status).toBe('resolved')
    expect(page.thread.outcome).toBe('returned_to_school')
    expect(page.thread.statusHistory.map((s) => [s.from, s.to, s.actorName])).toEqual([
      ['open', 'resolved', author.user.name],
    ])
    expect(shownReplies(page).map((r) => r.number)).toEqual([1])
  })

  it('keeps the submitted values when a field is missing', async () => {
    const author = await signedInColleague()
    const result = await settle(() =>
      casesNew.action({
        request: formRequest('/cases/new', caseFields({ ageBand: '' }), { cookie: author.cookie }),
        params: {},
        context,
      }),
    )
    expect(statusOf(result)).toBe(400)
    const payload = payloadOf<{ fieldErrors: Record<string, string[]>; values: Record<string, string> }>(result)
    expect(payload.fieldErrors.ageBand).toEqual(['errors.choice'])
    expect(payload.values.title).toBe(caseFields().title)
    expect(payload.values.tags).toEqual(['returned_from_abroad', 'language_barrier'])
  })

  it('lets only the author or a coordinator change the status and accept a solution', async () => {
    const author = await signedInColleague()
    const other = await signedInColleague()
    const coordinator = await signedInColleague('coordinator')
    const thread = await makeCase(db, { authorId: author.user.id, institutionId: author.institution.id })
    const [reply] = await makeReplies(db, thread.id, [{ authorId: other.user.id, text: 'Записахме детето в 75 ОУ.' }])
    expect(statusOf(await postToCase(thread.code, { intent: 'status', status: 'in_progress' }, other.cookie))).toBe(403)
    expect(statusOf(await postToCase(thread.code, { intent: 'accept', replyId: reply.id }, other.cookie))).toBe(403)
    expect(
      statusOf(await postToCase(thread.code, { intent: 'status', status: 'in_progress' }, coordinator.cookie)),
    ).toBe(302)
    expect(statusOf(await postToCase(thread.code, { intent: 'accept', replyId: reply.id }, author.cookie))).toBe(302)
    const page = payloadOf<Awaited<ReturnType<typeof casePage.loader>>>(await loadCase(thread.code, other.cookie))
    expect(page.thread.accepted?.number).toBe(1)
    const bell = await db.select().from(notifications).where(eq(notifications.userId, other.user.id))
    expect(bell.map((n) => n.kind)).toContain('case.accepted')
  })
})

describe('good practices linked from a case', () => {
  it('show as cards under the post, only those the reader may see', async () => {
    const author = await signedInColleague()
    const other = await signedInColleague()
    const published = await makePractice(db, {
      authorId: other.user.id,
      institutionId: other.institution.id,
      title: 'Здравни медиатори по домовете',
    })
    const draft = await makePractice(db, {
      authorId: other.user.id,
      institutionId: other.institution.id,
      status: 'draft',
      title: 'Чернова на друг колега',
    })
    const thread = await makeCase(db, { authorId: author.user.id, institutionId: author.institution.id })
    const body = `Вижте /practices/${published.slug} и /practices/${draft.slug} и /practices/niama-takava`
    expect(statusOf(await postToCase(thread.code, { intent: 'reply', body }, author.cookie))).toBe(302)
    const page = payloadOf<Awaited<ReturnType<typeof casePage.loader>>>(await loadCase(thread.code, author.cookie))
    expect(Object.keys(page.practiceCards)).toEqual([published.slug])
    expect(page.practiceCards[published.slug]).toMatchObject({
      title: 'Здравни медиатори по домовете',
      status: 'published',
    })
    const asDraftAuthor = payloadOf<Awaited<ReturnType<typeof casePage.loader>>>(
      await loadCase(thread.code, other.cookie),
    )
    expect(Object.keys(asDraftAuthor.practiceCards).sort()).toEqual([published.slug, draft.slug].sort())
  })
})

describe('the privacy guard in the case forms', () => {
  it('refuses the four-findings reply with nothing stored, then saves it after redaction', async () => {
    const author = await signedInColleague()
    const thread = await makeCase(db, { authorId: author.user.id, institutionId: author.institution.id })
    const before = await countRows(caseReplies)

    const refused = await postToCase(thread.code, { intent: 'reply', body: FOUR_FINDINGS }, author.cookie)
    expect(statusOf(refused)).toBe(422)
    const payload = payloadOf<{
      values: Record<string, string>
      privacy: { fields: Record<string, { type: string; text: string; line: number; column: number }[]> }
    }>(refused)
    expect(payload.values.body).toBe(FOUR_FINDINGS)
    expect(payload.privacy.fields.body.map((f) => f.type)).toEqual(['name', 'egn', 'address', 'phone'])
    expect(payload.privacy.fields.body[1]).toMatchObject({ text: '0641051235', line: 1, column: 25 })
    expect(await countRows(caseReplies)).toBe(before)

    const redacted = await postToCase(thread.code, { intent: 'redact', body: FOUR_FINDINGS }, author.cookie)
    expect(statusOf(redacted)).toBe(200)
    const clean = payloadOf<{ values: Record<string, string> }>(redacted).values.body
    expect(clean).toBe('Детето [ИМЕ], ЕГН [ЕГН], живее на [АДРЕС], тел. [ТЕЛЕФОН]')
    expect(await countRows(caseReplies)).toBe(before)

    const saved = await postToCase(thread.code, { intent: 'reply', body: clean }, author.cookie)
    expect(statusOf(saved)).toBe(302)
    const [stored] = await db.select().from(caseReplies).where(eq(caseReplies.caseId, thread.id))
    expect(stored.bodyText).toBe(clean)
  })

  it('redaction keeps @mentions of colleagues and replaces only the personal data', async () => {
    const author = await signedInColleague()
    const colleague = await signedInColleague('staff', 'Елена Петкова')
    const thread = await makeCase(db, { authorId: author.user.id, institutionId: author.institution.id })
    const body = '@Елена Петкова, майката на Иван Петров се обади от 0888 123 456.'
    const redacted = await postToCase(thread.code, { intent: 'redact', body }, author.cookie)
    const clean = payloadOf<{ values: Record<string, string> }>(redacted).values.body
    expect(clean).toBe('@Елена Петкова, майката на [ИМЕ] се обади от [ТЕЛЕФОН].')
    expect(statusOf(await postToCase(thread.code, { intent: 'reply', body: clean }, author.cookie))).toBe(302)
    const bell = await db.select().from(notifications).where(eq(notifications.userId, colleague.user.id))
    expect(bell.map((n) => n.kind)).toContain('case.mention')
  })

  it('redacts inside the editor document too and refuses a new case with personal data in the title', async () => {
    const author = await signedInColleague()
    const casesBefore = await countRows(caseThreads)
    const doc = {
      root: {
        type: 'root',
        children: [
          {
            type: 'paragraph',
            children: [
              { type: 'text', text: 'Майката, тел. 0888 123 456, ', format: 1 },
              { type: 'text', text: 'чака обаждане.' },
            ],
          },
        ],
      },
    }
    const fields = caseFields({
      title: 'Момиче на ул. „Опълченска“ 12 не ходи на училище',
      description: 'Майката, тел. 0888 123 456, чака обаждане.',
      descriptionJson: JSON.stringify(doc),
    })
    const refused = await settle(() =>
      casesNew.action({ request: formRequest('/cases/new', fields, { cookie: author.cookie }), params: {}, context }),
    )
    expect(statusOf(refused)).toBe(422)
    expect(Object.keys(payloadOf<{ privacy: { fields: object } }>(refused).privacy.fields).sort()).toEqual([
      'description',
      'title',
    ])
    expect(await countRows(caseThreads)).toBe(casesBefore)

    const redacted = payloadOf<{ values: Record<string, string> }>(
      await settle(() =>
        casesNew.action({
          request: formRequest('/cases/new', { ...fields, intent: 'redact' }, { cookie: author.cookie }),
          params: {},
          context,
        }),
      ),
    )
    expect(redacted.values.title).toBe('Момиче на [АДРЕС] не ходи на училище')
    const redactedDoc = JSON.parse(redacted.values.descriptionJson)
    expect(redactedDoc.root.children[0].children[0]).toMatchObject({ text: 'Майката, тел. [ТЕЛЕФОН], ', format: 1 })
    const { title, description, descriptionJson } = redacted.values
    const code = await openCaseThroughForm(author.cookie, {
      ...fields,
      title,
      description,
      descriptionJson,
      intent: 'save',
    })
    const [stored] = await db.select().from(caseThreads).where(eq(caseThreads.code, code))
    expect(stored.descriptionText).toBe('Майката, тел. [ТЕЛЕФОН], чака обаждане.')
  })

  it('does not count @mentions of colleagues as names', async () => {
    const author = await signedInColleague()
    const colleague = await signedInColleague('staff', 'Десислава Тодорова')
    const thread = await makeCase(db, { authorId: author.user.id, institutionId: author.institution.id })
    const result = await postToCase(
      thread.code,
      { intent: 'reply', body: `@${colleague.user.name} ще се свърже с училището.` },
      author.cookie,
    )
    expect(statusOf(result)).toBe(302)
  })

  it('lets a coordinator confirm a false positive with a reason (audited), but not a staff member', async () => {
    const staff = await signedInColleague()
    const coordinator = await signedInColleague('coordinator')
    const thread = await makeCase(db, { authorId: staff.user.id, institutionId: staff.institution.id })
    const text = 'Срещата е при Иван Петров, директор на 75 ОУ.'
    const override = {
      intent: 'reply',
      body: text,
      privacyOverride: 'on',
      privacyOverrideReason: 'Име на директора на училището, не на дете.',
    }

    const denied = await postToCase(thread.code, override, staff.cookie)
    expect(statusOf(denied)).toBe(422)
    expect(payloadOf<{ fieldErrors: Record<string, string[]> }>(denied).fieldErrors.privacyOverrideReason).toEqual([
      'privacy.override.notAllowed',
    ])

    const noReason = await postToCase(thread.code, { ...override, privacyOverrideReason: '' }, coordinator.cookie)
    expect(payloadOf<{ fieldErrors: Record<string, string[]> }>(noReason).fieldErrors.privacyOverrideReason).toEqual([
      'privacy.override.reasonRequired',
    ])

    expect(statusOf(await postToCase(thread.code, override, coordinator.cookie))).toBe(302)
    const [reply] = await db.select().from(caseReplies).where(eq(caseReplies.caseId, thread.id))
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'privacy.override'), eq(auditLog.targetId, reply.id)))
    expect(entry.actorId).toBe(coordinator.user.id)
    expect(entry.details).toMatchObject({ types: 'name', findings: 1, reason: override.privacyOverrideReason })
  })
})

describe('reading, unread markers and the access log', () => {
  it('records every view, shows viewers to coordinators only, and tracks unread replies', async () => {
    const author = await signedInColleague()
    const reader = await signedInColleague()
    const coordinator = await signedInColleague('coordinator')
    const thread = await makeCase(db, {
      authorId: author.user.id,
      institutionId: author.institution.id,
      title: `Наблюдение ${Date.now()}`,
    })
    await postToCase(thread.code, { intent: 'watch' }, reader.cookie)
    await loadCase(thread.code, reader.cookie)
    await loadCase(thread.code, reader.cookie)
    const views = await db.select().from(caseViews).where(eq(caseViews.caseId, thread.id))
    expect(views.filter((v) => v.userId === reader.user.id)).toHaveLength(2)

    await makeReplies(db, thread.id, [
      { authorId: author.user.id, text: 'Добавих информация от ДСП.' },
      { authorId: author.user.id, text: 'И още една бележка.' },
    ])
    expect(await unreadWatchedCount(reader.user.id)).toBe(1)
    const list = payloadOf<Awaited<ReturnType<typeof casesIndex.loader>>>(
      await settle(() =>
        casesIndex.loader({
          request: getRequest(`/cases?q=${encodeURIComponent(thread.title)}&scope=watching`, { cookie: reader.cookie }),
          params: {},
          context,
        }),
      ),
    )
    expect(list.rows.map((r) => [r.code, r.unread])).toEqual([[thread.code, 2]])
    const page = payloadOf<Awaited<ReturnType<typeof casePage.loader>>>(await loadCase(thread.code, reader.cookie))
    expect(page.firstUnread).toEqual({ number: 1, page: 1 })
    expect(await unreadWatchedCount(reader.user.id)).toBe(0)

    expect(
      statusOf(
        await settle(() =>
          caseViewers.loader({
            request: getRequest(`${path(thread.code)}/viewers`, { cookie: reader.cookie }),
            params: { code: thread.code },
            context,
          }),
        ),
      ),
    ).toBe(403)
    const log = payloadOf<Awaited<ReturnType<typeof caseViewers.loader>>>(
      await settle(() =>
        caseViewers.loader({
          request: getRequest(`${path(thread.code)}/viewers`, { cookie: coordinator.cookie }),
          params: { code: thread.code },
          context,
        }),
      ),
    )
    expect(log.views).toBe(3)
    expect(log.rows[0].userName).toBe(reader.user.name)
  })

  it('filters the listing by status, tag, institution kind and "mine"', async () => {
    const author = await signedInColleague()
    const police = await makeInstitution(db, { kind: 'police' })
    const marker = `Филтър ${Date.now()}`
    await makeCase(db, {
      authorId: author.user.id,
      institutionId: author.institution.id,
      title: `${marker} A`,
      status: 'in_progress',
      tags: ['working'],
    })
    await makeCase(db, {
      authorId: author.user.id,
      institutionId: author.institution.id,
      title: `${marker} B`,
      tags: ['early_marriage'],
      involvedInstitutionIds: [police.id],
    })
    const titles = async (query: string) =>
      payloadOf<Awaited<ReturnType<typeof casesIndex.loader>>>(
        await settle(() =>
          casesIndex.loader({
            request: getRequest(`/cases?q=${encodeURIComponent(marker)}&${query}`, { cookie: author.cookie }),
            params: {},
            context,
          }),
        ),
      ).rows.map((r) => r.title)
    expect(await titles('status=in_progress')).toEqual([`${marker} A`])
    expect(await titles('tag=early_marriage')).toEqual([`${marker} B`])
    expect(await titles('kind=police')).toEqual([`${marker} B`])
    expect(await titles('scope=mine&sort=newest')).toEqual([`${marker} B`, `${marker} A`])
    expect(await titles('status=nonsense')).toHaveLength(2)
  })

  it('paginates replies 25 to a page and links to a reply by number, on whatever page it is', async () => {
    const author = await signedInColleague()
    const thread = await makeCase(db, { authorId: author.user.id, institutionId: author.institution.id })
    await makeReplies(
      db,
      thread.id,
      Array.from({ length: 120 }, (_, i) => ({ authorId: author.user.id, text: `Бележка ${i + 1}` })),
    )
    const first = payloadOf<Awaited<ReturnType<typeof casePage.loader>>>(await loadCase(thread.code, author.cookie))
    expect(shownReplies(first)).toHaveLength(25)
    expect(first.replyList.shown).toBe(25)
    expect(first.pages).toBe(5)
    const second = payloadOf<Awaited<ReturnType<typeof casePage.loader>>>(
      await loadCase(thread.code, author.cookie, '?page=2'),
    )
    expect(shownReplies(second).map((r) => r.number)).toEqual(Array.from({ length: 25 }, (_, i) => 26 + i))
    const reply = await postToCase(
      thread.code,
      { intent: 'reply', body: 'Нов отговор на последната страница.' },
      author.cookie,
    )
    expect((reply as Response).headers.get('location')).toBe(caseUrl(thread.code, { reply: 121 }))
    expect(caseUrl(thread.code, { reply: 121 })).toMatch(/\?reply=121#reply-121$/)
    const opened = payloadOf<Awaited<ReturnType<typeof casePage.loader>>>(
      await loadCase(thread.code, author.cookie, '?reply=121'),
    )
    expect(opened).toMatchObject({ page: 5, pages: 5 })
    expect(shownReplies(opened).map((r) => r.number)).toContain(121)
    const middle = payloadOf<Awaited<ReturnType<typeof casePage.loader>>>(
      await loadCase(thread.code, author.cookie, '?reply=51'),
    )
    expect(middle.page).toBe(3)
    expect(shownReplies(middle)[0].number).toBe(51)
  })
})

describe('editing, quoting and moderation', () => {
  it('keeps the previous text when a reply is edited, visible to the author of the case and coordinators', async () => {
    const author = await signedInColleague()
    const replier = await signedInColleague()
    const outsider = await signedInColleague()
    const thread = await makeCase(db, { authorId: author.user.id, institutionId: author.institution.id })
    const [reply] = await makeReplies(db, thread.id, [{ authorId: replier.user.id, text: 'Първа версия.' }])
    const edit = (cookie: string, body: string) =>
      settle(() =>
        replyEdit.action({
          request: formRequest(`${path(thread.code)}/replies/${reply.id}/edit`, { body }, { cookie }),
          params: { code: thread.code, replyId: reply.id },
          context,
        }),
      )
    expect(statusOf(await edit(outsider.cookie, 'Чужда редакция.'))).toBe(403)
    expect(statusOf(await edit(replier.cookie, FOUR_FINDINGS))).toBe(422)
    expect(statusOf(await edit(replier.cookie, 'Втора версия.'))).toBe(302)
    const history = payloadOf<Awaited<ReturnType<typeof caseHistory.loader>>>(
      await settle(() =>
        caseHistory.loader({
          request: getRequest(`${path(thread.code)}/history`, { cookie: author.cookie }),
          params: { code: thread.code },
          context,
        }),
      ),
    )
    expect(history.rows).toHaveLength(1)
    expect(history.rows[0].previousDoc.root.children[0].children?.[0].text).toBe('Първа версия.')
    expect(
      statusOf(
        await settle(() =>
          caseHistory.loader({
            request: getRequest(`${path(thread.code)}/history`, { cookie: outsider.cookie }),
            params: { code: thread.code },
            context,
          }),
        ),
      ),
    ).toBe(403)
  })

  it('quotes a reply of the same case only', async () => {
    const author = await signedInColleague()
    const thread = await makeCase(db, { authorId: author.user.id, institutionId: author.institution.id })
    const other = await makeCase(db, { authorId: author.user.id, institutionId: author.institution.id })
    const [quoted] = await makeReplies(db, thread.id, [
      { authorId: author.user.id, text: 'Директорът ще приеме детето.' },
    ])
    const [foreign] = await makeReplies(db, other.id, [{ authorId: author.user.id, text: 'Друг случай.' }])
    const bad = await postToCase(
      thread.code,
      { intent: 'reply', body: 'Чудесно.', quotedReplyId: foreign.id },
      author.cookie,
    )
    expect(payloadOf<{ formError: string }>(bad).formError).toBe('cases.error.quoteNotFound')
    expect(
      statusOf(
        await postToCase(thread.code, { intent: 'reply', body: 'Чудесно.', quotedReplyId: quoted.id }, author.cookie),
      ),
    ).toBe(302)
    const page = payloadOf<Awaited<ReturnType<typeof casePage.loader>>>(
      await loadCase(thread.code, author.cookie, '?quote=1'),
    )
    expect(page.quoting?.number).toBe(1)
    const quoting = shownReplies(page)[1].html
    expect(quoting).toMatch(/<blockquote class="reply-quote">.*№ ?1.*Директорът ще приеме детето\.<\/p><\/blockquote>/)
  })

  it('flags reach the coordinators queue; hiding, locking and dismissing are audited', async () => {
    const author = await signedInColleague()
    const flagger = await signedInColleague()
    const coordinator = await signedInColleague('coordinator')
    const thread = await makeCase(db, { authorId: author.user.id, institutionId: author.institution.id })
    const [reply] = await makeReplies(db, thread.id, [{ authorId: author.user.id, text: 'Неподходящ коментар.' }])
    const flag = (fields: Record<string, string>) =>
      settle(() =>
        caseFlag.action({
          request: formRequest(`${path(thread.code)}/flag`, fields, { cookie: flagger.cookie }),
          params: { code: thread.code },
          context,
        }),
      )
    expect(statusOf(await flag({ replyId: reply.id, reason: 'inappropriate', note: '' }))).toBe(302)
    expect(
      payloadOf<{ formError: string }>(await flag({ replyId: reply.id, reason: 'other', note: '' })).formError,
    ).toBe('cases.error.duplicateFlag')
    expect(
      statusOf(
        await settle(() =>
          moderation.loader({
            request: getRequest('/cases/moderation', { cookie: flagger.cookie }),
            params: {},
            context,
          }),
        ),
      ),
    ).toBe(403)
    const queue = payloadOf<Awaited<ReturnType<typeof moderation.loader>>>(
      await settle(() =>
        moderation.loader({
          request: getRequest('/cases/moderation', { cookie: coordinator.cookie }),
          params: {},
          context,
        }),
      ),
    )
    const item = queue.flags.find((f) => f.code === thread.code)!
    expect(item).toMatchObject({ replyNumber: 1, reason: 'inappropriate', reporterName: flagger.user.name })

    const hide = await settle(() =>
      moderation.action({
        request: formRequest(
          '/cases/moderation',
          { intent: 'hide', flagId: item.id, code: thread.code, replyId: reply.id },
          { cookie: coordinator.cookie },
        ),
        params: {},
        context,
      }),
    )
    expect(statusOf(hide)).toBe(302)
    const seenByStaff = payloadOf<Awaited<ReturnType<typeof casePage.loader>>>(
      await loadCase(thread.code, flagger.cookie),
    )
    expect(shownReplies(seenByStaff)[0].html).not.toContain('rich-text')
    expect(shownReplies(seenByStaff)[0].html).toContain(translate('bg', 'cases.hidden.post'))
    const seenByCoordinator = payloadOf<Awaited<ReturnType<typeof casePage.loader>>>(
      await loadCase(thread.code, coordinator.cookie),
    )
    expect(shownReplies(seenByCoordinator)[0].html).toMatch(/<div class="rich-text"><p>/)

    expect(statusOf(await postToCase(thread.code, { intent: 'lock' }, flagger.cookie))).toBe(403)
    expect(statusOf(await postToCase(thread.code, { intent: 'lock' }, coordinator.cookie))).toBe(302)
    const locked = await postToCase(thread.code, { intent: 'reply', body: 'Още нещо.' }, author.cookie)
    expect(payloadOf<{ formError: string }>(locked).formError).toBe('cases.error.locked')
    expect(
      statusOf(
        await postToCase(thread.code, { intent: 'reply', body: 'Бележка от координатора.' }, coordinator.cookie),
      ),
    ).toBe(302)
    const editLocked = (cookie: string) =>
      settle(() =>
        caseEdit.loader({
          request: getRequest(`${path(thread.code)}/edit`, { cookie }),
          params: { code: thread.code },
          context,
        }),
      )
    expect(statusOf(await editLocked(author.cookie))).toBe(403)
    expect(statusOf(await editLocked(coordinator.cookie))).toBe(200)
    const authorView = payloadOf<Awaited<ReturnType<typeof casePage.loader>>>(
      await loadCase(thread.code, author.cookie),
    )
    expect(authorView.permissions.edit).toBe(false)

    const actions = (
      await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.actorId, coordinator.user.id))
    ).map((a) => a.action)
    expect(actions).toEqual(expect.arrayContaining(['case.post.hide', 'case.lock']))
  })
})

describe('concurrency', () => {
  it('gives concurrent cases distinct codes and concurrent replies consecutive numbers', async () => {
    const author = await signedInColleague()
    const actor = { ...author.user, name: author.user.name }
    const { createCase, postCaseReply } = await import('../../app/features/cases/cases.server')
    const { plainTextToDoc, toRichText } = await import('../../app/features/richtext/document')
    const input = (i: number) => ({
      title: `Паралелен случай ${i}`,
      description: toRichText(plainTextToDoc('Описание без лични данни.')),
      districtCode: 'nadezhda',
      ageBand: '7-10' as const,
      educationStage: 'primary' as const,
      tags: [],
      institutionIds: [],
    })
    const created = await Promise.all(Array.from({ length: 8 }, (_, i) => createCase(actor, input(i))))
    expect(new Set(created.map((c) => c.code)).size).toBe(8)
    const code = created[0].code
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        postCaseReply(actor, code, { body: toRichText(plainTextToDoc(`Отговор ${i}`)) }),
      ),
    )
    const numbers = (
      await db.select({ n: caseReplies.number }).from(caseReplies).where(eq(caseReplies.caseId, created[0].id))
    )
      .map((r) => r.n)
      .sort((a, b) => a - b)
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
  })
})

describe('search', () => {
  it('indexes cases for staff only: the public finds nothing', async () => {
    const { drainSearchOutbox } = await import('../../search/worker')
    const { SEARCH_SOURCES } = await import('../../app/features/search/sources.server')
    const { searchEngine } = await import('../../search/engines')
    const { enqueueSearch } = await import('../../search/outbox')
    const author = await signedInColleague()
    const word = `Уникалнодума${Date.now().toString(36).replace(/\d/g, '')}`
    const thread = await makeCase(db, {
      authorId: author.user.id,
      institutionId: author.institution.id,
      description: `Описание с думата ${word} за търсене.`,
    })
    await enqueueSearch(db, 'case', thread.id)
    await drainSearchOutbox(SEARCH_SOURCES)
    const asPublic = await searchEngine().search({ q: word, audience: 'public' })
    const asStaff = await searchEngine().search({ q: word, audience: 'staff' })
    expect(asPublic.total).toBe(0)
    expect(asStaff.hits.map((h) => [h.type, h.url])).toEqual([['case', caseUrl(thread.code)]])
  })

  it('takes the words of a hidden reply out of the typo dictionary as well as the index', async () => {
    const { drainSearchOutbox } = await import('../../search/worker')
    const { SEARCH_SOURCES } = await import('../../app/features/search/sources.server')
    const { searchEngine } = await import('../../search/engines')
    const { enqueueSearch } = await import('../../search/outbox')
    const { indexTerm } = await import('../../search/text')
    const author = await signedInColleague()
    const coordinator = await signedInColleague('coordinator')
    const word = `Скритодума${letters()}`
    const thread = await makeCase(db, { authorId: author.user.id, institutionId: author.institution.id })
    const [reply] = await makeReplies(db, thread.id, [{ authorId: author.user.id, text: `Отговор с думата ${word}.` }])
    await enqueueSearch(db, 'case', thread.id)
    await drainSearchOutbox(SEARCH_SOURCES)
    const typo = word.slice(0, -2) + word.at(-1) + word.at(-2)
    expect((await searchEngine().search({ q: typo, audience: 'staff' })).total).toBe(1)
    expect(await dictionaryHas(indexTerm(word))).toBe(true)

    expect(statusOf(await postToCase(thread.code, { intent: 'hide', replyId: reply.id }, coordinator.cookie))).toBe(302)
    await drainSearchOutbox(SEARCH_SOURCES)
    expect((await searchEngine().search({ q: typo, audience: 'staff' })).total).toBe(0)
    expect(await dictionaryHas(indexTerm(word))).toBe(false)
  })
})

describe('hiding the opening post of a case', () => {
  it('hides the title too: in the list and its search, on the page, in the history, in the search index and the typo dictionary, and on the chat room; moderators still see it', async () => {
    const { drainSearchOutbox } = await import('../../search/worker')
    const { SEARCH_SOURCES } = await import('../../app/features/search/sources.server')
    const { searchEngine } = await import('../../search/engines')
    const { indexTerm } = await import('../../search/text')
    const author = await signedInColleague()
    const reader = await signedInColleague()
    const coordinator = await signedInColleague('coordinator')
    const word = `Заглавнадума${letters()}`
    const title = `Момиче, 9 г., ${word} отсъства`
    const code = await openCaseThroughForm(author.cookie, caseFields({ title }))
    const [thread] = await db.select().from(caseThreads).where(eq(caseThreads.code, code))
    const edited = await settle(() =>
      caseEdit.action({
        request: formRequest(`${path(code)}/edit`, caseFields({ title: `${title}.` }), { cookie: author.cookie }),
        params: { code },
        context,
      }),
    )
    expect(statusOf(edited)).toBe(302)
    const room = await makeChatRoom(db, {
      memberIds: [author.user.id, reader.user.id],
      caseId: thread.id,
      title: 'Конференция',
    })
    await drainSearchOutbox(SEARCH_SOURCES)
    expect((await searchEngine().search({ q: word, audience: 'staff' })).total).toBe(1)

    expect(statusOf(await postToCase(code, { intent: 'hide' }, coordinator.cookie))).toBe(302)
    await drainSearchOutbox(SEARCH_SOURCES)

    const list = (cookie: string, q = '') =>
      casesIndex.loader({
        request: getRequest(`/cases${q ? `?q=${encodeURIComponent(q)}` : ''}`, { cookie }),
        params: {},
        context,
      })
    expect((await list(reader.cookie)).rows.find((r) => r.code === code)?.title).toBeNull()
    expect((await list(reader.cookie, word)).rows.map((r) => r.code)).not.toContain(code)
    expect((await list(reader.cookie, code)).rows.map((r) => r.code)).toEqual([code])
    expect((await list(coordinator.cookie, word)).rows.map((r) => [r.code, r.title])).toEqual([[code, `${title}.`]])

    for (const viewer of [reader, author]) {
      const page = payloadOf<Awaited<ReturnType<typeof casePage.loader>>>(await loadCase(code, viewer.cookie))
      expect(page.thread.title).toBeNull()
      expect(page.thread.description).toBeNull()
    }
    expect(
      payloadOf<Awaited<ReturnType<typeof casePage.loader>>>(await loadCase(code, coordinator.cookie)).thread.title,
    ).toBe(`${title}.`)
    const history = (cookie: string) =>
      caseHistory.loader({ request: getRequest(`${path(code)}/history`, { cookie }), params: { code }, context })
    expect(JSON.stringify(await history(author.cookie))).not.toContain(word)
    expect(JSON.stringify(await history(coordinator.cookie))).toContain(word)

    expect((await searchEngine().search({ q: word, audience: 'staff' })).total).toBe(0)
    const byCode = await searchEngine().search({ q: code, audience: 'staff' })
    expect(byCode.hits.map((h) => h.title)).toEqual([code])
    expect(await dictionaryHas(indexTerm(word))).toBe(false)

    const roomFor = async (cookie: string) =>
      JSON.stringify(
        await roomLoader({ request: getRequest(`/chat/${room.id}`, { cookie }), params: { roomId: room.id }, context }),
      )
    expect(await roomFor(reader.cookie)).not.toContain(word)
    expect(await roomFor(coordinator.cookie)).toContain(word)
    const flagPage = await caseFlag.loader({
      request: getRequest(`${path(code)}/flag`, { cookie: reader.cookie }),
      params: { code },
      context,
    })
    expect(JSON.stringify(flagPage)).not.toContain(word)
  })
})

describe('stored HTML of posts', () => {
  type Page = Awaited<ReturnType<typeof casePage.loader>>

  it('renders a reply to sanitised HTML when it is written, with current names in mentions', async () => {
    const author = await signedInColleague()
    const colleague = await signedInColleague('staff', 'Ана Тестова')
    const code = await openCaseThroughForm(author.cookie)
    const body = `Моля, вижте <script>alert(1)</script> заедно с @{${colleague.user.id}}.`
    const posted = await postToCase(code, { intent: 'reply', body }, author.cookie)
    expect(statusOf(posted), JSON.stringify(payloadOf(posted))).toBe(302)
    const [stored] = await db
      .select({ html: caseReplies.bodyHtml, version: caseReplies.htmlVersion })
      .from(caseReplies)
      .innerJoin(caseThreads, eq(caseThreads.id, caseReplies.caseId))
      .where(eq(caseThreads.code, code))
    expect(stored.version).toBeGreaterThan(0)
    expect(stored.html).toContain('&lt;script&gt;')
    expect(stored.html).not.toContain('<script')
    // Names are put in when the page is read: a name (changed since) is escaped like any text.
    await db.update(users).set({ name: 'Ана <b>Тестова</b>' }).where(eq(users.id, colleague.user.id))
    const page = payloadOf<Page>(await loadCase(code, author.cookie))
    const html = shownReplies(page)[0].html
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('@Ана &lt;b&gt;Тестова&lt;/b&gt;')
    expect(html).not.toContain('<b>')
    expect(html).not.toContain('@{')
  })

  it('renders HTML stored by an older renderer again when the page is read, and stores it', async () => {
    const author = await signedInColleague()
    const thread = await makeCase(db, { authorId: author.user.id, institutionId: author.institution.id })
    const [reply] = await makeReplies(db, thread.id, [{ authorId: author.user.id, text: 'Текст от преди HTML.' }])
    await db.update(caseReplies).set({ bodyHtml: '', htmlVersion: 0 }).where(eq(caseReplies.id, reply.id))
    await db.update(caseThreads).set({ descriptionHtml: '', htmlVersion: 0 }).where(eq(caseThreads.id, thread.id))
    const page = payloadOf<Page>(await loadCase(thread.code, author.cookie))
    expect(shownReplies(page)[0].html).toContain(
      '<div class="rich-text"><p><span>Текст от преди HTML.</span></p></div>',
    )
    expect(page.thread.description!.html).toContain('Семейството е уведомено.')
    const [again] = await db.select().from(caseReplies).where(eq(caseReplies.id, reply.id))
    expect(again.htmlVersion).toBeGreaterThan(0)
    expect(again.bodyHtml).toBe('<p><span>Текст от преди HTML.</span></p>')
  })

  it('leaves the HTML out of the data of a page the server renders, and keeps it for the page itself', async () => {
    const author = await signedInColleague()
    const thread = await makeCase(db, { authorId: author.user.id, institutionId: author.institution.id })
    await makeReplies(db, thread.id, [{ authorId: author.user.id, text: 'Само веднъж в страницата.' }])
    const pageHtml = new Map<string, string>()
    const page = payloadOf<Page>(
      await settle(() =>
        casePage.loader({
          request: getRequest(path(thread.code), { cookie: author.cookie }),
          params: { code: thread.code },
          context: { ...context, documentRequest: true, pageHtml },
        }),
      ),
    )
    expect(page.replyList).toEqual({ shown: 1, html: null })
    expect(JSON.stringify(page)).not.toContain('Само веднъж')
    expect(pageHtml.get('replies')).toContain('Само веднъж в страницата.')
    expect(pageHtml.get('description')).toContain('Семейството е уведомено.')
  })
})
