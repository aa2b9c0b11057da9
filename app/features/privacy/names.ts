import { before, isSentenceStart } from './context'
import { familyStrength, givenKind, isFamilyFromGivenName } from './name-lexicon'
import {
  institutionQuotes,
  PLACE_ABBREVIATIONS,
  PLACE_WORDS,
  PROTECTED_PHRASES,
  SCHOOL_ABBREVIATIONS,
} from './protected-names'
import { HONORIFICS, ROLE_WORDS_BG, ROLE_WORDS_EN, STOP_WORDS } from './stopwords'
import { finding, type PiiFinding } from './types'
import { scanWords } from './words'

type Kind = 'given' | 'ambiguous' | 'placeGiven' | 'family' | 'weakFamily' | 'initial' | 'unknown' | 'stop'

interface Token {
  start: number
  end: number
  key: string
  cap: boolean
  allCaps: boolean
  kind: Kind
}

const MAX_NAME_WORDS = 3
// Phrases that introduce a name the lexicon may not know (ѝ typed precomposed or as и + accent): "се казва Есин",
// "майка ѝ е Шукрие", "баща ѝ – Неджми", "named Olena".
const NAME_CUE = new RegExp(
  String.raw`(?:се казва|казва се|на име|с име|името (?:му|ѝ|ѝ|й) е|(?:майка|баща|брат|сестра|баба|дядо` +
    String.raw`|леля|чичо|вуйчо|син|дъщеря|братовчед(?:ка)?)(?:та|ът|то)?[ \u00A0]+(?:му|ѝ|ѝ|й|им|си)` +
    String.raw`(?:[ \u00A0]+е|[ \u00A0]*[–—:-])?|named|called|name is)[ \u00A0]+$`,
  'iu',
)

/** Personal names: given + family (+ patronymic), a lone given name, a family name, a name after a title or a role. */
export function findNames(text: string): PiiFinding[] {
  const tokens = tokenize(text)
  const quoted = institutionQuotes(text)
  const found: PiiFinding[] = []
  for (let i = 0; i < tokens.length;) {
    const length = nameLength(text, tokens, i)
    if (length === 0) {
      i++
      continue
    }
    const start = tokens[i].start
    const end = tokens[i + length - 1].end
    const inInstitution = quoted.some(([from, to]) => start >= from && end <= to)
    if (!inInstitution && !isProtected(tokens, i, i + length) && !isNamedAfter(text, tokens, i))
      found.push(finding('name', text, start, end))
    i += length
  }
  return found
}

function tokenize(text: string): Token[] {
  return scanWords(text).map(({ start, end }) => {
    const word = text.slice(start, end)
    const first = word[0]
    const cap = first !== first.toLowerCase()
    if (!cap) return { start, end, key: word, cap, allCaps: false, kind: 'stop' }
    const initial = word.length === 1 && text[end] === '.'
    const allCaps = word.length > 1 && word === word.toUpperCase()
    const key = word.toLowerCase()
    return {
      start,
      end: initial ? end + 1 : end,
      key,
      cap,
      allCaps,
      kind: initial ? 'initial' : classify(key, allCaps),
    }
  })
}

function classify(key: string, allCaps: boolean): Kind {
  const given = givenKind(key)
  if (STOP_WORDS.has(key)) return given === 'placeGiven' ? given : 'stop'
  if (allCaps && key.length < 3) return 'stop'
  if (given) return given
  const family = familyStrength(key)
  if (family) return family === 'strong' ? 'family' : 'weakFamily'
  // An unknown all-capitals word is an acronym (РУО, ДСП), not a name.
  return allCaps ? 'stop' : 'unknown'
}

