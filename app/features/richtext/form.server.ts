import { normalizeText } from '../privacy/normalize'
import { isEmptyDoc, plainTextToDoc, toRichText, type RichText } from './document'
import { validateRichTextDoc, type RichTextProblem } from './schema'

export type RichTextRead = { ok: true; value: RichText | null } | { ok: false; problem: RichTextProblem }

/**
 * Reads a rich-text field: the editor's JSON (`<name>Json`) when JavaScript ran, otherwise the
 * plain textarea `<name>`. A JSON document that fails the schema is refused, never replaced by the
 * plain text. The value is null when the field is empty.
 */
export function readRichText(form: FormData, name: string): RichTextRead {
  const json = form.get(`${name}Json`)
  let value: RichText
  if (typeof json === 'string' && json.trim()) {
    const valid = validateRichTextDoc(json)
    if (!valid.ok) return valid
    value = toRichText(valid.doc)
  } else {
    value = toRichText(plainTextToDoc(normalizeText(String(form.get(name) ?? ''))))
  }
  return { ok: true, value: isEmptyDoc(value.doc) ? null : value }
}
