import type { Locale } from '../../../db/schema/identity'
import type { RichTextDoc, RichTextNode } from '../richtext/document'

/** A practice address as staff paste it: `/practices/slug`, or the same on this site's full URL. */
const PRACTICE_PATH = /(?:^|[\s("'«„])(?:https?:\/\/[^\s/]+)?\/practices\/([a-z0-9][a-z0-9-]{0,99})(?![a-z0-9-])/g
const NOT_PRACTICES = new Set(['new'])

function collect(node: RichTextNode, out: Set<string>) {
  const texts = [
    node.type === 'text' ? node.text : undefined,
    node.type === 'link' || node.type === 'autolink' ? node.url : undefined,
  ]
  for (const text of texts) {
    if (typeof text !== 'string') continue
    for (const match of ` ${text}`.matchAll(PRACTICE_PATH)) if (!NOT_PRACTICES.has(match[1])) out.add(match[1])
  }
  for (const child of node.children ?? []) collect(child, out)
}

/** Slugs of the good practices a document links to, in order of first appearance. */
export function linkedPracticeSlugs(...docs: (RichTextDoc | null | undefined)[]): string[] {
  const out = new Set<string>()
  for (const doc of docs) if (doc) collect(doc.root, out)
  return [...out]
}

/** What a case page shows of a linked practice, as a card under the post. */
export interface PracticeCard {
  slug: string
  title: string
  summary: string
  language: Locale
  status: 'draft' | 'submitted' | 'published' | 'archived'
  usefulCount: number
}