// Number of tokens, starting at i, that form one name (0 if none starts here).
function nameLength(text: string, tokens: Token[], i: number): number {
  const t = tokens[i]
  if (t.kind === 'stop') return 0
  if (afterTitle(text, tokens, i)) return run(text, tokens, i, () => true)
  if (t.allCaps) {
    const n = run(text, tokens, i, (u) => u.allCaps && u.kind !== 'unknown')
    return n >= 2 ? n : 0
  }
  const sentenceStart = isSentenceStart(text, t.start)
  const familyAhead = (n: number) =>
    tokens.slice(i + 1, i + n).some((u) => u.kind === 'family' || u.kind === 'weakFamily')
  switch (t.kind) {
    case 'given':
    case 'ambiguous':
    case 'placeGiven':
    case 'initial': {
      const n = run(text, tokens, i, (u, pos) => pos === 1 || u.kind !== 'unknown')
      const withFamily = familyAhead(n)
      if (n >= 2 && (withFamily || t.kind === 'given' || (t.kind === 'ambiguous' && !sentenceStart))) return n
      if (t.kind === 'given') return 1
      return t.kind === 'ambiguous' && !sentenceStart ? 1 : 0
    }
    case 'family': {
      const n = run(text, tokens, i, (u) => u.kind !== 'unknown')
      // A lone capitalised "-ова" word opening a sentence is as often an adjective ("Групова работа") as a surname.
      return n === 1 && sentenceStart && !isFamilyFromGivenName(t.key) ? 0 : n
    }
    case 'unknown': {
      if (NAME_CUE.test(before(text, t.start, 40)))
        return run(text, tokens, i, (u, pos) => pos === 1 || u.kind !== 'unknown')
      if (sentenceStart) return 0
      // An unlisted given name in mid-sentence is recognised by the family name after it ("детето има брат Ферид
      // Асанов").
      const next = tokens[i + 1]
      if (!next || next.kind !== 'family' || !adjacent(text, t, next)) return 0
      return run(text, tokens, i, (u, pos) => pos === 1 || u.kind !== 'unknown')
    }
    default:
      return 0
  }
}

// Longest run (≤ 3 words) of adjacent capitalised non-stop tokens accepted by `accept`; never ends on an initial.
function run(text: string, tokens: Token[], i: number, accept: (t: Token, pos: number) => boolean): number {
  let n = 1
  while (n < MAX_NAME_WORDS && i + n < tokens.length) {
    const u = tokens[i + n]
    if (u.kind === 'stop' || !adjacent(text, tokens[i + n - 1], u) || !accept(u, n)) break
    n++
  }
  while (n > 1 && tokens[i + n - 1].kind === 'initial') n--
  return tokens[i + n - 1].kind === 'initial' ? 0 : n
}

function adjacent(text: string, a: Token, b: Token): boolean {
  const gap = b.start - a.end
  return gap >= 1 && gap <= 2 && /^[ \u00A0]+$/.test(text.slice(a.end, b.start))
}

// "г-жа Кънчева", "инсп. Стоянов", "детето Ферид", "майката, Олена Коваленко," "the boy Ali".
function afterTitle(text: string, tokens: Token[], i: number): boolean {
  const prev = tokens[i - 1]
  if (!prev) return false
  const gap = text.slice(prev.end, tokens[i].start)
  if (HONORIFICS.has(prev.key)) return /^\.?[ \u00A0]{1,2}$/.test(gap)
  const role = ROLE_WORDS_BG.has(prev.key) || (!prev.cap && ROLE_WORDS_EN.has(prev.key))
  return role && /^,?[ \u00A0]{1,2}$/.test(gap)
}

// Famous people and feasts (Христо Ботев, Баба Марта): tokens [from, to) lie inside one of the protected phrases.
function isProtected(tokens: Token[], from: number, to: number): boolean {
  for (let s = Math.max(0, from - 4); s <= from; s++) {
    for (const phrase of PROTECTED_PHRASES.get(tokens[s].key) ?? []) {
      if (s + phrase.length >= to && phrase.every((word, k) => tokens[s + k]?.key === word)) return true
    }
  }
  return false
}

// "ул. Цар Борис", "гр. Гоце Делчев", "Св. Иван Рилски", "СУ Христо Ботев", "ДГ № 45 Слънце": walks back over
// capitalised words.
function isNamedAfter(text: string, tokens: Token[], i: number): boolean {
  for (let j = i; j > 0 && i - j <= 3; j--) {
    const prev = tokens[j - 1]
    const gap = text.slice(prev.end, tokens[j].start)
    const word = text.slice(prev.start, prev.end)
    if (PLACE_ABBREVIATIONS.has(word) && /^\.[ \u00A0]*[„"“«]?$/.test(gap)) return true
    if (PLACE_WORDS.has(prev.key) && /^[ \u00A0]+[„"“«]?$/.test(gap)) return true
    if (
      SCHOOL_ABBREVIATIONS.has(word) &&
      /^[ \u00A0]*(?:№?[ \u00A0]*\d+[ \u00A0]*)?[„"“«]?[ \u00A0]*$/.test(gap) &&
      gap !== ''
    )
      return true
    if (!prev.cap || prev.kind === 'stop' || !/^[ \u00A0]{1,2}$/.test(gap)) return false
  }
  return false
}
