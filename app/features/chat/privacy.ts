import { detectPii, type PiiFinding } from '../privacy/detector'

export interface Span {
  start: number
  end: number
}

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Where members are named as `@Full Name` (case-insensitive, longest names first, no overlaps). */
export function mentionSpans(body: string, members: readonly { userId: string; name: string }[]): (Span & { userId: string })[] {
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

/** Ids of the members a message mentions. */
export function findMentions(body: string, members: readonly { userId: string; name: string }[]): string[] {
  return [...new Set(mentionSpans(body, members).map((s) => s.userId))]
}

/**
 * The live check in the composer: personal data in a message, except @mentions of room members
 * (colleagues, not the people a case is about). The server runs the shared guard with the same spans.
 */
export function livePrivacyFindings(body: string, members: readonly { userId: string; name: string }[]): PiiFinding[] {
  const allowed = mentionSpans(body, members)
  return detectPii(body).filter((f) => !allowed.some((s) => f.start < s.end && s.start < f.end))
}
