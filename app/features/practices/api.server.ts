import type { z } from 'zod'

import type { Locale } from '../../../db/schema/identity'
import { translate } from '../i18n/translate'

/** 400 with a JSON error naming each bad parameter, in the caller's language. */
export function apiError(locale: Locale, error: z.ZodError) {
  const fields: Record<string, string[]> = {}
  for (const issue of error.issues) {
    const field = issue.path.join('.') || '_'
    const key = issue.message.startsWith('errors.') ? issue.message : 'errors.invalid'
    ;(fields[field] ??= []).push(translate(locale, key))
  }
  return Response.json(
    { error: { code: 'invalid_parameters', message: translate(locale, 'errors.400'), fields } },
    { status: 400, headers: { 'Cache-Control': 'no-store' } },
  )
}
