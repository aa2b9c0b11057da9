/**
 * Markup rendered once and kept by the inputs it was rendered from (a case page's replies: issue #17, decision 0014),
 * so that a page many people open renders only what differs per viewer. A kept copy is served only for the very
 * input it was rendered from (compared field by field), so it can never be shown for changed data; what it holds is
 * bounded by count and age, and every form post this process answers drops it all (a hidden or redacted post's text
 * does not stay in memory after the post that changed it).
 */
const MAX_FRAGMENTS = 5_000
const LIFETIME_MS = 10 * 60_000

interface Kept {
  input: unknown
  html: string
  until: number
}

/** One store per process (server.ts drops it from its own copy of this module, the pages fill it from the build's). */
const STORE = Symbol.for('iwb.fragments')
const processWide = globalThis as typeof globalThis & { [STORE]?: Map<string, Kept> }
const kept: Map<string, Kept> = (processWide[STORE] ??= new Map())

/**
 * The same string, flat: React builds markup by concatenation, a rope of many pieces that every page joining the
 * kept copy would walk again. Converting a string to a number makes V8 flatten it in place (the `flatstr` idiom).
 */
function flat(text: string): string {
  Number(text)
  return text
}

/** Whether two inputs hold the same data: primitives, dates, arrays and plain objects, compared all the way down. */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime()
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const aKeys = Object.keys(a)
  if (aKeys.length !== Object.keys(b).length) return false
  for (const key of aKeys) {
    if (!Object.hasOwn(b, key)) return false
    if (!sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false
  }
  return true
}

/**
 * The markup kept under `key` when it was rendered from the same `input`, else `render(input)`'s, kept in its place.
 * `key` names the slot (a reply, for one language and one set of buttons); the most recently used are kept longest.
 */
export function keptFragment<T>(key: string, input: T, render: (input: T) => string): string {
  const now = Date.now()
  const found = kept.get(key)
  kept.delete(key)
  if (found && found.until > now && sameData(input, found.input)) {
    kept.set(key, found)
    return found.html
  }
  const html = flat(render(input))
  if (kept.size >= MAX_FRAGMENTS) kept.delete(kept.keys().next().value as string)
  kept.set(key, { input, html, until: now + LIFETIME_MS })
  return html
}

/** Drops every kept fragment (a form post was answered). */
export function forgetFragments() {
  kept.clear()
}

/** How many fragments are kept (for tests). */
export const keptFragmentCount = () => kept.size
