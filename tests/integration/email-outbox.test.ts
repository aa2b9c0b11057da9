import { eq, inArray } from 'drizzle-orm'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { resetEnvCache } from '../../app/env.server'
import { requestPasswordReset } from '../../app/features/identity/accounts.server'
import {
  backoffSeconds,
  deliverDueEmails,
  purgeOldEmails,
  queueEmail,
  releaseStuckEmails,
} from '../../app/features/notifications/mail.server'
import { MASKED_TOKEN, maskLinkTokens } from '../../app/features/platform/logger.server'
import * as outboxPage from '../../app/routes/admin.outbox'
import { emailOutbox } from '../../db/schema'
import { makeEvent, makeRegistration } from '../../seed/builders/events'
import { makeInstitution, makeUser } from '../../seed/builders/identity'
import { db } from '../support/database'
import { context, getRequest, sessionCookieFor } from '../support/http'

interface Received {
  to: string[]
  raw: string
}

/** A real SMTP server on a loopback port, started by the test. */
function startSmtp(received: Received[], options: { reject?: boolean; delayMs?: number } = {}) {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = ''
      stream.setEncoding('utf8')
      stream.on('data', (chunk: string) => (raw += chunk))
      stream.on('end', () => {
        if (options.reject) return callback(new Error('mailbox unavailable'))
        setTimeout(() => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw })
          callback()
        }, options.delayMs ?? 0)
      })
    },
  })
  return new Promise<{ server: SMTPServer; port: number }>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.server.address() as { port: number }).port }))
  })
}

