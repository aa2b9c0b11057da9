/**
 * Rich text is stored as Lexical's serialized editor state. This module is isomorphic: it
 * validates a document against a whitelist of node types, and converts to and from plain text.
 */

import type { RichTextDoc, RichTextNode } from '../../../db/schema/richtext'
import { normalizeText } from '../privacy/normalize'

export type { RichTextDoc, RichTextNode }

/** Text formats are Lexical's bit flags. */
export const TEXT_FORMAT = { bold: 1, italic: 2, strikethrough: 4, underline: 8, code: 16 } as const

const ELEMENT_TYPES = new Set(['root', 'paragraph', 'heading', 'quote', 'list', 'listitem', 'link', 'autolink'])
const LEAF_TYPES = new Set(['text', 'linebreak', 'tab', 'image'])
const HEADING_TAGS = new Set(['h2', 'h3', 'h4'])
const BLOCK_TYPES = new Set(['paragraph', 'heading', 'quote', 'list'])
export const MAX_NODES = 20_000
export const MAX_DEPTH = 12
export const MAX_JSON_LENGTH = 2_000_000

/** Only web, mail and site-relative links; never javascript: or data: URLs. */
export function isSafeUrl(url: unknown): url is string {
  if (typeof url !== 'string' || url.length > 2000) return false
  if (url.startsWith('/') && !url.startsWith('//')) return true
  return /^(https?:\/\/|mailto:)/i.test(url)
}

/** Images only from this site's uploads. */
export function isSafeImageSrc(src: unknown): src is string {
  return typeof src === 'string' && /^\/uploads\/[\w./-]+$/.test(src) && !src.includes('..')
}

function base(type: string): RichTextNode {
  return { type, version: 1 }
}

function elementBase(type: string): RichTextNode {
  return { ...base(type), direction: null, format: '', indent: 0, children: [] }
}

export function textNode(text: string, format = 0): RichTextNode {
  return { ...base('text'), text, format, detail: 0, mode: 'normal', style: '' }
}

export function paragraphNode(children: RichTextNode[]): RichTextNode {
  return { ...elementBase('paragraph'), children, textFormat: 0, textStyle: '' }
}

interface Budget {
  nodes: number
}

const text = (value: unknown) => (typeof value === 'string' ? normalizeText(value) : '')

function sanitizeNode(node: unknown, depth: number, budget: Budget): RichTextNode[] {
  if (!node || typeof node !== 'object' || depth > MAX_DEPTH || ++budget.nodes > MAX_NODES) return []
  const n = node as RichTextNode
  if (LEAF_TYPES.has(n.type)) {
    if (n.type === 'text')
      return typeof n.text === 'string'
        ? [textNode(text(n.text), typeof n.format === 'number' ? n.format & 31 : 0)]
        : []
    if (n.type === 'image')
      return isSafeImageSrc(n.src) ? [{ ...base('image'), src: n.src, altText: text(n.altText).slice(0, 300) }] : []
    return [base(n.type)]
  }
  const children = Array.isArray(n.children) ? n.children.flatMap((c) => sanitizeNode(c, depth + 1, budget)) : []
  if (!ELEMENT_TYPES.has(n.type)) return children // unknown wrappers dissolve into their content
  const out: RichTextNode = { ...elementBase(n.type), children }
  if (n.type === 'heading') out.tag = HEADING_TAGS.has(String(n.tag)) ? n.tag : 'h3'
  if (n.type === 'list') {
    out.listType = n.listType === 'number' ? 'number' : 'bullet'
    out.tag = out.listType === 'number' ? 'ol' : 'ul'
    out.start = 1
    // A list holds items only: anything else placed directly in it becomes an item of its own.
    out.children = children.map((c) =>
      c.type === 'listitem' ? c : { ...elementBase('listitem'), value: 1, children: [c] },
    )
  }
  if (n.type === 'listitem') out.value = typeof n.value === 'number' ? n.value : 1
  if (n.type === 'link' || n.type === 'autolink') {
    const url = text(n.url)
    if (!isSafeUrl(url)) return children
    out.url = url
    out.rel = 'noopener noreferrer'
    out.target = null
    out.title = null
  }
  return [out]
}

