import { badRequest } from '../platform/forms.server'
import { TrainingError } from './errors'

/** Turns a refusal into the form's 400 (field or form error, values kept); anything else is rethrown. */
export function trainingFailure(form: FormData | Record<string, string>, error: unknown) {
  if (!(error instanceof TrainingError)) throw error
  return error.field
    ? badRequest(form, { [error.field]: [error.code] })
    : badRequest(form, {}, { formError: error.code, formErrorParams: error.params })
}