describe('e-mail outbox worker', () => {
  const received: Received[] = []
  let smtp: { server: SMTPServer; port: number }
  let failing: { server: SMTPServer; port: number }

  beforeAll(async () => {
    // Mail queued by other tests in this worker's database is parked, so each batch here is ours.
    await db.update(emailOutbox).set({ status: 'failed' }).where(eq(emailOutbox.status, 'pending'))
    smtp = await startSmtp(received)
    failing = await startSmtp([], { reject: true })
  })
  afterAll(async () => {
    delete process.env.SMTP_URL
    await new Promise<void>((r) => smtp.server.close(() => r()))
    await new Promise<void>((r) => failing.server.close(() => r()))
  })

  it('sends queued messages through SMTP and marks them sent', async () => {
    process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`
    const to = `recipient-${Date.now()}@example.bg`
    await queueEmail(db, { to, subject: 'Заявката ви е одобрена', text: 'Здравейте! Влезте тук.', kind: 'test.sent' })
    await deliverDueEmails(100)
    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, to))
    expect(row.status).toBe('sent')
    expect(row.sentAt).not.toBeNull()
    const mail = received.find((m) => m.to.includes(to))
    expect(mail).toBeDefined()
    expect(mail!.raw).toMatch(/Subject: =\?UTF-8\?/i)
  })

  it('sends nothing of the sms channel: those rows wait for a text-message gateway, none is faked', async () => {
    process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`
    const phone = `+35988${String(Date.now()).slice(-7)}`
    await db
      .insert(emailOutbox)
      .values({ channel: 'sms', toAddress: phone, subject: '', textBody: 'Напомняне', kind: 'test.sms' })
    const email = `channel-${Date.now()}@example.bg`
    await queueEmail(db, { to: email, subject: 'Тема', text: 'Текст', kind: 'test.channel' })
    await deliverDueEmails(100)
    const [sms] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, phone))
    expect(sms).toMatchObject({ channel: 'sms', status: 'pending', attempts: 0 })
    const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email))
    expect(mail).toMatchObject({ channel: 'email', status: 'sent' })
    expect(received.some((m) => m.to.includes(phone))).toBe(false)
  })

  it('keeps a failed message pending with backoff, and never sends it twice', async () => {
    process.env.SMTP_URL = `smtp://127.0.0.1:${failing.port}`
    const to = `bounce-${Date.now()}@example.bg`
    await db.update(emailOutbox).set({ status: 'failed' }).where(eq(emailOutbox.status, 'pending'))
    await queueEmail(db, { to, subject: 'Тест', text: 'Текст', kind: 'test.retry' })
    await deliverDueEmails(100)
    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, to))
    expect(row.status).toBe('pending')
    expect(row.attempts).toBe(1)
    expect(row.lastError).toMatch(/mailbox unavailable/)
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000)

    // Due again and delivered by a working server: exactly one copy arrives.
    process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`
    await db
      .update(emailOutbox)
      .set({ nextAttemptAt: new Date(Date.now() - 1000) })
      .where(eq(emailOutbox.id, row.id))
    await Promise.all([deliverDueEmails(100), deliverDueEmails(100)])
    expect(received.filter((m) => m.to.includes(to))).toHaveLength(1)
    const [after] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, row.id))
    expect(after.status).toBe('sent')
    expect(after.attempts).toBe(2)
  })

  it('does not give back a long-overdue message while it is being sent', async () => {
    const slowReceived: Received[] = []
    const slow = await startSmtp(slowReceived, { delayMs: 1500 })
    try {
      process.env.SMTP_URL = `smtp://127.0.0.1:${slow.port}`
      const to = `overdue-${Date.now()}@example.bg`
      await db.update(emailOutbox).set({ status: 'failed' }).where(eq(emailOutbox.status, 'pending'))
      await queueEmail(db, { to, subject: 'Закъсняло', text: 'Текст', kind: 'test.overdue' })
      await db
        .update(emailOutbox)
        .set({ nextAttemptAt: new Date(Date.now() - 3600_000) })
        .where(eq(emailOutbox.toAddress, to))
      const delivering = deliverDueEmails(100)
      await expect
        .poll(async () => (await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, to)))[0].status, {
          timeout: 5000,
        })
        .toBe('sending')
      await releaseStuckEmails()
      expect((await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, to)))[0].status).toBe('sending')
      await delivering
      await deliverDueEmails(100)
      expect(slowReceived.filter((m) => m.to.includes(to))).toHaveLength(1)
    } finally {
      await new Promise<void>((r) => slow.server.close(() => r()))
    }
  })

  it('does nothing without SMTP_URL: messages wait in the outbox for an admin to read', async () => {
    delete process.env.SMTP_URL
    const to = `waiting-${Date.now()}@example.bg`
    await queueEmail(db, { to, subject: 'Чака', text: 'Текст', kind: 'test.waiting' })
    expect(await deliverDueEmails(100)).toEqual({ sent: 0, failed: 0 })
    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, to))
    expect(row.status).toBe('pending')
  })

  it('backs off exponentially up to an hour', () => {
    expect([1, 2, 3, 8, 20].map(backoffSeconds)).toEqual([30, 60, 120, 3600, 3600])
  })

  it('deletes delivered and failed messages 30 days after they were queued, and pending ones that did not go out within 7 days', async () => {
    const stamp = Date.now()
    const to = (what: string) => `old-${what}-${stamp}@example.bg`
    for (const what of ['sent', 'failed', 'waiting', 'fresh'])
      await queueEmail(db, { to: to(what), subject: 'Стар', text: 'Текст', kind: 'test.retention' })
    await db
      .update(emailOutbox)
      .set({ status: 'sent', sentAt: new Date() })
      .where(eq(emailOutbox.toAddress, to('sent')))
    await db
      .update(emailOutbox)
      .set({ status: 'failed' })
      .where(eq(emailOutbox.toAddress, to('failed')))
    const left = async () =>
      (
        await db
          .select()
          .from(emailOutbox)
          .where(inArray(emailOutbox.toAddress, ['sent', 'failed', 'waiting', 'fresh'].map(to)))
      )
        .map((m) => m.toAddress)
        .sort()
    const days = (n: number) => new Date(Date.now() + n * 24 * 3600 * 1000)

    await purgeOldEmails(days(6.9))
    expect(await left()).toHaveLength(4)
    // A week later nothing has sent the pending mail (no SMTP server): it has expired.
    await db
      .update(emailOutbox)
      .set({ createdAt: days(5) })
      .where(eq(emailOutbox.toAddress, to('fresh')))
    await purgeOldEmails(days(7.1))
    expect(await left()).toEqual([to('failed'), to('fresh'), to('sent')].sort())
    await purgeOldEmails(days(29.9))
    expect(await left()).toEqual([to('failed'), to('sent')].sort())
    await purgeOldEmails(days(30.1))
    expect(await left()).toEqual([])
  })

  it('takes both periods from the configuration', async () => {
    process.env.MAIL_PENDING_DAYS = '2'
    process.env.MAIL_RETENTION_DAYS = '3'
    resetEnvCache()
    try {
      const pending = `conf-pending-${Date.now()}@example.bg`
      const sent = `conf-sent-${Date.now()}@example.bg`
      for (const address of [pending, sent])
        await queueEmail(db, { to: address, subject: 'Стар', text: 'Текст', kind: 'test.retention' })
      await db.update(emailOutbox).set({ status: 'sent', sentAt: new Date() }).where(eq(emailOutbox.toAddress, sent))
      await purgeOldEmails(new Date(Date.now() + 2.1 * 24 * 3600 * 1000))
      expect(
        (
          await db
            .select()
            .from(emailOutbox)
            .where(inArray(emailOutbox.toAddress, [pending, sent]))
        ).map((m) => m.toAddress),
      ).toEqual([sent])
      await purgeOldEmails(new Date(Date.now() + 3.1 * 24 * 3600 * 1000))
      expect(
        await db
          .select()
          .from(emailOutbox)
          .where(inArray(emailOutbox.toAddress, [pending, sent])),
      ).toEqual([])
    } finally {
      delete process.env.MAIL_PENDING_DAYS
      delete process.env.MAIL_RETENTION_DAYS
      resetEnvCache()
    }
  })
})

