/**
 * The Streamlined System (official since 2009), letter by letter; `transliterations` adds "-ия" at the end of a word
 * → "ia", event slugs use the table as it is.
 */
export const OFFICIAL_LATIN: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'h',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'sht',
  ъ: 'a',
  ь: 'y',
  ю: 'yu',
  я: 'ya',
}

// Older and foreign-passport spellings people still use: Mariya, Dimitur, Nikolai, Khristo/Christo, Tzvetan, Alexandar,
// Jivko, Julia, Victoria.
const VARIANTS: ReadonlyArray<Readonly<Record<string, string>>> = [
  { ия$: 'iya' },
  { ъ: 'u' },
  { й: 'i' },
  { й: 'j' },
  { х: 'kh' },
  { х: 'ch' },
  { ц: 'tz' },
  { ц: 'c' },
  { я: 'ia', ю: 'iu' },
  { ж: 'j' },
  { кс: 'x' },
  { ия$: 'ija', я: 'ja', ю: 'ju' },
  { я: 'ja', ю: 'ju' },
  { к: 'c' },
]

/** Latin spellings of a lowercase Bulgarian word: the official one first, then common variants. */
export function transliterations(word: string): string[] {
  const out = new Set<string>([transliterate(word, {})])
  for (const variant of VARIANTS) out.add(transliterate(word, variant))
  return Array.from(out)
}

function transliterate(word: string, overrides: Readonly<Record<string, string>>): string {
  let rest = word.toLowerCase()
  let tail = ''
  const endIa = overrides['ия$'] ?? 'ia'
  if (rest.endsWith('ия')) {
    rest = rest.slice(0, -2)
    tail = endIa
  }
  let out = ''
  for (let i = 0; i < rest.length; i++) {
    const pair = rest.slice(i, i + 2)
    if (overrides[pair] !== undefined) {
      out += overrides[pair]
      i++
      continue
    }
    const ch = rest[i]
    out += overrides[ch] ?? OFFICIAL_LATIN[ch] ?? ch
  }
  return out + tail
}
