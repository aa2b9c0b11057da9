import type { PiiFinding } from '../privacy/detector'

/** Longest chat message, in characters (a case conference is talk, not documents). */
export const MESSAGE_MAX_LENGTH = 2000
/** A member may edit or delete their own message for this long. */
export const EDIT_WINDOW_MS = 15 * 60 * 1000
/** Messages shown when a room opens, and per page of older history. */
export const HISTORY_PAGE_SIZE = 50
/** Most messages one catch-up answer carries; the client asks again while `more` is true. */
export const SYNC_BATCH_SIZE = 500
/** A typing indicator disappears by itself after this long without a new signal. */
export const TYPING_EXPIRES_MS = 5000
/** A client sends at most one typing signal per this interval; the server drops faster ones. */
export const TYPING_THROTTLE_MS = 2000

/** A message as every client and page sees it (deleted ones keep their place, without text). */
export interface ChatMessageView {
  id: string
  roomId: string
  seq: number
  authorId: string | null
  authorName: string
  clientId: string | null
  body: string
  mentions: string[]
  createdAt: string
  editedAt: string | null
  deletedAt: string | null
}

export interface PresenceMember {
  userId: string
  name: string
}

export type ChatErrorCode =
  | 'chat.error.forbidden'
  | 'chat.error.notFound'
  | 'chat.error.empty'
  | 'chat.error.tooLong'
  | 'chat.error.privacy'
  | 'chat.error.rateLimited'
  | 'chat.error.editWindow'
  | 'chat.error.notAuthor'
  | 'chat.error.deleted'
  | 'chat.error.closed'
  | 'chat.error.invalid'
  | 'chat.error.server'
  | 'chat.error.caseNotFound'
  | 'chat.error.noCase'

/** What every socket acknowledgement carries: the result, or an error code with details. */
/** A refusal by the guard carries the findings and the text they point into (the message as checked). */
export type Ack<T> =
  | ({ ok: true } & T)
  | { ok: false; error: ChatErrorCode; findings?: PiiFinding[]; text?: string; retryAfterSeconds?: number }

export interface ServerToClientEvents {
  'message:new': (message: ChatMessageView) => void
  'message:changed': (message: ChatMessageView) => void
  presence: (payload: { roomId: string; members: PresenceMember[] }) => void
  typing: (payload: { roomId: string; userId: string; name: string }) => void
}

export interface JoinResult {
  lastSeq: number
  lastReadSeq: number
  messages: ChatMessageView[]
  more: boolean
  presence: PresenceMember[]
  serverTime: string
}

export interface SyncResult {
  messages: ChatMessageView[]
  changed: ChatMessageView[]
  more: boolean
  serverTime: string
}

export interface ClientToServerEvents {
  'room:join': (
    p: { roomId: string; afterSeq?: number; changedSince?: string | null },
    ack: (r: Ack<JoinResult>) => void,
  ) => void
  'room:leave': (p: { roomId: string }, ack?: (r: Ack<object>) => void) => void
  'room:sync': (
    p: { roomId: string; afterSeq: number; changedSince?: string | null },
    ack: (r: Ack<SyncResult>) => void,
  ) => void
  'room:history': (
    p: { roomId: string; beforeSeq: number },
    ack: (r: Ack<{ messages: ChatMessageView[]; more: boolean }>) => void,
  ) => void
  'message:send': (
    p: { roomId: string; clientId: string; body: string },
    ack: (r: Ack<{ message: ChatMessageView; duplicate: boolean }>) => void,
  ) => void
  'message:edit': (
    p: { roomId: string; seq: number; body: string },
    ack: (r: Ack<{ message: ChatMessageView }>) => void,
  ) => void
  'message:delete': (p: { roomId: string; seq: number }, ack: (r: Ack<{ message: ChatMessageView }>) => void) => void
  'room:read': (p: { roomId: string; seq: number }, ack?: (r: Ack<object>) => void) => void
  typing: (p: { roomId: string }) => void
}
