import { badRequest, formValues, parseFormData, type FieldErrors } from '../platform/forms.server'
import { PrivacyBlockedError, privacyRefusal, readPrivacyOverride } from '../privacy/guard.server'
import { readRichText } from '../richtext/form.server'
import type { Actor } from '../identity/permissions'
import { PracticeError, type PracticeInput } from './practices.server'
import { PracticeFieldsSchema, SECTION_MAX, type PracticeFields } from './schemas'
import { PRACTICE_SECTIONS } from './vocabulary'

const REQUIRED_SECTIONS = new Set(['problem', 'actions'])

/** The rich-text fields the privacy guard may redact in one click. */
export const PRACTICE_TEXT_FIELDS = ['title', 'summary', ...PRACTICE_SECTIONS] as const

/** Checkbox groups whose every ticked value must come back after an error (formValues keeps one per name). */
const GROUP_FIELDS = ['situationTags', 'ageBands', 'educationStages', 'institutionKinds', 'districts'] as const

/** Puts all ticked values of each checkbox group (newline-separated) into a failure's kept values. */
export function keepCheckboxGroups<T>(result: T, form: FormData): T {
  const values = (result as { data?: { values?: Record<string, string> } }).data?.values
  if (values) for (const name of GROUP_FIELDS) values[name] = form.getAll(name).join('\n')
  return result
}

/** The whole practice form (fields + four sections); all field errors come back together. */
export function readPracticeForm(form: FormData) {
  const fields = parseFormData(form, PracticeFieldsSchema)
  const errors: FieldErrors = {}
  const sections = {} as PracticeInput['sections']
  for (const name of PRACTICE_SECTIONS) {
    const read = readRichText(form, name)
    const value = read.ok ? read.value : null
    if (!read.ok) errors[name] = [read.problem.key]
    else if (!value && REQUIRED_SECTIONS.has(name)) errors[name] = ['errors.required']
    else if (value && value.text.length > SECTION_MAX) errors[name] = ['errors.tooLong']
    sections[name] = value
  }
  if (!fields.ok || Object.keys(errors).length > 0) {
    if (!fields.ok) Object.assign(errors, (fields.response.data as { fieldErrors: FieldErrors }).fieldErrors)
    return { ok: false as const, response: keepCheckboxGroups(badRequest(form, errors), form) }
  }
  return { ok: true as const, input: { ...(fields.data as PracticeFields), sections } as PracticeInput, privacyOverride: readPrivacyOverride(form) }
}

/** Turns the expected failures of a practice write into the form's answer; anything else is rethrown. */
export function practiceWriteFailure(error: unknown, form: FormData, actor: Actor) {
  if (error instanceof PrivacyBlockedError) return keepCheckboxGroups(privacyRefusal(form, error, actor), form)
  if (error instanceof PracticeError) return keepCheckboxGroups(badRequest(formValues(form), {}, { formError: error.code, status: 409 }), form)
  throw error
}
