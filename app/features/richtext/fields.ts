import { z } from 'zod'

import { normalizeText } from '../privacy/normalize'
import { isEmptyDoc, plainTextToDoc, toRichText, type RichText } from './document'
import { validateRichTextDoc } from './schema'

export interface RichTextRule {
  required?: boolean
  /** Most characters of plain text. */
  max?: number
}

type RichTextValues<R> = { [K in keyof R]: R[K] extends { required: true } ? RichText : RichText | null }

/**
 * The editor's JSON when JavaScript ran, otherwise the plain textarea; a document that fails the schema is refused,
 * never replaced.
 */
function readRichText(plain: unknown, json: unknown) {
  if (typeof json === 'string' && json.trim()) {
    const valid = validateRichTextDoc(json)
    if (!valid.ok) return valid
    return { ok: true as const, value: toRichText(valid.doc) }
  }
  return { ok: true as const, value: toRichText(plainTextToDoc(normalizeText(typeof plain === 'string' ? plain : ''))) }
}

/**
 * The rich-text fields of a form schema, each read from `<name>Json` or `<name>`; an empty one is
 * null. Combine with the plain fields, `Fields.and(richTextFields({ description: { required: true } }))`,
 * so that the errors of both come back together.
 */
export function richTextFields<R extends Record<string, RichTextRule>>(rules: R) {
  return z.record(z.unknown()).transform((raw, ctx) => {
    const values: Record<string, RichText | null> = {}
    for (const [name, rule] of Object.entries(rules)) {
      const read = readRichText(raw[name], raw[`${name}Json`])
      const value = read.ok && !isEmptyDoc(read.value.doc) ? read.value : null
      const problem = !read.ok
        ? read.problem.key
        : !value
          ? rule.required
            ? 'errors.required'
            : null
          : rule.max && value.text.length > rule.max
            ? 'errors.tooLong'
            : null
      if (problem) ctx.addIssue({ code: 'custom', path: [name], message: problem })
      values[name] = value
    }
    return values as RichTextValues<R>
  })
}
