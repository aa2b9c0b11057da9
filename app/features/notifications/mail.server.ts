import { and, desc, eq, inArray, lte, sql } from 'drizzle-orm'
import nodemailer, { type Transporter } from 'nodemailer'

import { db, queryRows, type DbOrTx } from '../../../db/client.server'
import { emailOutbox } from '../../../db/schema'
import { getEnv } from '../../env.server'
import { logger, maskLinkTokens } from '../platform/logger.server'

export interface OutgoingEmail {
  to: string
  subject: string
  text: string
  /** A short code for admins and statistics, e.g. 'signup.approved', 'event.confirmation'. */
  kind: string
  /** The event registration the message is about: it is deleted when the registration is erased. */
  registrationId?: string
  /** The foreign school whose link the message carries (erased with the school). */
  foreignSchoolId?: string
}

const MAX_ATTEMPTS = 8

/** Queues an e-mail; pass the caller's transaction so the message exists only if the change commits. */
export async function queueEmail(runner: DbOrTx, message: OutgoingEmail) {
  await queueEmails(runner, [message])
}

/** Queues several e-mails with one statement (e.g. a batch of registrations). */
export async function queueEmails(runner: DbOrTx, messages: OutgoingEmail[]) {
  if (messages.length === 0) return
  await runner.insert(emailOutbox).values(
    messages.map((message) => ({
      toAddress: message.to,
      subject: message.subject,
      textBody: message.text,
      kind: message.kind,
      registrationId: message.registrationId ?? null,
      foreignSchoolId: message.foreignSchoolId ?? null,
    })),
  )
}

/** Erasing registrations erases the mail about them (names, addresses, links), sent or not. */
export async function deleteRegistrationEmails(runner: DbOrTx, registrationIds: string[]) {
  if (registrationIds.length === 0) return
  await runner.delete(emailOutbox).where(inArray(emailOutbox.registrationId, registrationIds))
}

/**
 * `text` with each occurrence of `find` that stands as a whole (not inside a longer word: "Ян" in "Янко") replaced;
 * `ignoreCase` for an e-mail address.
 */
