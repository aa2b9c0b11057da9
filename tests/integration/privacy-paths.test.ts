/**
 * The privacy guard on every path, tried as a careful new user would: each class of personal data
 * that used to slip through (link addresses, text placed directly in a list, image descriptions,
 * invisible and full-width characters, forged mentions) is sent through the real actions and the
 * socket, and must be refused. At the end every text column of the database is scanned for the
 * identifiers used: none of a refused text may be stored anywhere (outbox, audit, search included).
 */
import { randomUUID } from 'node:crypto'

import { createHeadlessEditor } from '@lexical/headless'
import { $createLinkNode } from '@lexical/link'
import { eq } from 'drizzle-orm'
import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createCaseAction, sofiaToday } from '../../app/features/actions/actions.server'
import { isValidEgn } from '../../app/features/privacy/detector'
import { docToPlainText, parseRichTextDoc } from '../../app/features/richtext/document'
import { RICH_TEXT_NODES } from '../../app/features/richtext/lexical-nodes'
import * as account from '../../app/routes/account'
import * as myActions from '../../app/routes/actions._index'
import * as casePage from '../../app/routes/cases.$code._index'
import * as caseFlag from '../../app/routes/cases.$code.flag'
import * as replyEdit from '../../app/routes/cases.$code.replies.$replyId.edit'
import * as casesNew from '../../app/routes/cases.new'
import * as chatIndex from '../../app/routes/chat._index'
import * as chatRoom from '../../app/routes/chat.$roomId'
import * as minutes from '../../app/routes/chat.$roomId_.minutes'
import * as eventsNew from '../../app/routes/events.new'
import * as foreignRounds from '../../app/routes/foreign-schools._index'
import * as practicePage from '../../app/routes/practices.$slug._index'
import * as practicesNew from '../../app/routes/practices.new'
import * as teamsNew from '../../app/routes/teams.new'
import * as lessonEditor from '../../app/routes/training.manage.$courseId.lessons.$lessonId'
import * as lessonImage from '../../app/routes/training.manage.$courseId.upload'
import * as trainingNew from '../../app/routes/training.manage.new'
import { caseActions, caseReplies, users } from '../../db/schema'
import { makeCase, makeReplies } from '../../seed/builders/cases'
import { makeChatRoom } from '../../seed/builders/chat'
import { makeUser } from '../../seed/builders/identity'
import { makePractice } from '../../seed/builders/practices'
import { makeCourse } from '../../seed/builders/training'
import { db, findInEveryTable } from '../support/database'
import { BASE, context, flashOf, formRequest, payloadOf, settle, statusOf } from '../support/http'
import { TINY_PNG } from '../support/images'
import { signedInColleague } from '../support/people'
import { chatClient, connected, request, startChatServer, type ChatClient, type RunningServer } from './chat-support'

const random = (digits: number) => Array.from({ length: digits }, () => Math.floor(Math.random() * 10)).join('')

/** A valid ЕГН no other test uses (a random date in 2012–2016 and a random serial, checksum found by trying). */
function uniqueEgn(): string {
  for (;;) {
    const year = 2 + Math.floor(Math.random() * 5)
    const month = String(41 + Math.floor(Math.random() * 12)).padStart(2, '0')
    const day = String(10 + Math.floor(Math.random() * 18))
    const candidate = `1${year}${month}${day}${random(4)}`
    if (isValidEgn(candidate)) return candidate
  }
}

const EGN = uniqueEgn()
const PHONE = `089${random(7)}`
const HANDLE = `ivan.sentinel.${random(8)}`
const EMAIL_LOCAL = `maria.sentinel${random(6)}`
/** What must never be found in the database, in any spelling (compared after NFKC, without separators). */
const IDENTIFIERS = [EGN, PHONE, HANDLE.replace(/\./g, ''), EMAIL_LOCAL.replace(/\./g, '')]

const fullWidth = (digits: string) => [...digits].map((d) => String.fromCharCode(0xff10 + Number(d))).join('')
const spaced = (digits: string, mark: string) => [...digits].join(mark)

