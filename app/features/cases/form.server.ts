import { badRequest, parseFormData, type FieldErrors } from '../platform/forms.server'
import { PrivacyBlockedError, formValuesWithLists, privacyRefusal, readPrivacyOverride } from '../privacy/guard.server'
import { readRichText } from '../richtext/form.server'
import type { RichText } from '../richtext/document'
import { CaseError, type CaseActor } from './access.server'
import { CaseFieldsSchema, MentionIdsSchema, TEXT_MAX, type CaseFields } from './schemas'

/** A required rich-text field, or the field error. */
export function readRequiredRichText(form: FormData, name: string): { ok: true; value: RichText } | { ok: false; errors: FieldErrors } {
  const read = readRichText(form, name)
  if (!read.ok) return { ok: false, errors: { [name]: [read.problem.key] } }
  if (!read.value) return { ok: false, errors: { [name]: ['errors.required'] } }
  if (read.value.text.length > TEXT_MAX) return { ok: false, errors: { [name]: ['errors.tooLong'] } }
  return { ok: true, value: read.value }
}

/** The whole case form (fields + description); field errors of both come back together. */
export function readCaseForm(form: FormData) {
  const fields = parseFormData(form, CaseFieldsSchema)
  const description = readRequiredRichText(form, 'description')
  if (!fields.ok || !description.ok) {
    const errors: FieldErrors = { ...(description.ok ? {} : description.errors) }
    if (!fields.ok) Object.assign(errors, (fields.response.data as { fieldErrors: FieldErrors }).fieldErrors)
    return { ok: false as const, response: badRequest(formValuesWithLists(form), errors) }
  }
  return { ok: true as const, input: { ...(fields.data as CaseFields), description: description.value }, privacyOverride: readPrivacyOverride(form) }
}

export function readMentionIds(form: FormData): string[] {
  const parsed = MentionIdsSchema.safeParse(form.getAll('mentions'))
  return parsed.success ? parsed.data : []
}

/** Turns the expected failures of a case write into the form's answer; anything else is rethrown. */
export function caseWriteFailure(error: unknown, form: FormData, actor: CaseActor) {
  if (error instanceof PrivacyBlockedError) return privacyRefusal(form, error, actor)
  if (error instanceof CaseError) return badRequest(formValuesWithLists(form), {}, { formError: error.code, status: 409 })
  throw error
}
