import type { PrivacyView } from '../privacy/findings'
import { forbidden, notFound } from './http.server'

/** Field name → i18n message keys. */
export type FieldErrors = Record<string, string[]>
export type RefusalParams = Record<string, string | number>

/** What a client needs beyond the message: socket acks carry it as it is, form answers include it. */
export interface RefusalDetails {
  /** The privacy guard's findings per field, as the form shows them. */
  privacy?: PrivacyView
  retryAfterSeconds?: number
}

export interface RefusalOptions<D extends object = RefusalDetails> {
  /** The form field the refusal is about: its message is shown beside that field too. */
  field?: string
  /** Values the message needs ({count}, {minutes} …). */
  params?: RefusalParams
  /**
   * 400 unless said otherwise: 409 for a conflict with the current state, 422 for personal data, 429 for a rate limit.
   */
  status?: number
  /** Errors of several fields at once (a form that fails its schema, the privacy guard's findings). */
  fieldErrors?: FieldErrors
  details?: D
}

/**
 * The one way a feature says no to a valid-looking request: an i18n key a person can act on, and
 * nothing changed. Routes turn it into the form's answer (`formAnswer`), the socket into an ack.
 */
export class Refusal<D extends object = RefusalDetails> extends Error {
  readonly code: string
  readonly field?: string
  readonly params?: RefusalParams
  readonly status: number
  readonly fieldErrors: FieldErrors
  readonly details: D

  constructor(code: string, options: RefusalOptions<D> = {}) {
    super(code)
    this.name = 'Refusal'
    this.code = code
    this.field = options.field
    this.params = options.params
    this.status = options.status ?? 400
    this.fieldErrors = options.fieldErrors ?? (options.field ? { [options.field]: [code] } : {})
    this.details = options.details ?? ({} as D)
  }
}

/** A 403/404 refusal not tied to a field is a page the error boundary renders, not a form error. */
export function isPageRefusal(error: unknown): error is Refusal {
  return error instanceof Refusal && !error.field && (error.status === 403 || error.status === 404)
}

/** For loaders and actions: a 403/404 refusal becomes the thrown Response; anything else is rethrown as it is. */
export function rethrowAsResponse(error: unknown): never {
  if (isPageRefusal(error)) {
    if (error.status === 403) forbidden()
    notFound()
  }
  throw error
}