/**
 * A whitelisted copy of a document (unknown nodes dissolve, unsafe links and images go, texts are
 * normalised), or null when the value is not a document at all. For documents already stored and for
 * the editor's own output; a write validates with `validateRichTextDoc` (schema.ts) first.
 */
export function parseRichTextDoc(value: unknown): RichTextDoc | null {
  let parsed = value
  if (typeof value === 'string') {
    if (value.length > MAX_JSON_LENGTH) return null
    try {
      parsed = JSON.parse(value)
    } catch {
      return null
    }
  }
  const root = (parsed as { root?: RichTextNode } | null)?.root
  if (!root || root.type !== 'root' || !Array.isArray(root.children)) return null
  const budget = { nodes: 0 }
  const children = root.children.flatMap((c) => sanitizeNode(c, 1, budget))
  if (budget.nodes > MAX_NODES) return null
  // Top-level inline nodes are wrapped so the document stays valid for Lexical.
  const blocks = children.map((c) => (BLOCK_TYPES.has(c.type) ? c : paragraphNode([c])))
  return { root: { ...elementBase('root'), type: 'root', children: blocks } as RichTextDoc['root'] }
}

/** Paragraphs from blank-line-separated text; single newlines become line breaks. */
export function plainTextToDoc(text: string): RichTextDoc {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
  const children = paragraphs.map((p) =>
    paragraphNode(
      p.split('\n').flatMap((line, i) => (i === 0 ? [textNode(line)] : [base('linebreak'), textNode(line)])),
    ),
  )
  return { root: { ...elementBase('root'), type: 'root', children } as RichTextDoc['root'] }
}

function inlineText(node: RichTextNode): string {
  if (node.type === 'text') return node.text ?? ''
  if (node.type === 'linebreak') return '\n'
  if (node.type === 'tab') return '\t'
  if (node.type === 'image') return node.altText ? `[${node.altText}]` : ''
  return (node.children ?? []).map(inlineText).join('')
}

function blockText(node: RichTextNode): string {
  if (node.type !== 'list') return inlineText(node)
  return (node.children ?? [])
    .map((item, i) => {
      const parts = item.type === 'listitem' ? (item.children ?? []) : [item]
      const own = parts
        .filter((c) => c.type !== 'list')
        .map(inlineText)
        .join('')
      const nested = parts.filter((c) => c.type === 'list').map(blockText)
      const marker = node.listType === 'number' ? `${i + 1}.` : '-'
      return [own ? `${marker} ${own}` : '', ...nested].filter(Boolean).join('\n')
    })
    .join('\n')
}

/**
 * Plain text in render order (adjacent text nodes join as they render), blocks separated by blank lines: stored for
 * search and excerpts.
 */
export function docToPlainText(doc: RichTextDoc): string {
  return doc.root.children
    .map(blockText)
    .filter((t) => t.trim() !== '')
    .join('\n\n')
}

function collect(node: RichTextNode, out: { urls: string[]; alts: string[] }) {
  if ((node.type === 'link' || node.type === 'autolink') && typeof node.url === 'string') out.urls.push(node.url)
  if (node.type === 'image' && node.altText) out.alts.push(node.altText)
  for (const child of node.children ?? []) collect(child, out)
}

/**
 * Everything a reader of the document can see or follow, as the privacy guard checks it: the plain
 * text, then every link address and image description, each on its own line.
 */
export function docToGuardText(doc: RichTextDoc): string {
  const found = { urls: [] as string[], alts: [] as string[] }
  collect(doc.root, found)
  return [docToPlainText(doc), ...found.urls, ...found.alts].filter((t) => t.trim() !== '').join('\n\n')
}

/** A document with its stored plain text; the guard checks `docToGuardText(doc)`. */
export interface RichText {
  readonly doc: RichTextDoc
  readonly text: string
}

export const toRichText = (doc: RichTextDoc): RichText => ({ doc, text: docToPlainText(doc) })

export function isEmptyDoc(doc: RichTextDoc): boolean {
  return docToPlainText(doc).trim() === '' && !JSON.stringify(doc).includes('"image"')
}
