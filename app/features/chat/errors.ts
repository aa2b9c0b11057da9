import { Refusal, type RefusalOptions } from '../platform/refusal.server'
import type { ChatErrorCode } from './types'

const STATUS: Partial<Record<ChatErrorCode, number>> = {
  'chat.error.forbidden': 403,
  'chat.error.notFound': 404,
  'chat.error.rateLimited': 429,
  'chat.error.server': 500,
}

/** A chat refusal: a Refusal with a chat code and the status that code calls for (a socket ack carries the code). */
export function chatRefusal(code: ChatErrorCode, options: Omit<RefusalOptions, 'status'> = {}) {
  return new Refusal(code, { status: STATUS[code] ?? 400, ...options })
}
