import {
  data,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from '@remix-run/node'
import { z } from 'zod'

import { normalizeText } from '../privacy/normalize'
import {
  isPageRefusal,
  Refusal,
  rethrowAsResponse,
  type FieldErrors,
  type RefusalDetails,
  type RefusalParams,
} from './refusal.server'

/** What a form sent, by field name: a name sent several times (checkbox group, multi-select) is a list. */
export type FormValues = Record<string, string | string[]>

/** The form's answer when something was refused: the messages, and the values sent so nothing typed is lost. */
export interface FormFailure extends RefusalDetails {
  ok: false
  fieldErrors: FieldErrors
  formError?: string
  formErrorParams?: RefusalParams
  values: FormValues
}

function collect(form: FormData, read: (key: string, value: string) => string | null): FormValues {
  const values: FormValues = {}
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key).flatMap((v) => (typeof v === 'string' ? (read(key, v) ?? []) : []))
    if (all.length) values[key] = key.endsWith('[]') || all.length > 1 ? all : all[0]
  }
  return values
}

const isPassword = (key: string) => /password/i.test(key)

/** The values a form is refilled with after an error, exactly as sent (never passwords). */
export function formValues(form: FormData): FormValues {
  return collect(form, (key, value) => (isPassword(key) ? null : value))
}

/**
 * What a schema parses: texts as the privacy guard checks them (normalised); passwords exactly as
 * typed; the editor's JSON as sent (its texts are normalised when the document is read).
 */
export function formInput(form: FormData): FormValues {
  return collect(form, (key, value) => (isPassword(key) || key.endsWith('Json') ? value : normalizeText(value)))
}

/** A multipart form (file uploads) read into memory; a file over maxBytes is refused with `tooLarge()`. */
export async function readMultipartForm(
  request: Request,
  maxBytes: number,
  tooLarge: () => Refusal,
): Promise<FormData> {
  try {
    return await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: maxBytes }))
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) throw tooLarge()
    throw error
  }
}

/** Flattens zod issues into field → i18n message keys (schemas use message keys as messages). */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {}
  for (const issue of error.issues) {
    const field = issue.path.join('.') || '_form'
    const key = /^[a-z]\w*(\.\w+)+$/i.test(issue.message) ? issue.message : 'errors.invalid'
    ;(errors[field] ??= []).push(key)
  }
  return errors
}

/** Parses a form with a zod schema; a form that fails it is refused with every field's errors (400). */
export function parseForm<S extends z.ZodTypeAny>(form: FormData, schema: S): z.infer<S> {
  const result = schema.safeParse(formInput(form))
  if (!result.success) throw new Refusal('errors.formSummary', { fieldErrors: fieldErrorsOf(result.error) })
  return result.data
}

/**
 * The form's answer to a refusal — a privacy block is one too: its message and field errors, with
 * the values sent. A 403/404 not tied to a field is thrown for the error boundary; anything that
 * is not a refusal is rethrown.
 */
export function formAnswer<D extends object>(
  form: FormData | FormValues,
  error: Refusal<D>,
): ReturnType<typeof data<FormFailure & D>>
export function formAnswer(form: FormData | FormValues, error: unknown): ReturnType<typeof data<FormFailure>>
export function formAnswer(form: FormData | FormValues, error: unknown) {
  if (!(error instanceof Refusal) || isPageRefusal(error)) rethrowAsResponse(error)
  const values = form instanceof FormData ? formValues(form) : form
  const { code, fieldErrors, params, status, details } = error
  return data(
    { ok: false as const, fieldErrors, formError: code, formErrorParams: params, values, ...details },
    { status },
  )
}

/** One intent of a form: the schema its input must pass, and the feature call made with it. */
export interface Intent<R> {
  schema: z.ZodTypeAny
  run: (input: never, form: FormData) => Promise<R> | R
}

export function intent<S extends z.ZodTypeAny, R>(
  schema: S,
  run: (input: z.infer<S>, form: FormData) => Promise<R> | R,
): Intent<R> {
  return { schema, run }
}

/** The schema of a button that sends nothing but its intent. */
export const NO_INPUT = z.object({})

type Answer<I> = I extends Intent<infer R> ? R : never

/**
 * Runs the intent a form names in its `intent` field (`default` serves a form without one, and any
 * intent not listed): the schema parses the input, then the feature call runs. A refusal on the way
 * — a field that fails the schema, a rule the feature enforces, a privacy block — is the form's answer.
 */
export async function runIntent<I extends Record<string, Intent<unknown>>>(
  form: FormData,
  intents: I,
): Promise<Answer<I[keyof I]> | ReturnType<typeof formAnswer>> {
  const name = String(form.get('intent') ?? '')
  const chosen = Object.hasOwn(intents, name) ? intents[name] : intents.default
  try {
    if (!chosen) throw new Refusal('errors.400')
    return (await chosen.run(parseForm(form, chosen.schema) as never, form)) as Answer<I[keyof I]>
  } catch (error) {
    return formAnswer(form, error)
  }
}