/** Plain texts that used to pass: invisible characters and full-width digits inside the numbers. */
const PLAIN_PAYLOADS: Record<string, string> = {
  'zero-width space in an ЕГН': `Детето е с ЕГН ${spaced(EGN, '\u200B')} по акта за раждане.`,
  'soft hyphen in an ЕГН': `ЕГН на детето: ${spaced(EGN, '\u00AD')}.`,
  'full-width ЕГН': `Детето е с ЕГН ${fullWidth(EGN)}.`,
  'bidi marks in a phone number': `Майката е на тел. ${spaced(PHONE, '\u200E')} след 18 ч.`,
  'word joiner in a phone number': `Обадете се на ${spaced(PHONE, '\u2060')}.`,
}

type Node = Record<string, unknown>
const text = (value: string): Node => ({
  type: 'text',
  text: value,
  format: 0,
  detail: 0,
  mode: 'normal',
  style: '',
  version: 1,
})
const paragraph = (...children: Node[]): Node => ({
  type: 'paragraph',
  children,
  direction: null,
  format: '',
  indent: 0,
  version: 1,
  textFormat: 0,
  textStyle: '',
})
const link = (url: string, label: string): Node => ({
  type: 'link',
  url,
  rel: null,
  target: null,
  title: null,
  children: [text(label)],
  direction: null,
  format: '',
  indent: 0,
  version: 1,
})
const doc = (...children: Node[]) =>
  JSON.stringify({ root: { type: 'root', children, direction: null, format: '', indent: 0, version: 1 } })

/** Editor documents whose visible text is harmless: the personal data is in what a reader can follow or hear. */
const DOC_PAYLOADS: Record<string, { json: string; plain: string }> = {
  'link to a personal profile (the editor link button)': {
    json: doc(paragraph(text('Вижте '), link(`https://www.facebook.com/${HANDLE}`, 'профила'), text(' за повече.'))),
    plain: 'Вижте профила за повече.',
  },
  'ЕГН in a link query string': {
    json: doc(paragraph(link(`https://example.bg/form?egn=${EGN}&x=1`, 'формуляр'))),
    plain: 'формуляр',
  },
  'phone in a link path': {
    json: doc(paragraph(link(`https://example.bg/call/${PHONE}`, 'обаждане'))),
    plain: 'обаждане',
  },
  'e-mail in a mailto link': {
    json: doc(paragraph(link(`mailto:${EMAIL_LOCAL}@gmail.com`, 'пишете'))),
    plain: 'пишете',
  },
  'phone in an image description': {
    json: doc(
      paragraph(text('Снимка: '), {
        type: 'image',
        version: 1,
        src: '/uploads/training/0b7f3a8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b.png',
        altText: `Бележка с тел. ${PHONE}`,
      }),
    ),
    plain: 'Снимка:',
  },
  'invisible characters inside editor text': {
    json: doc(paragraph(text(`Номерът е ${spaced(PHONE, '\uFEFF')}.`))),
    plain: 'Номерът е.',
  },
}

/** What the browser sends after the editor's own link button: Lexical's export, whitelisted as the client does. */
function documentFromTheEditor(): { json: string; plain: string } {
  const editor = createHeadlessEditor({
    namespace: 'test',
    nodes: [...RICH_TEXT_NODES],
    onError: (error) => {
      throw error
    },
  })
  editor.update(
    () => {
      const linked = $createLinkNode(`https://www.facebook.com/${HANDLE}`).append($createTextNode('профила на майката'))
      $getRoot().append($createParagraphNode().append($createTextNode('Вижте '), linked))
    },
    { discrete: true },
  )
  const sent = parseRichTextDoc(editor.getEditorState().toJSON())!
  return { json: JSON.stringify(sent), plain: docToPlainText(sent) }
}
DOC_PAYLOADS['link made in the editor (Lexical export)'] = documentFromTheEditor()

