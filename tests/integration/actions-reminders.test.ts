import { spawn } from 'node:child_process'

import { and, eq, inArray } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { createCaseAction, sofiaToday } from '../../app/features/actions/actions.server'
import { sendActionReminders } from '../../app/features/actions/reminders.server'
import { caseActions, emailOutbox, notifications } from '../../db/schema'
import { makeCase } from '../../seed/builders/cases'
import { makeInstitution, makeUser } from '../../seed/builders/identity'
import { db } from '../support/database'

const DAY = 86400_000
const inDays = (n: number, from = new Date()) => sofiaToday(new Date(from.getTime() + n * DAY))

async function scene(owners: number) {
  const school = await makeInstitution(db, { kind: 'school' })
  const author = await makeUser(db, { institutionId: school.id })
  const people = []
  for (let i = 0; i < owners; i++) people.push(await makeUser(db, { institutionId: school.id }))
  const thread = await makeCase(db, { authorId: author.id, institutionId: school.id })
  return { school, author, people, thread }
}

const remindersTo = async (emails: string[], kind: string) =>
  (await db.select().from(emailOutbox).where(inArray(emailOutbox.toAddress, emails)))
    .filter((m) => m.kind === `notification.${kind}`)
    .map((m) => m.toAddress)

describe('action reminders', () => {
  it('reminds the day before the due date exactly once, and once more when overdue', async () => {
    const s = await scene(2)
    const [tomorrowsOwner, laterOwner] = s.people
    const due = await createCaseAction(s.author, s.thread.code, {
      text: 'Домашно посещение',
      owner: { type: 'user', id: tomorrowsOwner.id },
      dueDate: inDays(1),
    })
    await createCaseAction(s.author, s.thread.code, {
      text: 'Среща с класния ръководител',
      owner: { type: 'user', id: laterOwner.id },
      dueDate: inDays(5),
    })
    const emails = [tomorrowsOwner.email, laterOwner.email]

    // Two workers at once, then a third run: one reminder, to the owner of tomorrow's action only.
    await Promise.all([sendActionReminders(), sendActionReminders()])
    await sendActionReminders()
    expect(await remindersTo(emails, 'action.dueSoon')).toEqual([tomorrowsOwner.email])
    const [bell] = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, tomorrowsOwner.id), eq(notifications.kind, 'action.dueSoon')))
    expect(bell.url).toContain(`#action-${due.id}`)

    // Two days later it is overdue: one more reminder, once.
    const later = new Date(Date.now() + 2 * DAY)
    await Promise.all([sendActionReminders(later), sendActionReminders(later)])
    await sendActionReminders(later)
    expect(await remindersTo(emails, 'action.overdue')).toEqual([tomorrowsOwner.email])
    expect(await remindersTo(emails, 'action.dueSoon')).toEqual([tomorrowsOwner.email])
  })

  it('does not remind of a finished action', async () => {
    const s = await scene(1)
    const action = await createCaseAction(s.author, s.thread.code, {
      text: 'Учебници',
      owner: { type: 'user', id: s.people[0].id },
      dueDate: inDays(1),
    })
    await db.update(caseActions).set({ status: 'done' }).where(eq(caseActions.id, action.id))
    await sendActionReminders(new Date(Date.now() + 3 * DAY))
    expect(await remindersTo([s.people[0].email], 'action.dueSoon')).toEqual([])
    expect(await remindersTo([s.people[0].email], 'action.overdue')).toEqual([])
  })

  it('reminds every staff member of an owning institution', async () => {
    const s = await scene(2)
    await createCaseAction(s.author, s.thread.code, {
      text: 'Оценка от училището',
      owner: { type: 'institution', id: s.school.id },
      dueDate: inDays(1),
    })
    await sendActionReminders()
    const to = await remindersTo([s.author.email, ...s.people.map((p) => p.email)], 'action.dueSoon')
    expect(to.sort()).toEqual([s.author.email, ...s.people.map((p) => p.email)].sort())
  })
})

// Two processes can only share PostgreSQL (PGlite lives inside one process).
describe.skipIf(!process.env.DATABASE_URL)('two job processes on one PostgreSQL (skipped without DATABASE_URL)', () => {
  function worker() {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/integration/actions-reminder-worker.ts'], {
      env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent' },
      stdio: ['pipe', 'pipe', 'inherit'],
    })
    let out = ''
    const ready = new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString()
        if (out.includes('ready')) resolve()
      })
      child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)))
    })
    const finished = new Promise<number>((resolve) =>
      child.once('exit', () => resolve(Number(/reminded (\d+)/.exec(out)?.[1] ?? -1))),
    )
    return { child, ready, finished }
  }

  it('sends each reminder once while two processes run the job at the same time', async () => {
    const s = await scene(30)
    for (const person of s.people)
      await createCaseAction(s.author, s.thread.code, {
        text: 'Задача със срок утре',
        owner: { type: 'user', id: person.id },
        dueDate: inDays(1),
      })
    const workers = [worker(), worker()]
    await Promise.all(workers.map((w) => w.ready))
    for (const w of workers) w.child.stdin!.write('go\n')
    const counts = await Promise.all(workers.map((w) => w.finished))
    expect(counts[0] + counts[1]).toBe(30)
    const to = await remindersTo(
      s.people.map((p) => p.email),
      'action.dueSoon',
    )
    expect(to).toHaveLength(30)
    expect(new Set(to).size).toBe(30)
  }, 120_000)
})
