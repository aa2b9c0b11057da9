import { sql } from 'drizzle-orm'

import { queryRows, type DbOrTx } from '../../db/client.server'
import { appendChatMessages, makeChatRoom } from '../builders/chat'
import type { SeededIdentity } from './identity'

const CONVERSATION: { who: string; body: string }[] = [
  { who: 'coordinator@demo.bg', body: 'Добро утро! Събираме се по случая, за да решим кой какво поема тази седмица.' },
  {
    who: 'staff@demo.bg',
    body: 'От училището: детето има 23 неизвинени отсъствия от началото на срока. Класният ръководител е готов да го приеме отново и да помогне с наваксването.',
  },
  {
    who: 'social.worker@demo.bg',
    body: 'От ОЗД: семейството получава помощи до октомври. Ще направя оценка дали има нужда от мярка за закрила.',
  },
  {
    who: 'mediator@demo.bg',
    body: 'Познавам семейството — майката се притеснява, че детето няма учебници и дрехи за училище. Мога да отида с екипа в четвъртък.',
  },
  {
    who: 'coordinator@demo.bg',
    body: '@Сашка Асенова благодаря! Предлагам посещение в четвъртък следобед: медиатор и социален работник.',
  },
  { who: 'social.worker@demo.bg', body: 'Съгласен. Ще взема и информация за целодневната занималня.' },
  {
    who: 'staff@demo.bg',
    body: 'Училището ще осигури учебници от резервния фонд и ще включи детето в допълнителни занятия по български език.',
  },
  {
    who: 'coordinator@demo.bg',
    body: 'Записвам: четвъртък — посещение у дома; училището — учебници и занятия; ОЗД — оценка на нуждите. Следваща среща след две седмици.',
  },
]

/**
 * A case conference on the newest open demo case (a stand-alone room if no case was seeded) with the demo
 * staff and the coordinator, and a short conversation ten minutes apart, ending an hour ago.
 */
export async function seedChat(db: DbOrTx, identity: SeededIdentity) {
  // Seed-only lookup: the cases seed runs before this one and owns its rows.
  const [demoCase] = await queryRows<{ id: string }>(
    db,
    sql`SELECT id FROM case_threads WHERE status IN ('open', 'in_progress') ORDER BY created_at DESC LIMIT 1`,
  )
  const members = ['coordinator@demo.bg', 'staff@demo.bg', 'social.worker@demo.bg', 'mediator@demo.bg'].map(
    (email) => identity.users[email].id,
  )
  const started = Date.now() - 60 * 60 * 1000 - CONVERSATION.length * 10 * 60 * 1000
  const room = await makeChatRoom(db, {
    title: demoCase ? 'Казусна конференция — връщане в училище' : 'Работна група „Люлин“ — координация на посещенията',
    caseId: demoCase?.id ?? null,
    scheduledAt: new Date(started),
    memberIds: members,
  })
  await appendChatMessages(
    db,
    room.id,
    CONVERSATION.map((line, i) => ({
      authorId: identity.users[line.who].id,
      body: line.body,
      at: new Date(started + i * 10 * 60 * 1000),
    })),
  )
  return { roomId: room.id }
}