describe('/admin/outbox', () => {
  it('shows the messages with every link token masked: a password-reset or registration link cannot be used from there', async () => {
    // The page shows the newest 100 messages. Test files that ran earlier in this worker share its database,
    // and some queued mail under a fake clock set days ahead, which would sort above this test's messages.
    await db.delete(emailOutbox)
    const admin = await makeUser(db, { role: 'admin' })
    const user = await makeUser(db)
    await requestPasswordReset(user.email)
    const { sessions } = await makeEvent(db, { organiserInstitutionId: (await makeInstitution(db)).id })
    const registration = await db.transaction((tx) => makeRegistration(tx, { sessionId: sessions[0].id }))
    const [resetMail] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, user.email))
    const resetToken = /reset-password\/([\w-]+)/.exec(resetMail.textBody)![1]

    const page = await outboxPage.loader({
      request: getRequest('/admin/outbox', { cookie: await sessionCookieFor(admin.id) }),
      params: {},
      context,
    })
    const shown = JSON.stringify(page)
    expect(shown).toContain(user.email)
    expect(shown).toContain(`/reset-password/${MASKED_TOKEN}`)
    expect(shown).toContain(`/registrations/${MASKED_TOKEN}`)
    for (const token of [resetToken, registration.token]) expect(shown).not.toContain(token)
  })

  it('masks token-like path segments of other links, and leaves slugs, ids and case codes alone', () => {
    expect(maskLinkTokens('http://x/invite/AbCdEfGhIjKl0123456789xy ok')).toBe(`http://x/invite/${MASKED_TOKEN} ok`)
    const ordinary =
      'http://x/events/den-na-otvorenite-vrati-mx9v3wkeb4zhj http://x/chat/2431ae7d-4e01-41ea-adf7-8fb726376f4a http://x/cases/С-2026-0042'
    expect(maskLinkTokens(ordinary)).toBe(ordinary)
  })
})
