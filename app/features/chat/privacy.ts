import { checkText } from '../privacy/check'
import type { PiiFinding } from '../privacy/detector'

export interface Span {
  start: number
  end: number
}

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Where members are named as `@Full Name` (case-insensitive, longest names first, no overlaps): for highlighting. */
export function mentionSpans(
  body: string,
  members: readonly { userId: string; name: string }[],
): (Span & { userId: string })[] {
  const spans: (Span & { userId: string })[] = []
  for (const m of [...members].sort((a, b) => b.name.length - a.name.length)) {
    if (!m.name.trim()) continue
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])@${escapeRegExp(m.name)}(?![\\p{L}\\p{N}])`, 'giu')
    for (const match of body.matchAll(pattern)) {
      const span = { start: match.index, end: match.index + match[0].length, userId: m.userId }
      if (!spans.some((s) => s.start < span.end && span.start < s.end)) spans.push(span)
    }
  }
  return spans.sort((a, b) => a.start - b.start)
}

/**
 * The live check in the composer: personal data in a message, except @mentions of room members
 * (colleagues, not the people a case is about). The server decides by identity when it stores it.
 */
export function livePrivacyFindings(body: string, members: readonly { userId: string; name: string }[]): PiiFinding[] {
  const { text, findings } = checkText(body)
  const allowed = mentionSpans(text, members)
  return findings.filter((f) => !allowed.some((s) => f.start < s.end && s.start < f.end))
}