function replaceWhole(text: string, find: string, replacement: string, ignoreCase = false) {
  const escaped = find.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const pattern = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])${escaped}(?![\\p{L}\\p{M}\\p{N}])`, ignoreCase ? 'giu' : 'gu')
  return text.replace(pattern, () => replacement)
}

/**
 * Mail of an erased account: every message to its address goes, sent or not; in messages to others its name and
 * address become the account's label and placeholder ("X replied" still goes out, naming a former user).
 */
export async function eraseMailOf(
  runner: DbOrTx,
  person: { name: string; email: string },
  replacement: { name: string; email: string },
) {
  const email = person.email.toLowerCase()
  await runner.delete(emailOutbox).where(eq(sql`lower(${emailOutbox.toAddress})`, email))
  const naming = await runner
    .select({ id: emailOutbox.id, subject: emailOutbox.subject, textBody: emailOutbox.textBody })
    .from(emailOutbox)
    .where(
      sql`strpos(${emailOutbox.subject} || ' ' || ${emailOutbox.textBody}, ${person.name}) > 0
        OR strpos(lower(${emailOutbox.subject} || ' ' || ${emailOutbox.textBody}), ${email}) > 0`,
    )
  const erase = (text: string) =>
    replaceWhole(replaceWhole(text, person.name, replacement.name), email, replacement.email, true)
  for (const message of naming) {
    await runner
      .update(emailOutbox)
      .set({ subject: erase(message.subject), textBody: erase(message.textBody) })
      .where(eq(emailOutbox.id, message.id))
  }
}

let transporter: Transporter | undefined
let transporterUrl: string | undefined
function smtp(): Transporter | null {
  const url = getEnv().SMTP_URL
  if (!url) return null
  if (!transporter || transporterUrl !== url) {
    transporter = nodemailer.createTransport(url)
    transporterUrl = url
  }
  return transporter
}

/** Exponential backoff: 30 s, 1 min, 2 min … capped at 1 h. */
export function backoffSeconds(attempts: number) {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1))
}

interface ClaimedEmail {
  id: string
  to_address: string
  subject: string
  text_body: string
  attempts: number
}

/**
 * Sends due e-mails (rows of the `sms` channel wait for a gateway; none is built yet). Rows are claimed with
 * FOR UPDATE SKIP LOCKED and marked 'sending' in one statement, so several processes never send the same message twice.
 */
export async function deliverDueEmails(batchSize = 20): Promise<{ sent: number; failed: number }> {
  const transport = smtp()
  if (!transport) return { sent: 0, failed: 0 }
  const claimed = await queryRows<ClaimedEmail>(
    db,
    // next_attempt_at becomes the claim time, so releaseStuckEmails measures 10 minutes from the claim.
    sql`UPDATE email_outbox SET status = 'sending', attempts = attempts + 1, next_attempt_at = now()
        WHERE id IN (
          SELECT id FROM email_outbox
          WHERE status = 'pending' AND channel = 'email' AND next_attempt_at <= now()
          ORDER BY next_attempt_at
          LIMIT ${batchSize}
          FOR UPDATE SKIP LOCKED)
        RETURNING id, to_address, subject, text_body, attempts`,
  )
  let sent = 0
  let failed = 0
  const from = getEnv().MAIL_FROM
  for (const message of claimed) {
    try {
      await transport.sendMail({ from, to: message.to_address, subject: message.subject, text: message.text_body })
      await db
        .update(emailOutbox)
        .set({ status: 'sent', sentAt: new Date(), lastError: null })
        .where(eq(emailOutbox.id, message.id))
      sent++
    } catch (error) {
      failed++
      const finalFailure = message.attempts >= MAX_ATTEMPTS
      const reason = error instanceof Error ? error.message.slice(0, 300) : 'unknown error'
      logger.warn({ emailId: message.id, attempts: message.attempts, finalFailure }, 'e-mail delivery failed')
      await db
        .update(emailOutbox)
        .set({
          status: finalFailure ? 'failed' : 'pending',
          lastError: reason,
          nextAttemptAt: new Date(Date.now() + backoffSeconds(message.attempts) * 1000),
        })
        .where(eq(emailOutbox.id, message.id))
    }
  }
  return { sent, failed }
}

/** Messages left 'sending' by a process that died are given back 10 minutes after they were claimed. */
export async function releaseStuckEmails() {
  await db
    .update(emailOutbox)
    .set({ status: 'pending' })
    .where(
      and(eq(emailOutbox.status, 'sending'), lte(emailOutbox.nextAttemptAt, new Date(Date.now() - 10 * 60 * 1000))),
    )
}

const DAY_MS = 24 * 3600 * 1000
const PURGE_BATCH = 500

/**
 * Messages hold names, addresses and links, so none is kept for ever: delivered and abandoned ones
 * go MAIL_RETENTION_DAYS after they were queued, and pending ones that have not gone out within
 * MAIL_PENDING_DAYS (no SMTP server, or one that keeps refusing) have expired. Deleted in batches
 * claimed with SKIP LOCKED, so a message being sent is never deleted under the sender.
 */
export async function purgeOldEmails(now = new Date()) {
  const env = getEnv()
  const kept = new Date(now.getTime() - env.MAIL_RETENTION_DAYS * DAY_MS).toISOString()
  const expired = new Date(now.getTime() - env.MAIL_PENDING_DAYS * DAY_MS).toISOString()
  let purged = 0
  for (;;) {
    const removed = await queryRows<{ id: string }>(
      db,
      sql`DELETE FROM email_outbox WHERE id IN (
            SELECT id FROM email_outbox
            WHERE (status IN ('sent', 'failed') AND created_at <= ${kept}::timestamptz)
               OR (status = 'pending' AND created_at <= ${expired}::timestamptz)
            LIMIT ${PURGE_BATCH}
            FOR UPDATE SKIP LOCKED)
          RETURNING id`,
    )
    purged += removed.length
    if (removed.length < PURGE_BATCH) return { purged }
  }
}

/** The outbox for /admin/outbox, newest first, with link tokens masked. */
export async function listOutbox(
  options: { limit?: number; offset?: number; statuses?: (typeof emailOutbox.$inferSelect.status)[] } = {},
) {
  const rows = await db
    .select()
    .from(emailOutbox)
    .where(options.statuses ? inArray(emailOutbox.status, options.statuses) : undefined)
    .orderBy(desc(emailOutbox.createdAt))
    .limit(options.limit ?? 50)
    .offset(options.offset ?? 0)
  return rows.map((row) => ({ ...row, textBody: maskLinkTokens(row.textBody) }))
}

export function smtpConfigured() {
  return !!getEnv().SMTP_URL
}
