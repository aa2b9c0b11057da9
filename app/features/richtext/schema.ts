/**
 * The one document schema every write is validated against: the node types the editor makes and
 * the attributes each may carry. Anything else is refused (never silently dropped), so the guard
 * and the reader see the same document.
 */
import { z } from 'zod'

import {
  isSafeImageSrc,
  isSafeUrl,
  MAX_DEPTH,
  MAX_JSON_LENGTH,
  MAX_NODES,
  parseRichTextDoc,
  type RichTextDoc,
} from './document'

const MAX_TEXT = 100_000

const version = z.number().int().min(0).max(100).optional()
const text = z.string().max(MAX_TEXT)
const style = z.string().max(1_000).optional()
const element = {
  version,
  direction: z.enum(['ltr', 'rtl']).nullable().optional(),
  format: z
    .union([z.enum(['', 'left', 'start', 'center', 'right', 'end', 'justify']), z.number().int().min(0).max(10)])
    .optional(),
  indent: z.number().int().min(0).max(20).optional(),
  textFormat: z.number().int().min(0).optional(),
  textStyle: style,
}
const textAttributes = {
  version,
  format: z.number().int().min(0).max(2_047).optional(),
  detail: z.number().int().min(0).max(3).optional(),
  mode: z.enum(['normal', 'token', 'segmented']).optional(),
  style,
}

const TextNode = z.object({ type: z.literal('text'), text, ...textAttributes }).strict()
const LineBreakNode = z.object({ type: z.literal('linebreak'), version }).strict()
const TabNode = z.object({ type: z.literal('tab'), text: z.literal('\t').optional(), ...textAttributes }).strict()
const ImageNode = z
  .object({
    type: z.literal('image'),
    version,
    src: z.string().refine(isSafeImageSrc, 'richtext.error.image'),
    altText: z.string().max(300, 'errors.tooLong').optional(),
  })
  .strict()

const linkAttributes = {
  ...element,
  url: z.string().refine(isSafeUrl, 'richtext.error.link'),
  rel: z.string().max(100).nullable().optional(),
  target: z.string().max(20).nullable().optional(),
  title: z.string().max(300).nullable().optional(),
  children: z.array(z.discriminatedUnion('type', [TextNode, LineBreakNode, TabNode, ImageNode])),
}
const LinkNode = z.object({ type: z.literal('link'), ...linkAttributes }).strict()
const AutoLinkNode = z
  .object({ type: z.literal('autolink'), isUnlinked: z.boolean().optional(), ...linkAttributes })
  .strict()

const INLINE = [TextNode, LineBreakNode, TabNode, ImageNode, LinkNode, AutoLinkNode] as const
const inlineChildren = z.array(z.discriminatedUnion('type', [...INLINE]))

const ParagraphNode = z.object({ type: z.literal('paragraph'), ...element, children: inlineChildren }).strict()
const HeadingNode = z
  .object({
    type: z.literal('heading'),
    ...element,
    tag: z.enum(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']),
    children: inlineChildren,
  })
  .strict()
const QuoteNode = z.object({ type: z.literal('quote'), ...element, children: inlineChildren }).strict()

// A list holds list items only; an item holds inline content and nested lists.
const ListItemNode: z.ZodTypeAny = z.lazy(() =>
  z
    .object({
      type: z.literal('listitem'),
      ...element,
      value: z.number().int().optional(),
      children: z.array(z.discriminatedUnion('type', [...INLINE, ListNode])),
    })
    .strict(),
)
const ListNode = z
  .object({
    type: z.literal('list'),
    ...element,
    listType: z.enum(['bullet', 'number']),
    tag: z.enum(['ul', 'ol']).optional(),
    start: z.number().int().min(0).optional(),
    children: z.array(z.lazy(() => ListItemNode)),
  })
  .strict()

const RootNode = z
  .object({
    type: z.literal('root'),
    ...element,
    children: z.array(z.discriminatedUnion('type', [ParagraphNode, HeadingNode, QuoteNode, ListNode])),
  })
  .strict()
const DocumentSchema = z.object({ root: RootNode }).strict()

export type RichTextProblem = { key: string }
export type RichTextValidation = { ok: true; doc: RichTextDoc } | { ok: false; problem: RichTextProblem }

/** Counts nodes and depth before the schema runs, so a hostile document costs little. */
function withinLimits(value: unknown): boolean {
  let nodes = 0
  const walk = (node: unknown, depth: number): boolean => {
    if (depth > MAX_DEPTH + 1 || ++nodes > MAX_NODES) return false
    const children = (node as { children?: unknown })?.children
    return !Array.isArray(children) || children.every((c) => walk(c, depth + 1))
  }
  return walk((value as { root?: unknown })?.root, 0)
}

/** The first problem, in words a person can act on. */
function describe(error: z.ZodError): RichTextProblem {
  for (const issue of error.issues) {
    if (issue.message.startsWith('richtext.')) return { key: issue.message }
    if (issue.code === 'invalid_union_discriminator') return { key: 'richtext.error.nodeType' }
  }
  return { key: 'richtext.error.invalid' }
}

/**
 * Validates a submitted document (the editor's JSON, or a client's) against the schema; a valid one
 * comes back in its stored form (normalised texts, fixed link attributes).
 */
export function validateRichTextDoc(input: unknown): RichTextValidation {
  let value = input
  if (typeof input === 'string') {
    if (input.length > MAX_JSON_LENGTH) return { ok: false, problem: { key: 'richtext.error.tooLarge' } }
    try {
      value = JSON.parse(input)
    } catch {
      return { ok: false, problem: { key: 'richtext.error.invalid' } }
    }
  }
  if (!withinLimits(value)) return { ok: false, problem: { key: 'richtext.error.tooLarge' } }
  const result = DocumentSchema.safeParse(value)
  if (!result.success) return { ok: false, problem: describe(result.error) }
  const doc = parseRichTextDoc(result.data)
  return doc ? { ok: true, doc } : { ok: false, problem: { key: 'richtext.error.invalid' } }
}
