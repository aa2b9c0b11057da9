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

/**
 * The first slug not `taken` of `base`, `base-2`, `base-3` … (`base` itself only when it is not `reserved`); after
 * 999 of them, one made from the clock (events, teams).
 */
export async function firstFreeSlug(
  base: string,
  reserved: ReadonlySet<string>,
  taken: (slug: string) => Promise<unknown>,
): Promise<string> {
  for (let n = 1; n < 1000; n++) {
    const candidate = n === 1 && !reserved.has(base) ? base : `${base}-${n}`
    if (!(await taken(candidate))) return candidate
  }
  return `${base}-${Date.now().toString(36)}`
}

/** Words the routes use after /events/ that an event may not take as its slug. */
export const RESERVED_SLUGS = new Set(['new', 'manage', 'api'])
