import type { RichTextDoc, RichTextNode } from '../richtext/document'

const KEPT = ['tag', 'listType', 'url', 'src', 'altText'] as const

function compactNode(node: RichTextNode): RichTextNode {
  const out: RichTextNode = { type: node.type }
  if (typeof node.text === 'string') out.text = node.text
  if (typeof node.format === 'number' && node.format !== 0) out.format = node.format
  for (const key of KEPT)
    if (node[key] !== undefined && node[key] !== null) (out as Record<string, unknown>)[key] = node[key]
  if (node.children?.length) out.children = node.children.map(compactNode)
  return out
}

/**
 * What the reader's page needs of a stored document: the renderer's fields only (Lexical's editor
 * bookkeeping — version, direction, indent, mode, style — roughly halves the page data of a long thread).
 */
export function compactDoc(doc: RichTextDoc): RichTextDoc
export function compactDoc(doc: RichTextDoc | null): RichTextDoc | null
export function compactDoc(doc: RichTextDoc | null): RichTextDoc | null {
  return doc ? ({ root: compactNode(doc.root) } as RichTextDoc) : null
}
