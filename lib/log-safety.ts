/**
 * What may reach a log. Callers log ids and codes, but an error's message can carry what a query was given (drizzle
 * puts a failed statement's parameters in it: names, e-mails, phones) and a path can carry a link token. These
 * helpers keep an error's type, codes and stack frames, and its message without values; and mask link tokens.
 */

/**
 * A link's secret part: the path segment after a capability route (password reset, registration, a foreign school's
 * reply), or any long URL-safe segment with capitals and digits in it as tokens have (slugs, UUIDs and case codes
 * have no capitals).
 */
const CAPABILITY_PATH = /(\/(?:reset-password|registrations|foreign-schools\/reply)\/)[A-Za-z0-9_-]+/g
const TOKEN_LIKE = /(\/)(?=[A-Za-z0-9_-]*[A-Z])(?=[A-Za-z0-9_-]*[0-9])[A-Za-z0-9_-]{20,}(?![A-Za-z0-9_-])/g
export const MASKED_TOKEN = '••••••'

/** A text with every link token masked, so that it opens no account or registration. */
export function maskLinkTokens(text: string): string {
  return text.replace(CAPABILITY_PATH, `$1${MASKED_TOKEN}`).replace(TOKEN_LIKE, `$1${MASKED_TOKEN}`)
}

// drizzle: "Failed query: <statement>\nparams: <values>"; the statement has placeholders, the values follow.
const QUERY_PARAMS = /\n\s*params:[\s\S]*$/
// PostgreSQL and drivers quote the value they refused at the end: `invalid input syntax for type uuid: "…"`.
const QUOTED_VALUE = /: "[^"]*"/g
// PostgreSQL's detail names a key's value: `Key (email)=(maria@example.bg) already exists`.
const KEY_VALUE = /\(([^()]*)\)=\([^()]*\)/g
const EMAIL = /[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+\.[^\s@"'<>(),;:]+/g
// Phone numbers, ЕГН/ЛНЧ and other long numbers (digits with the separators people type).
const LONG_NUMBER = /\+?\d(?:[\d \-./()]{5,}\d)/g

/** An error message or other diagnostic text without the values it may quote. */
export function scrubLogText(text: string): string {
  return maskLinkTokens(
    text
      .replace(QUERY_PARAMS, '\nparams: [not logged]')
      .replace(QUOTED_VALUE, ': "[value]"')
      .replace(KEY_VALUE, '($1)=([value])')
      .replace(EMAIL, '[e-mail]')
      .replace(LONG_NUMBER, '[number]'),
  )
}

interface ErrorLike {
  name?: unknown
  code?: unknown
  message?: unknown
  stack?: unknown
  cause?: unknown
}

const codeOf = (error: ErrorLike) =>
  typeof error.code === 'string' || typeof error.code === 'number' ? error.code : undefined

function errorSummary(error: ErrorLike) {
  return {
    type: typeof error.name === 'string' ? error.name : 'Error',
    code: codeOf(error),
    message: scrubLogText(String(error.message ?? '')),
  }
}

/**
 * An error as a log may hold it: type, code, message without values, the stack's frames (its first line repeats the
 * message) and the cause's type, code and message. Nothing else of the error: drizzle's `params`, a driver's `query`
 * or `detail` are left out.
 */
export function safeError(value: unknown) {
  if (typeof value !== 'object' || value === null) return scrubLogText(String(value))
  const error = value as ErrorLike
  const frames = typeof error.stack === 'string' ? error.stack.split('\n').filter((line) => /^\s+at /.test(line)) : []
  const cause = typeof error.cause === 'object' && error.cause !== null ? errorSummary(error.cause) : undefined
  return { ...errorSummary(error), stack: frames.length ? frames.join('\n') : undefined, cause }
}

/** The serializers every log line goes through: `err` (an error or its message) and `path`. */
export const logSerializers = {
  err: safeError,
  path: (value: unknown) => maskLinkTokens(String(value)),
}