/** Hand-made documents outside the schema: refused with 400, nothing stored. */
const INVALID_DOCS: Record<string, string> = {
  'text placed directly in a list': doc({
    type: 'list',
    listType: 'bullet',
    children: [text(`ЕГН ${EGN}`)],
    direction: null,
    format: '',
    indent: 0,
    version: 1,
  }),
  'unknown node type': doc({ type: 'html', html: `<b>${PHONE}</b>`, version: 1 }),
  'unknown attribute': doc(paragraph({ ...text('Здравейте'), dataPhone: PHONE })),
  'javascript link': doc(paragraph(link('javascript:alert(1)', 'x'))),
}

let server: RunningServer
const sockets: ChatClient[] = []

beforeAll(async () => {
  server = await startChatServer()
})
afterAll(async () => {
  for (const s of sockets) s.disconnect()
  await server.stop()
  await new Promise((r) => setTimeout(r, 50))
})

type Fields = Record<string, string | string[]>

/** A lesson image sent as the editor's upload form does (multipart); its answer is a redirect with a message. */
async function uploadImage(courseId: string, lessonId: string, altText: string, cookie: string) {
  const form = new FormData()
  form.append('image', new File([new Uint8Array(TINY_PNG)], 'map.png', { type: 'image/png' }))
  form.append('altText', altText)
  const path = `/training/manage/${courseId}/upload?lesson=${lessonId}`
  const request = new Request(BASE + path, { method: 'POST', body: form, headers: { cookie } })
  const answer = await settle(() => lessonImage.action({ request, params: { courseId }, context } as never))
  // A refusal comes back as the lesson editor with the message: a privacy block counts as its 422.
  const message = await flashOf(answer as Response)
  return message?.key === 'privacy.blocked' ? 422 : statusOf(answer)
}
const run = (
  action: (args: never) => Promise<unknown>,
  path: string,
  fields: Fields,
  cookie: string,
  params: Record<string, string> = {},
) => settle(() => action({ request: formRequest(path, fields, { cookie }), params, context } as never))

/** A forum meeting a coordinator creates without JavaScript. */
const eventFields = (organiserInstitutionId: string, texts: Fields): Fields => ({
  kind: 'forum_meeting',
  title: 'Среща на Механизма',
  organiserInstitutionId,
  locationAddress: 'Столична община, зала 1',
  audience: 'professionals',
  retentionDays: '30',
  date: new Date(Date.now() + 10 * 86400_000).toISOString().slice(0, 10),
  startTime: '10:00',
  endTime: '12:00',
  capacity: '30',
  maxSeats: '1',
  ...texts,
})

/** Every path that stores text a reader sees, as a function of one rich-text payload (editor JSON + plain text). */
async function richPaths() {
  const author = await signedInColleague()
  const coordinator = await signedInColleague('coordinator')
  const thread = await makeCase(db, { authorId: author.user.id, institutionId: author.institution.id })
  const [reply] = await makeReplies(db, thread.id, [{ authorId: author.user.id, text: 'Първи отговор.' }])
  const room = await makeChatRoom(db, { memberIds: [author.user.id], caseId: thread.id })
  const caseFields = {
    intent: 'save',
    title: 'Момче не посещава училище',
    districtCode: 'lyulin',
    ageBand: '11-14',
    educationStage: 'lower_secondary',
  }
  const practiceFields = {
    title: 'Посещения по домовете',
    summary: 'Екип от училище и медиатор посещава семействата всяка седмица.',
    actions: 'Посещения и разговори.',
    ageBands: '7-10',
  }
  const trainer = await signedInColleague('trainer')
  const { course, lessonIds } = await makeCourse(db, { ownerId: trainer.user.id })
  const lessonPath = `/training/manage/${course.id}/lessons/${lessonIds[0]}`
  const code = thread.code
  return {
    'lesson body': (json: string, plain: string) =>
      run(
        lessonEditor.action,
        lessonPath,
        { intent: 'save', title: 'Урок', estimatedMinutes: '10', body: plain, bodyJson: json },
        trainer.cookie,
        {
          courseId: course.id,
          lessonId: lessonIds[0],
        },
      ),
    'case description': (json: string, plain: string) =>
      run(casesNew.action, '/cases/new', { ...caseFields, description: plain, descriptionJson: json }, author.cookie),
    'case reply': (json: string, plain: string) =>
      run(casePage.action, `/cases/${code}`, { intent: 'reply', body: plain, bodyJson: json }, author.cookie, { code }),
    'reply edit': (json: string, plain: string) =>
      run(replyEdit.action, `/cases/${code}/replies/${reply.id}/edit`, { body: plain, bodyJson: json }, author.cookie, {
        code,
        replyId: reply.id,
      }),
    'conference minutes': (json: string, plain: string) =>
      run(minutes.action, `/chat/${room.id}/minutes`, { summary: plain, summaryJson: json }, author.cookie, {
        roomId: room.id,
      }),
    'practice section': (json: string, plain: string) =>
      run(
        practicesNew.action,
        '/practices/new',
        { ...practiceFields, problem: plain, problemJson: json },
        author.cookie,
      ),
    'event description': (json: string, plain: string) =>
      run(
        eventsNew.action,
        '/events/new',
        eventFields(coordinator.institution.id, { description: plain, descriptionJson: json }),
        coordinator.cookie,
      ),
  }
}

