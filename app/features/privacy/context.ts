/** The text in the `size` characters before `index`. */
export function before(text: string, index: number, size: number): string {
  return text.slice(Math.max(0, index - size), index)
}

/** Last match of a global regex inside `slice`, or null. */
export function lastMatch(slice: string, globalRe: RegExp): RegExpExecArray | null {
  globalRe.lastIndex = 0
  let last: RegExpExecArray | null = null
  for (let m = globalRe.exec(slice); m !== null; m = globalRe.exec(slice)) {
    last = m
    if (m[0] === '') globalRe.lastIndex++
  }
  return last
}

const SENTENCE_OPENERS = new Set([
  '.',
  '!',
  '?',
  '…',
  '\n',
  '\r',
  '"',
  '„',
  '“',
  '«',
  '(',
  '[',
  '—',
  '–',
  '-',
  ':',
  '•',
  '*',
])

/** True when the word at `index` opens a sentence, a line, a quotation or a bullet — where capitals prove nothing. */
export function isSentenceStart(text: string, index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const ch = text[i]
    if (ch === ' ' || ch === '\t' || ch === '\u00A0') continue
    return SENTENCE_OPENERS.has(ch)
  }
  return true
}

// A full stop that ends a sentence, not an abbreviation ("гр. Плевен", "ул. Опълченска", "Dr. Smith").
const SENTENCE_BREAK = /(?<!(?:^|[\s(])(?:гр|с|ул|бул|кв|св|Св|р|д|г|ж\.к|St|Dr|Mr|Mrs|Ms))[.!?]\s+\p{Lu}|[;\n]/u

/** True when `gap` (text between two words) runs across a sentence, a semicolon or a line break. */
export function crossesSentence(gap: string): boolean {
  return SENTENCE_BREAK.test(gap)
}
