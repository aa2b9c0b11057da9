/**
 * The official Bulgarian transliteration (Закон за транслитерацията, 2009), for text a person reads in
 * Latin letters: page addresses (slugs). Search compares words in its own key (search/text.ts), which
 * this spelling and the informal ones both reach.
 */
const BG_TO_LATIN: Readonly<Record<string, string>> = {
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
  // Letters of neighbouring Cyrillic alphabets that turn up in pasted text.
  ё: 'yo',
  ы: 'y',
  э: 'e',
  є: 'ye',
  і: 'i',
  ї: 'yi',
  ѝ: 'i',
}

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu
const MARKS = /\p{M}/gu

/** One word in the official Latin spelling, lower case, without accents. */
export function transliterateWord(word: string): string {
  const lower = word.normalize('NFC').toLowerCase()
  let out = ''
  for (let i = 0; i < lower.length; i++) {
    const ch = lower[i]
    // The law's one contextual rule: "-ия" at the end of a word is written "ia" (България → Bulgaria).
    if (ch === 'и' && lower[i + 1] === 'я' && i + 2 === lower.length) {
      out += 'ia'
      i++
      continue
    }
    out += BG_TO_LATIN[ch] ?? ch
  }
  return out.normalize('NFD').replace(MARKS, '')
}

/** The words of a text in the official Latin spelling, in order. */
export function latinWords(text: string): string[] {
  return (text.match(WORD) ?? []).map(transliterateWord).filter((w) => w.length > 0)
}