/** Every path that stores a plain text a reader sees, as a function of one text. */
async function plainPaths() {
  const author = await signedInColleague()
  const coordinator = await signedInColleague('coordinator')
  const thread = await makeCase(db, { authorId: author.user.id, institutionId: author.institution.id })
  const submitted = await makePractice(db, {
    authorId: author.user.id,
    institutionId: author.institution.id,
    status: 'submitted',
  })
  const room = await makeChatRoom(db, { memberIds: [author.user.id], caseId: thread.id })
  const socket = chatClient(server.url, author.cookie)
  sockets.push(socket)
  await connected(socket)
  await request(socket, 'room:join', { roomId: room.id })
  const ok = await request(socket, 'message:send', {
    roomId: room.id,
    clientId: randomUUID(),
    body: 'Среща в четвъртък.',
  })
  expect(ok.ok).toBe(true)
  const status = (ack: { ok: boolean; error?: string }) =>
    ack.ok ? 200 : ack.error === 'chat.error.privacy' ? 422 : 400
  const trainer = await signedInColleague('trainer')
  const { course, lessonIds } = await makeCourse(db, { ownerId: trainer.user.id })
  const lessonParams = { courseId: course.id, lessonId: lessonIds[0] }
  const lessonPath = `/training/manage/${course.id}/lessons/${lessonIds[0]}`
  const question = (fields: Fields) =>
    run(
      lessonEditor.action,
      lessonPath,
      {
        intent: 'question',
        kind: 'single',
        prompt: 'Кой помага?',
        option0: 'Училището',
        option1: 'Никой',
        correct: '0',
        ...fields,
      },
      trainer.cookie,
      lessonParams,
    )
  const code = thread.code
  const tomorrow = sofiaToday(new Date(Date.now() + 86400_000))
  const caseFields = {
    intent: 'save',
    description: 'Детето не посещава училище.',
    districtCode: 'lyulin',
    ageBand: '11-14',
    educationStage: 'lower_secondary',
  }
  return {
    'course title': (t: string) =>
      run(
        trainingNew.action,
        '/training/manage/new',
        { title: t, summary: '', language: 'bg', coverColor: 'blue', estimatedMinutes: '30' },
        trainer.cookie,
      ),
    'course summary': (t: string) =>
      run(
        trainingNew.action,
        '/training/manage/new',
        { title: 'Курс за медиатори', summary: t, language: 'bg', coverColor: 'blue', estimatedMinutes: '30' },
        trainer.cookie,
      ),
    'quiz question': (t: string) => question({ prompt: t }),
    'lesson image description (upload)': (t: string) => uploadImage(course.id, lessonIds[0], t, trainer.cookie),
    'foreign-school round title (e-mailed to schools)': (t: string) =>
      run(
        foreignRounds.action,
        '/foreign-schools',
        { title: t, periodStart: '2026-09-15', periodEnd: '2027-01-31' },
        coordinator.cookie,
      ),
    'quiz answer option': (t: string) => question({ option1: t }),
    'quiz explanation': (t: string) => question({ explanation: t }),
    'case title': (t: string) => run(casesNew.action, '/cases/new', { ...caseFields, title: t }, author.cookie),
    'practice title': (t: string) =>
      run(
        practicesNew.action,
        '/practices/new',
        {
          title: t,
          summary: 'Екип от училище и медиатор посещава семействата.',
          problem: 'Отсъствия.',
          actions: 'Посещения.',
        },
        author.cookie,
      ),
    'practice summary': (t: string) =>
      run(
        practicesNew.action,
        '/practices/new',
        {
          title: 'Посещения по домовете',
          summary: `${t} Екип от училище посещава семействата.`,
          problem: 'Отсъствия.',
          actions: 'Посещения.',
        },
        author.cookie,
      ),
    'chat message (socket)': async (t: string) =>
      status(await request(socket, 'message:send', { roomId: room.id, clientId: randomUUID(), body: t })),
    'chat message edit (socket)': async (t: string) =>
      status(await request(socket, 'message:edit', { roomId: room.id, seq: 1, body: t })),
    'chat message (form, no JavaScript)': (t: string) =>
      run(chatRoom.action, `/chat/${room.id}`, { intent: 'post', body: t, clientId: randomUUID() }, author.cookie, {
        roomId: room.id,
      }),
    'chat room title': (t: string) => run(chatIndex.action, '/chat', { title: t }, author.cookie),
    'flag note': (t: string) =>
      run(caseFlag.action, `/cases/${code}/flag`, { reason: 'personal_data', note: t }, author.cookie, { code }),
    '"send back" comment': (t: string) =>
      run(practicePage.action, `/practices/${submitted.slug}`, { intent: 'return', comment: t }, coordinator.cookie, {
        slug: submitted.slug,
      }),
    'privacy-override reason': (t: string) =>
      run(
        casePage.action,
        `/cases/${code}`,
        { intent: 'reply', body: 'Служебен телефон 0888 123 456.', privacyOverride: 'on', privacyOverrideReason: t },
        coordinator.cookie,
        { code },
      ),
    'team description': (t: string) =>
      run(
        teamsNew.action,
        '/teams/new',
        { name: `Екип ${randomUUID().slice(0, 8)}`, kind: 'mobile', description: t },
        coordinator.cookie,
      ),
    'event title': (t: string) =>
      run(eventsNew.action, '/events/new', eventFields(coordinator.institution.id, { title: t }), coordinator.cookie),
    'case action': (t: string) =>
      run(
        casePage.action,
        `/cases/${code}`,
        { intent: 'action-add', form: 'action', text: t, owner: `user:${author.user.id}`, dueDate: tomorrow },
        author.cookie,
        { code },
      ),
    'action in the minutes': (t: string) =>
      run(
        minutes.action,
        `/chat/${room.id}/minutes`,
        {
          summary: 'Решения от срещата.',
          'action-1-text': t,
          'action-1-owner': `user:${author.user.id}`,
          'action-1-due': tomorrow,
        },
        author.cookie,
        { roomId: room.id },
      ),
    'reason an action is dropped': async (t: string) => {
      const action = await createCaseAction(author.user, code, {
        text: 'Посещение у дома',
        owner: { type: 'user', id: author.user.id },
        dueDate: tomorrow,
      })
      return run(myActions.action, '/actions', { intent: 'action-drop', actionId: action.id, reason: t }, author.cookie)
    },
    'retention check note': async (t: string) => {
      const [check] = await db
        .insert(caseActions)
        .values({
          caseId: thread.id,
          kind: 'retention_check',
          ownerInstitutionId: author.institution.id,
          dueDate: tomorrow,
          retentionMonths: 1,
          returnedOn: tomorrow,
        })
        .returning()
      return run(
        casePage.action,
        `/cases/${code}`,
        { intent: 'check-answer', actionId: check.id, answer: 'attending', note: t },
        author.cookie,
        { code },
      )
    },
    'reason to close over open retention checks': async (t: string) => {
      const returned = await makeCase(db, {
        authorId: author.user.id,
        institutionId: author.institution.id,
        status: 'resolved',
      })
      await db.insert(caseActions).values({
        caseId: returned.id,
        kind: 'retention_check',
        ownerInstitutionId: author.institution.id,
        dueDate: tomorrow,
        retentionMonths: 1,
        returnedOn: tomorrow,
      })
      return run(
        casePage.action,
        `/cases/${returned.code}`,
        { intent: 'status', status: 'closed', overrideReason: t },
        coordinator.cookie,
        { code: returned.code },
      )
    },
  }
}

