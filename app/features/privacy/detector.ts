import { findAddresses } from './address'
import { findBirthdates } from './birthdate'
import { findEmails } from './email'
import { findIdNumbers } from './id-numbers'
import { findNames } from './names'
import { findPhones } from './phone'
import { PII_PLACEHOLDERS, type PiiFinding, type PiiType } from './types'
import { findProfileUrls } from './url'

export { PII_PLACEHOLDERS, PII_TYPES, type PiiFinding, type PiiType } from './types'
export { isValidEgn } from './egn'
export { isValidLnch } from './lnch'

const FINDERS: ReadonlyArray<(text: string) => PiiFinding[]> = [
  findIdNumbers,
  findEmails,
  findProfileUrls,
  findPhones,
  findBirthdates,
  findAddresses,
  findNames,
]

// Checksummed and structural matches beat pattern matches, which beat lexicon guesses.
const SPECIFICITY: Readonly<Record<PiiType, number>> = { egn: 7, lnch: 7, email: 6, url: 6, phone: 5, birthdate: 4, address: 3, name: 1 }

/** All personal data in `text`, sorted by start and non-overlapping. */
export function detectPii(text: string): PiiFinding[] {
  const candidates = FINDERS.flatMap((find) => find(text))
  return resolveOverlaps(candidates)
}

/** Keeps, of overlapping findings, the more specific one (then the longer one). */
export function resolveOverlaps(candidates: readonly PiiFinding[]): PiiFinding[] {
  const ranked = candidates
    .slice()
    .sort((a, b) => SPECIFICITY[b.type] - SPECIFICITY[a.type] || b.end - b.start - (a.end - a.start) || a.start - b.start)
  const kept: PiiFinding[] = []
  for (const c of ranked) {
    if (c.end > c.start && !kept.some((k) => c.start < k.end && k.start < c.end)) kept.push(c)
  }
  return kept.sort((a, b) => a.start - b.start)
}

/** `text` with every finding replaced by its placeholder ([ЕГН], [ТЕЛЕФОН], [ИМЕ], …). */
export function redactPii(text: string, findings: readonly PiiFinding[] = detectPii(text)): string {
  let out = ''
  let at = 0
  for (const f of resolveOverlaps(findings)) {
    out += text.slice(at, f.start) + PII_PLACEHOLDERS[f.type]
    at = f.end
  }
  return out + text.slice(at)
}
