import { OFFICIAL_LATIN } from '../privacy/transliterate'

// The Streamlined System, enough for URLs.
const LATIN: Readonly<Record<string, string>> = { ...OFFICIAL_LATIN, '№': ' ' }

/**
 * A readable URL slug from a title in Bulgarian or English: «Ден на отворените врати» → den-na-otvorenite-vrati
 * (events, teams); `fallback` when nothing readable is left.
 */
export function slugify(title: string, fallback = 'event'): string {
  // Cyrillic first: NFKD would split й into и + breve.
  const latin = Array.from(title.toLowerCase())
    .map((ch) => LATIN[ch] ?? ch)
    .join('')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
  const slug = latin
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '')
  return slug || fallback
}

/** Words the routes use after /events/ that an event may not take as its slug. */
export const RESERVED_SLUGS = new Set(['new', 'manage', 'api'])