describe('every stored text passes the guard', () => {
  it('refuses each rich-text payload on every rich-text path', async () => {
    const paths = await richPaths()
    const passed: string[] = []
    for (const [payload, { json, plain }] of Object.entries(DOC_PAYLOADS)) {
      for (const [path, submit] of Object.entries(paths)) {
        const result = await submit(json, plain)
        if (statusOf(result) !== 422) passed.push(`${path} ← ${payload}: ${statusOf(result)}`)
      }
    }
    expect(passed).toEqual([])
  })

  it('refuses documents outside the schema with a clear 400 on every rich-text path', async () => {
    const paths = await richPaths()
    const passed: string[] = []
    for (const [payload, json] of Object.entries(INVALID_DOCS)) {
      for (const [path, submit] of Object.entries(paths)) {
        const result = await submit(json, 'Здравейте')
        const errors = Object.values(
          payloadOf<{ fieldErrors?: Record<string, string[]> }>(result).fieldErrors ?? {},
        ).flat()
        if (statusOf(result) !== 400 || !errors.some((e) => e.startsWith('richtext.error.')))
          passed.push(`${path} ← ${payload}: ${statusOf(result)} ${errors.join(',')}`)
      }
    }
    expect(passed).toEqual([])
  })

  it('refuses each disguised identifier on every plain-text path and in editor documents', async () => {
    const plain = await plainPaths()
    const rich = await richPaths()
    const passed: string[] = []
    for (const [payload, value] of Object.entries(PLAIN_PAYLOADS)) {
      for (const [path, submit] of Object.entries(plain)) {
        const result = await submit(value)
        const code = typeof result === 'number' ? result : statusOf(result)
        if (code !== 422) passed.push(`${path} ← ${payload}: ${code}`)
      }
      for (const [path, submit] of Object.entries(rich)) {
        const result = await submit('', value)
        if (statusOf(result) !== 422) passed.push(`${path} ← ${payload}: ${statusOf(result)}`)
      }
    }
    expect(passed).toEqual([])
  })

  it('the same paths take a clean text (the refusals above are the guard, not a broken form)', async () => {
    const plain = await plainPaths()
    const rich = await richPaths()
    const clean = 'Срещата е в четвъртък в училището.'
    const failed: string[] = []
    for (const [path, submit] of Object.entries(plain)) {
      const result = await submit(clean)
      const code = typeof result === 'number' ? result : statusOf(result)
      if (code >= 400) failed.push(`${path}: ${code}`)
    }
    for (const [path, submit] of Object.entries(rich)) {
      const result = await submit(doc(paragraph(text(clean))), clean)
      if (statusOf(result) >= 400) failed.push(`${path}: ${statusOf(result)}`)
    }
    expect(failed).toEqual([])
  })

  it("checks a lesson's video address as it checks a link in the body", async () => {
    const trainer = await signedInColleague('trainer')
    const { course, lessonIds } = await makeCourse(db, { ownerId: trainer.user.id })
    const save = (videoUrl: string) =>
      run(
        lessonEditor.action,
        `/training/manage/${course.id}/lessons/${lessonIds[0]}`,
        { intent: 'save', title: 'Урок', estimatedMinutes: '10', body: 'Съдържание на урока.', videoUrl },
        trainer.cookie,
        { courseId: course.id, lessonId: lessonIds[0] },
      )
    const refused = [
      `https://www.facebook.com/${HANDLE}`,
      `https://example.bg/video?egn=${EGN}`,
      `https://example.bg/call/${PHONE}`,
    ]
    for (const url of refused) expect([url, statusOf(await save(url))]).toEqual([url, 422])
    expect(statusOf(await save('https://video.example.bg/watch/lesson-1'))).toBe(302)
  })

  it('stores texts normalised, so what is shown is what was checked', async () => {
    const author = await signedInColleague()
    const thread = await makeCase(db, { authorId: author.user.id, institutionId: author.institution.id })
    const result = await run(
      casePage.action,
      `/cases/${thread.code}`,
      { intent: 'reply', body: 'Срещата е в стая\u200B ５ на\u00AD 2-ри етаж.' },
      author.cookie,
      { code: thread.code },
    )
    expect(statusOf(result)).toBe(302)
    const [stored] = await db.select().from(caseReplies).where(eq(caseReplies.caseId, thread.id))
    expect(stored.bodyText).toBe('Срещата е в стая 5 на 2-ри етаж.')
    expect(JSON.stringify(stored.bodyDoc)).not.toMatch(/[\u200B\u00AD\uFF10-\uFF19]/)
  })
})

