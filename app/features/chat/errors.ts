import type { PiiFinding } from '../privacy/detector'
import type { ChatErrorCode } from './types'

const STATUS: Partial<Record<ChatErrorCode, number>> = {
  'chat.error.forbidden': 403,
  'chat.error.notFound': 404,
  'chat.error.rateLimited': 429,
  'chat.error.server': 500,
}

/** A refusal a person can read (an i18n key), with the details a form or socket client shows. */
export class ChatError extends Error {
  constructor(
    public readonly code: ChatErrorCode,
    public readonly details: { findings?: PiiFinding[]; text?: string; retryAfterSeconds?: number } = {},
  ) {
    super(code)
  }

  get status() {
    return STATUS[this.code] ?? 400
  }
}

/** For routes: 403/404 become thrown Responses (the error boundary renders them); others stay ChatErrors. */
export function rethrowAsResponse(error: unknown): never {
  if (error instanceof ChatError && (error.status === 403 || error.status === 404)) {
    throw new Response(error.status === 403 ? 'Forbidden' : 'Not found', { status: error.status, headers: { 'content-type': 'text/plain; charset=utf-8' } })
  }
  throw error
}
