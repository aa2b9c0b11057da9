// One pass over UTF-16 code units; several times faster than matchAll with a Unicode word regex.
const OTHER_LETTER = /\p{L}/u

export function isLetterCode(c: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)
  if (c >= 0x400 && c <= 0x4ff) return true // Cyrillic, incl. ѝ
  if (c >= 0xc0 && c <= 0x24f) return c !== 0xd7 && c !== 0xf7
  return OTHER_LETTER.test(String.fromCharCode(c))
}

const isMark = (c: number) => c >= 0x300 && c <= 0x36f
const isApostrophe = (c: number) => c === 0x27 || c === 0x2019

export interface WordSpan {
  start: number
  end: number
}

/**
 * Words: a letter, then letters, combining marks and apostrophes; a hyphen joins two words ("Иванова-Петрова", "г-жа").
 */
export function scanWords(text: string): WordSpan[] {
  const words: WordSpan[] = []
  const n = text.length
  let i = 0
  while (i < n) {
    if (!isLetterCode(text.charCodeAt(i))) {
      i++
      continue
    }
    const start = i++
    while (i < n) {
      const c = text.charCodeAt(i)
      if (isLetterCode(c) || isMark(c) || isApostrophe(c)) i++
      else if (c === 0x2d && i + 1 < n && isLetterCode(text.charCodeAt(i + 1))) i += 2
      else break
    }
    words.push({ start, end: i })
  }
  return words
}
