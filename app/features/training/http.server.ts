import { badRequest } from '../platform/forms.server'
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
