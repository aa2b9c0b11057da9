/**
 * The stored shape of rich text: Lexical's serialized editor state (app/features/richtext/document.ts validates and
 * converts it).
 */
export interface RichTextNode {
  type: string
  version?: number
  children?: RichTextNode[]
  text?: string
  format?: number | string
  tag?: string
  listType?: 'bullet' | 'number' | 'check'
  url?: string
  src?: string
  altText?: string
  [key: string]: unknown
}

export interface RichTextDoc {
  root: RichTextNode & { type: 'root'; children: RichTextNode[] }
}
