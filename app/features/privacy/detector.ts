import { findAddresses } from './address'
import { findBirthdates } from './birthdate'
import { findEmails } from './email'
import { findIdNumbers } from './id-numbers'
import { findNames } from './names'
import { findPhones } from './phone'
import { PII_PLACEHOLDERS, type PiiFinding, type PiiType } from './types'
import { findProfileUrls } from './url'
import { findInUrls } from './url-parts'

export { PII_PLACEHOLDERS, PII_TYPES, type PiiFinding, type PiiType } from './types'
export { isValidEgn } from './egn'
export { isValidLnch } from './lnch'

const FINDERS: ReadonlyArray<(text: string) => PiiFinding[]> = [
  findIdNumbers,
  findEmails,
  findProfileUrls,
  findInUrls,
  findPhones,
  findBirthdates,
  findAddresses,
  findNames,
]

// Checksummed and structural matches beat pattern matches, which beat lexicon guesses.
const SPECIFICITY: Readonly<Record<PiiType, number>> = {
  egn: 7,
  lnch: 7,
  email: 6,
  url: 6,
  phone: 5,
  birthdate: 4,
  address: 3,
  name: 1,
}

/** All personal data in `text`, sorted by start and non-overlapping. */
export function detectPii(text: string): PiiFinding[] {
  const candidates = FINDERS.flatMap((find) => find(text))
  return resolveOverlaps(candidates)
}

/** Keeps, of overlapping findings, the more specific one (then the longer one). */
export function resolveOverlaps(candidates: readonly PiiFinding[]): PiiFinding[] {
  const ranked = candidates
    .slice()
    .sort(
      (a, b) => SPECIFICITY[b.type] - SPECIFICITY[a.type] || b.end - b.start - (a.end - a.start) || a.start - b.start,
    )
  // Kept findings never overlap, so sorted by start only the neighbours of a candidate can collide with it.
  const kept: PiiFinding[] = []
  for (const c of ranked) {
    if (c.end <= c.start) continue
    let lo = 0
    for (let hi = kept.length; lo < hi;) {
      const mid = (lo + hi) >> 1
      if (kept[mid].start < c.start) lo = mid + 1
      else hi = mid
    }
    if ((lo > 0 && kept[lo - 1].end > c.start) || (lo < kept.length && kept[lo].start < c.end)) continue
    kept.splice(lo, 0, c)
  }
  return kept
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
