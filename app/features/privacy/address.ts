import { before, crossesSentence, lastMatch } from './context'
import { finding, type PiiFinding } from './types'
import { isLetterCode } from './words'

const SP = String.raw`[ \u00A0]`
// Street-level keywords are followed by a name; unit keywords (block, entrance, floor, flat) by a number or a letter.
// A neighbourhood (ж.к., кв.) is home to thousands: on its own, or with its number ("Младост 1"), it is a public place.
const AREA_KW = String.raw`ж\.${SP}?к\.?|жк(?=\.|${SP})|квартал|кв\.|кв(?=${SP})|zh\.?${SP}?k\.|zhk(?=${SP})|kv\.`
const STREET_KW =
  String.raw`(?:улица|ул\.|ул(?=${SP})|булевард|бул\.|бул(?=${SP})|площад|пл\.|${AREA_KW}|ulitsa|ul\.|bul\.` +
  String.raw`|blvd\.?|str\.)`
const UNIT_KW =
  String.raw`(?:блок|бл|вход|вх|етаж|ет|апартамент|ап|block|bl|entrance|entr|floor|fl|apt|app|ap)(?:\.${SP}*` +
  String.raw`|${SP}+)`
const UNIT_VALUE = String.raw`(?:[1-9]\d{0,3}[\p{L}]?|[\p{L}])(?![\p{L}\p{N}\/])(?![.,]\d)`

// No lookbehind here: irregexp scans faster without one, and the preceding character is checked in code.
const TRIGGER = new RegExp(`${STREET_KW}|${UNIT_KW}${UNIT_VALUE}`, 'giu')
const STREET_AT = new RegExp(STREET_KW, 'iuy')
const AREA_AT = new RegExp(`(?:${AREA_KW})`, 'iuy')
const UNIT_AT = new RegExp(String.raw`(?:${SP}*,${SP}*|${SP}+|)(?<![\p{L}\p{N}])${UNIT_KW}${UNIT_VALUE}`, 'iuy')
const NEXT_STREET_AT = new RegExp(String.raw`${SP}*,${SP}*(?=${STREET_KW})`, 'iuy')

