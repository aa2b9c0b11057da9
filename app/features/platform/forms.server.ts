import { data } from '@remix-run/node'
import type { z } from 'zod'
import { normalizeText } from '../privacy/normalize'

export type FieldErrors = Record<string, string[]>

export interface FormFailure {
  ok: false
  fieldErrors: FieldErrors
  formError?: string
  formErrorParams?: Record<string, string | number>
  values: Record<string, string>
}

export interface FailureOptions {
  formError?: string
  formErrorParams?: Record<string, string | number>
  status?: number
}

/** Plain values of a form, for refilling it after an error (never passwords). */
export function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {}
  for (const [key, value] of form.entries()) {
    if (typeof value === 'string' && !/password/i.test(key)) values[key] = value
  }
  return values
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

/** 400 with field errors, the submitted values kept so nothing a user typed is lost. */
export function badRequest(form: FormData | Record<string, string>, fieldErrors: FieldErrors, options: FailureOptions = {}) {
  const values = form instanceof FormData ? formValues(form) : form
  const { status = 400, formError, formErrorParams } = options
  return data<FormFailure>({ ok: false, fieldErrors, formError, formErrorParams, values }, { status })
}

export type Parsed<T> = { ok: true; data: T; form: FormData } | { ok: false; response: ReturnType<typeof badRequest> }

export async function parseForm<S extends z.ZodTypeAny>(request: Request, schema: S): Promise<Parsed<z.infer<S>>> {
  const form = await request.formData()
  return parseFormData(form, schema)
}

/** Texts are stored as the privacy guard checks them (normalised); passwords are taken exactly as typed. */
const normalized = (key: string, value: string) => (/password/i.test(key) ? value : normalizeText(value))

export function parseFormData<S extends z.ZodTypeAny>(form: FormData, schema: S): Parsed<z.infer<S>> {
  const raw: Record<string, unknown> = {}
  for (const key of new Set(form.keys())) {
    const all = form
      .getAll(key)
      .filter((v): v is string => typeof v === 'string')
      .map((v) => normalized(key, v))
    raw[key] = key.endsWith('[]') || all.length > 1 ? all : all[0]
  }
  const result = schema.safeParse(raw)
  if (!result.success) return { ok: false, response: badRequest(form, fieldErrorsOf(result.error)) }
  return { ok: true, data: result.data, form }
}
