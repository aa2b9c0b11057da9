import { finding, type PiiFinding } from './types'
import { isLetterCode } from './words'

const SP = String.raw`[ \u00A0]`
// Street-level keywords are followed by a name; unit keywords (block, entrance, floor, flat) by a number or a letter.
const STREET_KW = String.raw`(?:улица|ул\.|ул(?=${SP})|булевард|бул\.|бул(?=${SP})|площад|пл\.|ж\.${SP}?к\.?|жк(?=\.|${SP})|квартал|кв\.|кв(?=${SP})|ulitsa|ul\.|bul\.|blvd\.?|str\.|zh\.?${SP}?k\.|zhk(?=${SP})|kv\.)`
const UNIT_KW = String.raw`(?:блок|бл|вход|вх|етаж|ет|апартамент|ап|block|bl|entrance|entr|floor|fl|apt|app|ap)(?:\.${SP}*|${SP}+)`
const UNIT_VALUE = String.raw`(?:[1-9]\d{0,3}[\p{L}]?|[\p{L}])(?![\p{L}\p{N}\/])(?![.,]\d)`

// No lookbehind here: irregexp scans faster without one, and the preceding character is checked in code.
const TRIGGER = new RegExp(`${STREET_KW}|${UNIT_KW}${UNIT_VALUE}`, 'giu')
const STREET_AT = new RegExp(STREET_KW, 'iuy')
const UNIT_AT = new RegExp(String.raw`(?:${SP}*,${SP}*|${SP}+|)(?<![\p{L}\p{N}])${UNIT_KW}${UNIT_VALUE}`, 'iuy')
const NEXT_STREET_AT = new RegExp(String.raw`${SP}*,${SP}*(?=${STREET_KW})`, 'iuy')

const MONTHS = 'януари|февруари|март|април|май|юни|юли|август|септември|октомври|ноември|декември'
const QUOTED_NAME = new RegExp(String.raw`${SP}*[„"“«'‘][^„"“”«»\n]{1,60}?[“"”»'’]`, 'uy')
const NAME_WORD = new RegExp(
  String.raw`${SP}*(?:\p{Lu}[\p{L}'’-]*\.?|\d{1,2}-?(?:ти|ви|ри|ми|th|st|nd|rd)(?:${SP}+(?:${MONTHS}))?)(?![\p{N}])`,
  'uy',
)
const NAME_LINK = new RegExp(String.raw`${SP}+(?:[IVX]{1,4}(?![\p{L}])|(?:и|and)(?=${SP}+\p{Lu}))`, 'uy')
// Numbered streets of the outskirts: "ул. 7, № 12", "ул. 101".
const NUMBERED_STREET = new RegExp(String.raw`${SP}*[1-9]\d{0,2}(?![\p{L}\p{N}]|[.,]\d|${SP}?\d)`, 'uy')
const LOWERCASE_NAME = new RegExp(String.raw`${SP}*\p{Ll}[\p{L}-]{2,}(?=${SP}*(?:№${SP}*)?[1-9])`, 'uy')
// "12", "12А", "12-14", "№ 5", ", No 5"; never a phone ("0888…") and never a lone figure before another digit group.
const HOUSE_NUMBER = new RegExp(
  String.raw`(?:${SP}*,?${SP}*(?:№|No\.?|номер)${SP}*|${SP}+)[1-9]\d{0,3}(?:${SP}?[-\/]${SP}?\d{1,4})?(?:-?\p{L}(?![\p{L}])|${SP}\p{Lu}(?![\p{L}\p{N}]))?(?![\p{N}])(?![.,]\d)(?!${SP}?\d)`,
  'uy',
)
// English order: "12 Opalchenska Street", "Vitosha Blvd 45", "221B Baker Street" — found from the keyword backwards.
// "St." before a capitalised word is a saint ("St. Kliment Ohridski"), not a street.
const ENGLISH_SUFFIX = /(?:Street|Str\.|str\.|St\.(?![ \u00A0]*\p{Lu})|Blvd\.?|Boulevard|Avenue|Ave\.|Road|Rd\.|Lane|Square|Sq\.)(?![\p{L}])/gu
const ENGLISH_LEAD = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:[1-9]\d{0,3}[A-Za-z]?,?${SP}+)?(?:[A-Z][\p{L}'’-]*\.?${SP}+){1,3}$`, 'u')
const ENGLISH_NUMBER = new RegExp(String.raw`,?${SP}*(?:No\.?${SP}*)?[1-9]\d{0,3}[A-Za-z]?(?![\p{L}\p{N}])`, 'uy')

/** Street addresses: the whole run from the street (or block) keyword to the flat number. */
export function findAddresses(text: string): PiiFinding[] {
  const spans: Array<[number, number]> = []
  for (const m of text.matchAll(ENGLISH_SUFFIX)) {
    const preceding = text.slice(Math.max(0, m.index - 60), m.index)
    const lead = ENGLISH_LEAD.exec(preceding)
    if (!lead) continue
    const keywordEnd = m.index + m[0].length
    const numbered = stickyEnd(ENGLISH_NUMBER, text, keywordEnd)
    spans.push([m.index - preceding.length + lead.index, units(text, numbered < 0 ? keywordEnd : numbered)])
  }
  for (const m of text.matchAll(TRIGGER)) {
    if (m.index > 0 && isWordCode(text.charCodeAt(m.index - 1))) continue
    if (spans.some(([from, to]) => m.index >= from && m.index < to)) continue
    const end = component(text, m.index)
    if (end > 0) spans.push([m.index, units(text, end)])
  }
  return spans.map(([from, to]) => finding('address', text, from, trimEnd(text, from, to))).sort((a, b) => a.start - b.start)
}

const isWordCode = (c: number) => isLetterCode(c) || (c >= 0x30 && c <= 0x39)

// One street-level or unit-level component starting exactly at `pos`; returns its end or -1.
function component(text: string, pos: number): number {
  const street = stickyEnd(STREET_AT, text, pos)
  if (street < 0) return stickyEnd(UNIT_AT, text, pos)
  const named = streetName(text, street)
  if (named < 0) return -1
  const numbered = stickyEnd(HOUSE_NUMBER, text, named)
  return numbered < 0 ? named : numbered
}

function streetName(text: string, pos: number): number {
  const quoted = stickyEnd(QUOTED_NAME, text, pos)
  if (quoted >= 0) return quoted
  let end = -1
  for (let words = 0, at = pos; words < 5; words++) {
    const word = stickyEnd(NAME_WORD, text, at)
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
function units(text: string, pos: number): number {
  let end = pos
  for (;;) {
    const unit = stickyEnd(UNIT_AT, text, end)
    if (unit >= 0) {
      end = unit
      continue
    }
    const comma = stickyEnd(NEXT_STREET_AT, text, end)
    const next = comma >= 0 ? component(text, comma) : -1
    if (next < 0) return end
    end = next
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
