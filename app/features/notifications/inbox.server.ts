import { and, desc, eq, inArray, isNull, like, ne, or, sql } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'

import { db, queryRows, type DbOrTx } from '../../../db/client.server'
import { emailOutbox, notifications, users } from '../../../db/schema'
import type { Locale } from '../../../db/schema/identity'
import { getEnv } from '../../env.server'
import { translate } from '../i18n/translate'
import { escapeLike } from '../platform/sql.server'
import { queueEmail } from './mail.server'

export interface NotifyInput {
  userIds: readonly string[]
  /** e.g. 'case.reply', 'case.mention', 'course.assigned', 'chat.mention' */
  kind: string
  /** An i18n key; the text is rendered in each reader's language, in the bell and the e-mail. */
  messageKey: string
  params?: Record<string, string | number>
  /** Where the notification leads, a path on this site. */
  url: string
  /** The actor is never notified of their own action. */
  exceptUserId?: string
}

/** A notification's e-mail is its text, with the text (cut to 120 characters) as the subject. */
const emailSubject = (text: string) => (text.length > 120 ? `${text.slice(0, 117)}…` : text)

/**
 * Notifies users in-app and by e-mail according to each one's setting: immediately (queued in the
 * same transaction), in a daily digest (the digest job), or never.
 */
export async function notify(runner: DbOrTx, input: NotifyInput) {
  const ids = [...new Set(input.userIds)].filter((id) => id !== input.exceptUserId)
  if (ids.length === 0) return
  const recipients = await runner
    .select({ id: users.id, email: users.email, locale: users.locale, emailPreference: users.emailPreference })
    .from(users)
    .where(and(inArray(users.id, ids), eq(users.status, 'approved')))
  if (recipients.length === 0) return
  const params = input.params ?? {}
  const now = new Date()
  await runner.insert(notifications).values(
    recipients.map((r) => ({
      userId: r.id,
      kind: input.kind,
      messageKey: input.messageKey,
      params,
      url: input.url,
      emailedAt: r.emailPreference === 'immediate' ? now : null,
    })),
  )
  for (const r of recipients.filter((r) => r.emailPreference === 'immediate')) {
    const text = translate(r.locale, input.messageKey, params)
    await queueEmail(runner, {
      to: r.email,
      subject: emailSubject(text),
      text: `${text}\n\n${getEnv().appUrl}${input.url}\n\n${translate(r.locale, 'notifications.email.footer')}`,
      kind: `notification.${input.kind}`,
    })
  }
}

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * `text` with each earlier title replaced by the current one, in one pass, longest first: the current title is matched
 * as itself, so an earlier title it contains (or that contains it) is never replaced twice.
 */
function replaceTitles(text: string, earlierTitles: readonly string[], title: string) {
  const titles = [...new Set([...earlierTitles, title])].sort((a, b) => b.length - a.length)
  return text.replace(new RegExp(titles.map(escapeRegExp).join('|'), 'g'), () => title)
}

/**
 * Gives the notifications that lead to `url` (of kinds starting with `kindPrefix`) the current `title` in place of the
 * one they were written with: in the bell, and in the outbox's copies of their e-mails and of the digests that list
 * them (only a digest's lines about `url` change). For a page whose earlier titles must not stay readable (a
 * practice's erased versions). `earlierTitles` adds titles no notification holds any more. Returns the counts
 * rewritten. Mail already delivered stays in the recipients' mailboxes.
 */
export async function retitleNotifications(
  runner: DbOrTx,
  input: { url: string; kindPrefix: string; title: string; earlierTitles?: readonly string[] },
): Promise<{ notifications: number; emails: number }> {
  const stored = sql<string>`${notifications.params}->>'title'`
  const stale = and(
    eq(notifications.url, input.url),
    like(notifications.kind, `${escapeLike(input.kindPrefix)}%`),
    ne(stored, input.title),
  )
  const held = await runner.selectDistinct({ title: stored }).from(notifications).where(stale)
  const retitled = held.length
    ? await runner
        .update(notifications)
        .set({ params: sql`jsonb_set(${notifications.params}, '{title}', to_jsonb(${input.title}::text))` })
        .where(stale)
        .returning({ id: notifications.id })
    : []
  const earlier = [...held.map((row) => row.title), ...(input.earlierTitles ?? [])].filter(
    (title) => title && title !== input.title,
  )
  if (earlier.length === 0) return { notifications: retitled.length, emails: 0 }
  // A notification's e-mail gives the page's address on a line of its own (`notify`, `sendDailyDigests`).
  const mails = await runner
    .select({ id: emailOutbox.id, kind: emailOutbox.kind, subject: emailOutbox.subject, text: emailOutbox.textBody })
    .from(emailOutbox)
    .where(
      and(
        or(
          like(emailOutbox.kind, `notification.${escapeLike(input.kindPrefix)}%`),
          eq(emailOutbox.kind, 'notification.digest'),
        ),
        like(emailOutbox.textBody, `%${escapeLike(input.url)}\n%`),
      ),
    )
  let emails = 0
  for (const mail of mails) {
    const digest = mail.kind === 'notification.digest'
    // An e-mail of its own: its first paragraph is the message; a digest: the lines ending with the address.
    const text = mail.text
      .split('\n\n')
      .map((block, i) =>
        (digest ? block.endsWith(input.url) : i === 0) ? replaceTitles(block, earlier, input.title) : block,
      )
      .join('\n\n')
    if (text === mail.text) continue
    const subject = digest ? mail.subject : emailSubject(text.split('\n\n')[0])
    await runner.update(emailOutbox).set({ subject, textBody: text }).where(eq(emailOutbox.id, mail.id))
    emails++
  }
  return { notifications: retitled.length, emails }
}

