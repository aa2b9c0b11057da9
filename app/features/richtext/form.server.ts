import { docToPlainText, parseRichTextDoc, plainTextToDoc, type RichTextDoc } from './document'

/**
 * Reads a rich-text field: the editor's JSON (`<name>Json`) when JavaScript ran, otherwise the
 * plain textarea `<name>`. Returns null when the field is empty.
 */
export function readRichText(form: FormData, name: string): { doc: RichTextDoc; text: string } | null {
  const json = form.get(`${name}Json`)
  const fromEditor = typeof json === 'string' && json ? parseRichTextDoc(json) : null
  const doc = fromEditor ?? plainTextToDoc(String(form.get(name) ?? ''))
  const text = docToPlainText(doc)
  if (text.trim() === '' && !JSON.stringify(doc).includes('"image"')) return null
  return { doc, text }
}