const MONTHS = 'януари|февруари|март|април|май|юни|юли|август|септември|октомври|ноември|декември'
const QUOTED_NAME = new RegExp(String.raw`${SP}*[„"“«'‘][^„"“”«»\n]{1,60}?[“"”»'’]`, 'uy')
const NAME_WORD = new RegExp(
  String.raw`${SP}*(?:\p{Lu}[\p{L}'’-]*\.?|\d{1,2}-?(?:ти|ви|ри|ми|th|st|nd|rd)(?:${SP}+(?:${MONTHS}))?)(?![\p{N}])`,
  'uy',
)
// Lower-case nouns that end many street and district names: "бул. Цариградско шосе", "ул. Средна гора", "ж.к. Овча
// купел".
const GEO_WORD = new RegExp(
  String.raw`${SP}+(?:шосе|проход|гора|поле|планина|река|връх|езеро|вода|извор|поляна|ливади|път|купел|село` +
    String.raw`|жилища|фабрика|shose|prohod|gora|pole|planina|reka|kupel|selo)(?![\p{L}])`,
  'iuy',
)
const NAME_LINK = new RegExp(String.raw`${SP}+(?:[IVX]{1,4}(?![\p{L}])|(?:и|and)(?=${SP}+\p{Lu}))`, 'uy')
// Numbered streets of the outskirts: "ул. 7, № 12", "ул. 101".
const NUMBERED_STREET = new RegExp(String.raw`${SP}*[1-9]\d{0,2}(?![\p{L}\p{N}]|[.,]\d|${SP}?\d)`, 'uy')
const LOWERCASE_NAME = new RegExp(String.raw`${SP}*\p{Ll}[\p{L}-]{2,}(?=${SP}*(?:№${SP}*)?[1-9])`, 'uy')
// "12", "12А", "12-14", "№ 5", ", No 5"; never a phone ("0888…") and never a lone figure before another digit group.
const HOUSE_NUMBER = new RegExp(
  String.raw`(?:${SP}*,?${SP}*(?:№|No\.?|номер)${SP}*|${SP}+)[1-9]\d{0,3}(?:${SP}?[-\/]${SP}?\d{1,4})?` +
    String.raw`(?:-?\p{L}(?![\p{L}])|${SP}\p{Lu}(?![\p{L}\p{N}]))?(?![\p{N}])(?![.,]\d)(?!${SP}?\d)`,
  'uy',
)
// English order: "12 Opalchenska Street", "Vitosha Blvd 45", "221B Baker Street" — found from the keyword backwards.
// "St." before a capitalised word is a saint ("St. Kliment Ohridski"), not a street.
const ENGLISH_SUFFIX = new RegExp(
  String.raw`(?:Street|Str\.|str\.|St\.(?![ \u00A0]*\p{Lu})|Blvd\.?|Boulevard|Avenue|Ave\.|Road|Rd\.|Lane` +
    String.raw`|Square|Sq\.)(?![\p{L}])`,
  'gu',
)
const ENGLISH_LEAD = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:[1-9]\d{0,3}[A-Za-z]?,?${SP}+)?(?:[A-Z][\p{L}'’-]*\.?${SP}+){1,3}$`,
  'u',
)
const ENGLISH_NUMBER = new RegExp(String.raw`,?${SP}*(?:No\.?${SP}*)?[1-9]\d{0,3}[A-Za-z]?(?![\p{L}\p{N}])`, 'uy')

// Words saying that someone lives there: a street without a house number is personal only in such a sentence.
const RESIDENCE_BEFORE = new RegExp(
  String.raw`(?<![\p{L}])(?:жив(?:ее|еят|еем|еете|ееш|ееше|ееха|ял|яла|яло|яли|ели|ущ\p{L}*)|адрес\p{L}*` +
    String.raw`|местоживеене|пребивава\p{L}*|обитава\p{L}*|настанен\p{L}*|премест\p{L}*|нанес\p{L}*` +
    String.raw`|квартира\p{L}*|(?:къщата|домът|жилището)(?:${SP}+(?:им|му|ѝ|й|си))?|lives?|living|resid\p{L}*` +
    String.raw`|address\p{L}*|moved|home)(?![\p{L}])`,
  'giu',
)
const RESIDENCE_AFTER = new RegExp(
  String.raw`^[^.!?;\n]{0,30}?(?:където|where)${SP}+(?:\p{L}+${SP}+){0,2}?(?:жив(?:ее|еят|еем|ееше|ееха|ял` +
    String.raw`|яла|яли)|lives?|lived)(?![\p{L}])`,
  'iu',
)
const RESIDENCE_WINDOW = 60

// Without a keyword a street is still an address in "живеят на Пиротска 5": a verb of living, "на", a name and a house
// number.
const ON_NAME = new RegExp(String.raw`${SP}на${SP}+(?=[„"“«\p{Lu}])`, 'gu')
const LIVES_ON = new RegExp(
  String.raw`(?<![\p{L}])(?:живе(?:е|ят|ем|еш|ете|еше|еха)|живял[аио]?|живели|преместил[аио]?|преместиха` +
    String.raw`|нанесл[аио]?|нанесоха)(?:${SP}+(?:се|са|е|сме|сте|вече|сега|сами|временно|постоянно` +
    String.raw`|отскоро))*$`,
  'iu',
)
// "живее на Кипър 3 години" counts time, not houses.
const QUANTITY_AFTER = new RegExp(String.raw`^${SP}*(?:год|г\.|месе|седм|ден|дни|час|км|лв|%)`, 'iu')

interface Reach {
  end: number
  /** A house number or a block/entrance/floor/flat: an address whatever the sentence says. */
  numbered: boolean
  /** A street, square or boulevard (not only a neighbourhood): personal in a sentence about where someone lives. */
  street: boolean
}

/** Personal addresses: the whole run from the street (or block) keyword to the flat number. */
export function findAddresses(text: string): PiiFinding[] {
  const runs: Array<Reach & { start: number }> = []
  for (const m of text.matchAll(ENGLISH_SUFFIX)) {
    const preceding = text.slice(Math.max(0, m.index - 60), m.index)
    const lead = ENGLISH_LEAD.exec(preceding)
    if (!lead) continue
    const keywordEnd = m.index + m[0].length
    const numbered = stickyEnd(ENGLISH_NUMBER, text, keywordEnd)
    const street = {
      end: numbered < 0 ? keywordEnd : numbered,
      numbered: numbered >= 0 || /^[1-9]/.test(lead[0]),
      street: true,
    }
    runs.push({ start: m.index - preceding.length + lead.index, ...units(text, street) })
  }
  for (const m of text.matchAll(ON_NAME)) {
    const start = m.index + m[0].length
    if (runs.some((r) => start >= r.start && start < r.end) || !LIVES_ON.test(before(text, m.index, 40))) continue
    const named = streetName(text, start)
    const numbered = named < 0 ? -1 : stickyEnd(HOUSE_NUMBER, text, named)
    if (numbered < 0 || QUANTITY_AFTER.test(text.slice(numbered, numbered + 12))) continue
    runs.push({ start, ...units(text, { end: numbered, numbered: true, street: true }) })
  }
  for (const m of text.matchAll(TRIGGER)) {
    if (m.index > 0 && isWordCode(text.charCodeAt(m.index - 1))) continue
    if (runs.some((r) => m.index >= r.start && m.index < r.end)) continue
    const first = component(text, m.index)
    if (first) runs.push({ start: m.index, ...units(text, first) })
  }
  return runs
    .filter((r) => r.numbered || (r.street && livesThere(text, r.start, r.end)))
    .map((r) => finding('address', text, r.start, trimEnd(text, r.start, r.end)))
    .sort((a, b) => a.start - b.start)
}

const isWordCode = (c: number) => isLetterCode(c) || (c >= 0x30 && c <= 0x39)

function livesThere(text: string, start: number, end: number): boolean {
  const preceding = before(text, start, RESIDENCE_WINDOW)
  const word = lastMatch(preceding, RESIDENCE_BEFORE)
  if (word && !crossesSentence(preceding.slice(word.index + word[0].length))) return true
  return RESIDENCE_AFTER.test(text.slice(end, end + 50))
}

// One street-level or unit-level component starting exactly at `pos`, or null.
function component(text: string, pos: number): Reach | null {
  const street = stickyEnd(STREET_AT, text, pos)
  if (street < 0) {
    const unit = stickyEnd(UNIT_AT, text, pos)
    return unit < 0 ? null : { end: unit, numbered: true, street: false }
  }
  const named = streetName(text, street)
  if (named < 0) return null
  const numbered = stickyEnd(HOUSE_NUMBER, text, named)
  // "ж.к. Младост 1" numbers the neighbourhood, not a house.
  if (stickyEnd(AREA_AT, text, pos) >= 0) return { end: Math.max(named, numbered), numbered: false, street: false }
  return numbered < 0 ? { end: named, numbered: false, street: true } : { end: numbered, numbered: true, street: true }
}

function streetName(text: string, pos: number): number {
  const quoted = stickyEnd(QUOTED_NAME, text, pos)
  if (quoted >= 0) return quoted
  let end = -1
  for (let words = 0, at = pos; words < 5; words++) {
    let word = stickyEnd(NAME_WORD, text, at)
    if (word < 0 && words > 0) word = stickyEnd(GEO_WORD, text, at)
    if (word < 0) break
    end = word
    const link = stickyEnd(NAME_LINK, text, end)
    at = link >= 0 ? link : end
    // A regnal numeral ends the name ("Цар Борис III"); "и" only counts once a word follows it.
    if (link >= 0 && /[IVX]$/.test(text.slice(end, link))) end = link
  }
  if (end >= 0) return end
  const lowercase = stickyEnd(LOWERCASE_NAME, text, pos)
  return lowercase >= 0 ? lowercase : stickyEnd(NUMBERED_STREET, text, pos)
}

// Block, entrance, floor, flat and further street-level parts that continue the address.
function units(text: string, first: Reach): Reach {
  const run = { ...first }
  for (;;) {
    const unit = stickyEnd(UNIT_AT, text, run.end)
    if (unit >= 0) {
      run.end = unit
      run.numbered = true
      continue
    }
    const comma = stickyEnd(NEXT_STREET_AT, text, run.end)
    const next = comma >= 0 ? component(text, comma) : null
    if (!next) return run
    run.end = next.end
    run.numbered ||= next.numbered
    run.street ||= next.street
  }
}

function stickyEnd(re: RegExp, text: string, pos: number): number {
  re.lastIndex = pos
  const m = re.exec(text)
  return m ? pos + m[0].length : -1
}

// Drop a sentence-final full stop after a word ("ул. Опълченска.") but keep abbreviation dots ("Г.", "ап. 9").
function trimEnd(text: string, start: number, end: number): number {
  let e = end
  while (e > start && /[\s,;:]/.test(text[e - 1])) e--
  if (text[e - 1] === '.' && /\p{L}{3,}\.$/u.test(text.slice(start, e))) e--
  return e
}