/**
 * An erased account's own notifications go; in other people's, a text such as "X replied" holds X's name as it was
 * when sent (a parameter), which becomes the label the account now has.
 */
export async function eraseNotificationsOf(runner: DbOrTx, userId: string, names: { name: string; label: string }) {
  await runner.delete(notifications).where(eq(notifications.userId, userId))
  await runner.execute(
    sql`UPDATE notifications n
        SET params = (
          SELECT jsonb_object_agg(p.key, CASE WHEN p.value = to_jsonb(${names.name}::text)
            THEN to_jsonb(${names.label}::text) ELSE p.value END)
          FROM jsonb_each(n.params) p)
        WHERE EXISTS (SELECT 1 FROM jsonb_each_text(n.params) p WHERE p.value = ${names.name})`,
  )
}

/**
 * The count of a user's unread notifications, as a query (the header's badges read it with the others at once).
 * `userId`: a user's id, or the column of an outer statement's user (the header's counters, nav.server.ts).
 */
export function unreadCountQuery(userId: string | AnyPgColumn) {
  return db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
}

export async function unreadCount(userId: string): Promise<number> {
  const [row] = await unreadCountQuery(userId)
  return row?.n ?? 0
}

export async function listNotifications(userId: string, limit = 50) {
  return db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt))
    .limit(limit)
}

/** Unread notifications of some kinds, newest first (the home page's "mentions of me"). */
export async function unreadOfKinds(userId: string, kinds: readonly string[], limit = 5) {
  if (kinds.length === 0) return []
  return db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      messageKey: notifications.messageKey,
      params: notifications.params,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), inArray(notifications.kind, [...kinds])))
    .orderBy(desc(notifications.createdAt))
    .limit(limit)
}

/** Marks one as read and returns where it leads; scoped to its owner. */
export async function openNotification(userId: string, id: string): Promise<string | null> {
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning({ url: notifications.url })
  return row?.url ?? null
}

export async function markAllRead(userId: string) {
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
}

interface DigestRow {
  user_id: string
  message_key: string
  params: Record<string, string | number>
  url: string
}

/**
 * Daily digest: a user on 'daily' whose oldest un-mailed notification is a day old gets them all in
 * one e-mail. Rows are claimed with FOR UPDATE SKIP LOCKED, so parallel workers never mail twice.
 */
export async function sendDailyDigests() {
  const claimed = await queryRows<DigestRow>(
    db,
    sql`UPDATE notifications SET emailed_at = now()
        WHERE id IN (
          SELECT n.id FROM notifications n JOIN users u ON u.id = n.user_id
          WHERE n.emailed_at IS NULL AND n.read_at IS NULL AND u.email_preference = 'daily'
            AND n.user_id IN (
              SELECT user_id FROM notifications WHERE emailed_at IS NULL AND read_at IS NULL
              GROUP BY user_id HAVING min(created_at) < now() - interval '24 hours')
          FOR UPDATE OF n SKIP LOCKED)
        RETURNING user_id, message_key, params, url`,
  )
  const byUser = new Map<string, DigestRow[]>()
  for (const row of claimed) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row])
  if (byUser.size === 0) return { digests: 0 }
  const recipients = await db
    .select({ id: users.id, email: users.email, locale: users.locale })
    .from(users)
    .where(inArray(users.id, [...byUser.keys()]))
  const appUrl = getEnv().appUrl
  for (const r of recipients) {
    const rows = byUser.get(r.id) ?? []
    const lines = rows.map(
      (row) => `• ${translate(r.locale as Locale, row.message_key, row.params)}\n  ${appUrl}${row.url}`,
    )
    await queueEmail(db, {
      to: r.email,
      subject: translate(r.locale as Locale, 'notifications.digest.subject', { count: rows.length }),
      text: `${lines.join('\n\n')}\n\n${translate(r.locale as Locale, 'notifications.email.footer')}`,
      kind: 'notification.digest',
    })
  }
  return { digests: recipients.length }
}
