import type { z } from 'zod'
import { badRequest, fieldErrorsOf, type Parsed } from '../platform/forms.server'
import { TrainingError } from './errors'

/** Turns a refusal into the form's 400 (field or form error, values kept); anything else is rethrown. */
export function trainingFailure(form: FormData | Record<string, string>, error: unknown) {
  if (!(error instanceof TrainingError)) throw error
  return error.field
    ? badRequest(form, { [error.field]: [error.code] })
    : badRequest(form, {}, { formError: error.code, formErrorParams: error.params })
}

/** Form values for refilling, with checkbox groups kept whole (joined by newlines). */
export function valuesWithLists(form: FormData, lists: string[]): Record<string, string> {
  const values: Record<string, string> = {}
  for (const [key, value] of form.entries()) if (typeof value === 'string') values[key] = value
  for (const name of lists) values[name] = form.getAll(name).filter((v): v is string => typeof v === 'string').join('\n')
  return values
}

/** parseFormData for forms with checkbox groups: the named fields are always arrays, and are refilled whole on error. */
export function parseFormWithLists<S extends z.ZodTypeAny>(form: FormData, schema: S, lists: string[]): Parsed<z.infer<S>> {
  const raw: Record<string, unknown> = {}
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key).filter((v): v is string => typeof v === 'string')
    raw[key] = lists.includes(key) || all.length > 1 ? all : all[0]
  }
  for (const name of lists) raw[name] ??= []
  const result = schema.safeParse(raw)
  if (!result.success) return { ok: false, response: badRequest(valuesWithLists(form, lists), fieldErrorsOf(result.error)) }
  return { ok: true, data: result.data, form }
}
