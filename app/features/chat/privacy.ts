import { detectPii, type PiiFinding } from '../privacy/detector'

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Ids of the members named as `@Full Name` in a message (case-insensitive, longest names first). */
export function findMentions(body: string, members: readonly { userId: string; name: string }[]): string[] {
  const found = new Set<string>()
  for (const m of [...members].sort((a, b) => b.name.length - a.name.length)) {
    if (!m.name.trim()) continue
    if (new RegExp(`(^|[^\\p{L}\\p{N}])@${escapeRegExp(m.name)}(?![\\p{L}\\p{N}])`, 'iu').test(body)) found.add(m.userId)
  }
  return [...found]
}

/**
 * Personal data in a chat message. Mentions of room members (`@Full Name`) are staff, not the
 * people a case is about, so they are blanked out (same length, offsets kept) before the check.
 */
export function messagePrivacyFindings(body: string, members: readonly { name: string }[]): PiiFinding[] {
  let masked = body
  for (const m of [...members].sort((a, b) => b.name.length - a.name.length)) {
    if (!m.name.trim()) continue
    masked = masked.replace(new RegExp(`@${escapeRegExp(m.name)}`, 'giu'), (whole) => ' '.repeat(whole.length))
  }
  return detectPii(masked).map((f) => ({ ...f, text: body.slice(f.start, f.end) }))
}
