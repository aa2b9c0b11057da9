import { eq, inArray } from 'drizzle-orm'

import { db } from '../../../db/client.server'
import { institutions, users } from '../../../db/schema'
import type { Locale } from '../../../db/schema/identity'
import { insertPlannedActions, planCaseActions } from '../actions/actions.server'
import { minutesActionField, type ActionInput } from '../actions/schemas'
import { postCaseReply } from '../cases/cases.server'
import { formatDate, formatTime, translate } from '../i18n/translate'
import { Refusal } from '../platform/refusal.server'
import type { PrivacyOverrideRequest } from '../privacy/guard.server'
import {
  paragraphNode,
  parseRichTextDoc,
  TEXT_FORMAT,
  textNode,
  toRichText,
  type RichTextDoc,
  type RichTextNode,
} from '../richtext/document'
import { messagesBefore, messagesBySeq } from './conversation.server'
import { chatRefusal } from './errors'
import { requireRoomAccess, type ChatActor } from './rooms.server'
import type { ChatMessageView } from './types'

/** Most messages one set of minutes may quote. */
export const MINUTES_MAX_MESSAGES = 200

export interface MinutesInput {
  doc: RichTextDoc
  /** Message ids to quote; 'all' takes the whole conference (up to the limit). */
  seqs: number[] | 'all'
  /** Lines of the minutes turned into actions (row: the form's row, for errors beside its fields). */
  actions?: (ActionInput & { row: number })[]
}

async function institutionsOf(authorIds: string[]): Promise<Map<string, string>> {
  if (authorIds.length === 0) return new Map()
  const rows = await db
    .select({ id: users.id, institution: institutions.name })
    .from(users)
    .innerJoin(institutions, eq(institutions.id, users.institutionId))
    .where(inArray(users.id, [...new Set(authorIds)]))
  return new Map(rows.map((r) => [r.id, r.institution]))
}

const quote = (text: string): RichTextNode => ({ type: 'quote', children: [textNode(text)] })

/**
 * The minutes as a document: a heading line, the summary as written, then the chosen messages.
 * Quotes name the author's institution, not the person: the case thread is about who does what
 * between institutions, and staff names would (rightly) trip the privacy guard there.
 */
export async function composeMinutes(
  locale: Locale,
  roomTitle: string,
  summary: RichTextDoc,
  quoted: ChatMessageView[],
): Promise<RichTextDoc> {
  const byAuthor = await institutionsOf(quoted.flatMap((m) => (m.authorId ? [m.authorId] : [])))
  const heading = translate(locale, 'chat.minutes.heading', { room: roomTitle, date: formatDate(locale, new Date()) })
  const children: RichTextNode[] = [paragraphNode([textNode(heading, TEXT_FORMAT.bold)]), ...summary.root.children]
  if (quoted.length) {
    children.push(paragraphNode([textNode(translate(locale, 'chat.minutes.quoted'), TEXT_FORMAT.bold)]))
    for (const m of quoted) {
      const who = (m.authorId && byAuthor.get(m.authorId)) || translate(locale, 'chat.message.formerMember')
      children.push(quote(`${formatTime(locale, m.createdAt)} · ${who}: ${m.body}`))
    }
  }
  return parseRichTextDoc({ root: { type: 'root', children } })!
}

/** Posts the minutes of a case room as a reply in its case, through the cases feature (and its privacy guard). */
export async function postMinutes(
  actor: ChatActor & { locale: Locale },
  roomId: string,
  input: MinutesInput,
  privacyOverride: PrivacyOverrideRequest | null = null,
) {
  const access = await requireRoomAccess(actor, roomId)
  if (!access.linkedCase) throw chatRefusal('chat.error.noCase')
  if (input.seqs !== 'all' && input.seqs.length > MINUTES_MAX_MESSAGES)
    throw new Refusal('chat.minutes.tooMany', { field: 'seq', params: { max: MINUTES_MAX_MESSAGES } })
  const chosen =
    input.seqs === 'all'
      ? (await messagesBefore(roomId, null, MINUTES_MAX_MESSAGES)).messages
      : await messagesBySeq(roomId, input.seqs.slice(0, MINUTES_MAX_MESSAGES))
  const quoted = chosen.filter((m) => !m.deletedAt)
  const doc = await composeMinutes(actor.locale, access.room.title, input.doc, quoted)
  const rows = input.actions ?? []
  // The actions are checked before anything is posted, and written in the reply's transaction.
  const planned = rows.length
    ? await planCaseActions(actor, access.linkedCase.code, rows, (i, name) => minutesActionField(rows[i].row, name), {
        privacyOverride,
      })
    : null
  return postCaseReply(
    actor,
    access.linkedCase.code,
    { body: toRichText(doc) },
    {
      privacyOverride,
      afterPost: planned
        ? (tx, reply) => insertPlannedActions(tx, actor, planned, { replyId: reply.id, roomId })
        : undefined,
    },
  )
}