describe('mentions by identity', () => {
  it('a display name cannot carry a phone number, an e-mail address or a link', async () => {
    const someone = await signedInColleague()
    for (const name of [`Иван Петров ${PHONE}`, `Иван ${EMAIL_LOCAL}@gmail.com`, 'Иван https://fb.com/x']) {
      const result = await run(
        account.action,
        '/account',
        { intent: 'profile', name, locale: 'bg', emailPreference: 'immediate' },
        someone.cookie,
      )
      expect(statusOf(result)).toBe(400)
      expect(payloadOf<{ fieldErrors: Record<string, string[]> }>(result).fieldErrors.name).toEqual([
        'auth.error.displayName',
      ])
    }
    const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, someone.user.id))
    expect(row.name).toBe(someone.user.name)
  })

  it("stores a mention as the colleague's id and shows their current name; a typed name of no colleague is a name", async () => {
    const author = await signedInColleague()
    const colleague = await makeUser(db, { name: 'Здравка Щерева-Ломска', institutionId: author.institution.id })
    const pending = await makeUser(db, {
      name: 'Пенка Чакаща-Одобрение',
      institutionId: author.institution.id,
      status: 'pending',
    })
    const thread = await makeCase(db, { authorId: author.user.id, institutionId: author.institution.id })
    const posted = await run(
      casePage.action,
      `/cases/${thread.code}`,
      { intent: 'reply', body: '@Здравка Щерева-Ломска, моля, поемете посещението.' },
      author.cookie,
      { code: thread.code },
    )
    expect(statusOf(posted)).toBe(302)
    const [stored] = await db.select().from(caseReplies).where(eq(caseReplies.caseId, thread.id))
    expect(stored.bodyText).toBe(`@{${colleague.id}}, моля, поемете посещението.`)
    await db.update(users).set({ name: 'Здравка Ломска' }).where(eq(users.id, colleague.id))
    const page = payloadOf<{ replyList: { html: string } }>(
      await settle(() =>
        casePage.loader({
          request: new Request(`http://localhost/cases/${thread.code}`, { headers: { cookie: author.cookie } }),
          params: { code: thread.code },
          context,
        }),
      ),
    )
    expect(page.replyList.html).toContain('@Здравка Ломска, моля')

    const refusedReply = await run(
      casePage.action,
      `/cases/${thread.code}`,
      { intent: 'reply', body: '@Пенка Чакаща-Одобрение ще дойде ли?' },
      author.cookie,
      { code: thread.code },
    )
    expect(statusOf(refusedReply)).toBe(422)
    expect(pending.status).toBe('pending')
  })
})

describe('nothing of a refused text is stored anywhere', () => {
  it('finds none of the identifiers in any column of any table', async () => {
    const found = await findInEveryTable(IDENTIFIERS)
    expect(found).toEqual([])
  })
})
