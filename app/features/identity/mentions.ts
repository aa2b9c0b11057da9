/**
 * Mentions by identity. A mention is stored as a token naming a user id (`@{<uuid>}`), never as the
 * name: pages show the person's current name, and only a token — a real, approved colleague — is
 * exempt from the privacy guard. People type `@First Last` (or pick a name); the server turns each
 * typed name that belongs to a colleague into a token. Isomorphic.
 */
import type { RichTextDoc, RichTextNode } from '../richtext/document'
import { isDisplayName } from './display-name'

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
/** A stored mention. */
export const MENTION_TOKEN = new RegExp(`@\\{(${UUID})\\}`, 'g')
/**
 * A typed mention: @ followed by one to three capitalised words, hyphenated ones too ("@Елена Петкова", "@Анна
 * Кирова-Бенова").
 */
export const TYPED_MENTION = new RegExp(
  String.raw`@(\p{Lu}[\p{Ll}\p{M}'’]*(?:-\p{L}[\p{Ll}\p{M}'’]*)*(?:[ \u00A0]\p{Lu}[\p{Ll}\p{M}'’]*` +
    String.raw`(?:-\p{L}[\p{Ll}\p{M}'’]*)*){0,2})`,
  'gu',
)

export const mentionToken = (userId: string) => `@{${userId}}`

export interface Mentionable {
  id: string
  name: string
}

const key = (name: string) => name.toLocaleLowerCase('bg')
const prefixes = (words: string[]) => words.map((_, i) => words.slice(0, i + 1).join(' '))

/** Where typed @mentions could be, for the live check in the browser (the server decides which are real). */
export function typedMentionSpans(text: string): { start: number; end: number }[] {
  return [...text.matchAll(TYPED_MENTION)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }))
}

/** Every typed name that could be a mention ("@Елена Петкова Иванова" → "елена", "елена петкова", …), lower-cased. */
export function typedMentionNames(text: string): string[] {
  return [...new Set([...text.matchAll(TYPED_MENTION)].flatMap((m) => prefixes(m[1].split(/[ \u00A0]/)).map(key)))]
}

/** User ids of the tokens in a text. */
export function mentionTokenIds(text: string): string[] {
  return [...new Set([...text.matchAll(MENTION_TOKEN)].map((m) => m[1]))]
}

export interface Tokenized {
  text: string
  /** The people mentioned (tokens kept and names turned into tokens). */
  userIds: string[]
}

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Turns typed @names of the given people into tokens (case-insensitive, whole names, the longest
 * name first; of two people with one name, the first listed), keeps tokens of the given people and
 * drops any other token.
 */
export function tokenizeMentions(text: string, people: readonly Mentionable[]): Tokenized {
  const known = new Set(people.map((p) => p.id))
  const ids = new Set<string>()
  let out = text.replace(MENTION_TOKEN, (token, id: string) => (known.has(id) ? (ids.add(id), token) : ''))
  const seen = new Set<string>()
  const byLength = [...people].filter((p) => p.name.trim()).sort((a, b) => b.name.length - a.name.length)
  for (const person of byLength) {
    if (seen.has(key(person.name))) continue
    seen.add(key(person.name))
    const typed = new RegExp(
      `(?<![\\p{L}\\p{N}])@${escapeRegExp(person.name).replace(/ /g, '[ \\u00A0]')}(?![\\p{L}\\p{N}])`,
      'giu',
    )
    out = out.replace(typed, () => (ids.add(person.id), mentionToken(person.id)))
  }
  return { text: out, userIds: [...ids] }
}

/** A text as people read it: each token becomes @ and the person's current name. */
export function renderMentions(text: string, names: ReadonlyMap<string, string>, unknown = '?'): string {
  return text.replace(MENTION_TOKEN, (_, id: string) => `@${names.get(id) ?? unknown}`)
}

/**
 * The text as people read it, and where each mention stands in it (a name that breaks the display-name rule is no
 * exempt span).
 */
export function renderMentionSpans(
  text: string,
  names: ReadonlyMap<string, string>,
  unknown = '?',
): { text: string; spans: { start: number; end: number }[] } {
  const spans: { start: number; end: number }[] = []
  let out = ''
  let at = 0
  for (const m of text.matchAll(MENTION_TOKEN)) {
    out += text.slice(at, m.index)
    const name = names.get(m[1])
    const shown = `@${name ?? unknown}`
    if (name === undefined || isDisplayName(name)) spans.push({ start: out.length, end: out.length + shown.length })
    out += shown
    at = m.index + m[0].length
  }
  return { text: out + text.slice(at), spans }
}

function mapNode(node: RichTextNode, map: (text: string) => string): RichTextNode {
  if (node.type === 'text' && typeof node.text === 'string') return { ...node, text: map(node.text) }
  return node.children ? { ...node, children: node.children.map((c) => mapNode(c, map)) } : node
}

/** The same change applied to every text node of a document. */
export function mapDocTexts<D extends RichTextDoc>(doc: D, map: (text: string) => string): D {
  return { ...doc, root: mapNode(doc.root, map) } as D
}

/** Token ids of every text node of a document. */
export function docMentionIds(doc: RichTextDoc): string[] {
  const ids = new Set<string>()
  mapDocTexts(doc, (text) => {
    for (const id of mentionTokenIds(text)) ids.add(id)
    return text
  })
  return [...ids]
}
