import type { z } from 'zod'

import type { Locale } from '../../../db/schema/identity'
import { translate, type Params } from '../i18n/translate'

/** 400 with a JSON error naming each bad parameter, in the caller's language. */
export function apiError(locale: Locale, error: z.ZodError) {
  const fields: Record<string, string[]> = {}
  for (const issue of error.issues) {
    const field = issue.path.join('.') || '_'
    const key = issue.message.startsWith('errors.') ? issue.message : 'errors.invalid'
    const params = issue.code === 'custom' ? (issue.params as Params | undefined) : undefined
    ;(fields[field] ??= []).push(translate(locale, key, params))
  }
  return Response.json(
    { error: { code: 'invalid_parameters', message: translate(locale, 'errors.400'), fields } },
    { status: 400, headers: { 'Cache-Control': 'no-store' } },
  )
}
