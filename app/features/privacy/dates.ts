import { daysInMonth } from './egn'

export interface DateSpan {
  start: number
  end: number
}

const MONTHS_BG = [
  'януари',
  'февруари',
  'март',
  'април',
  'май',
  'юни',
  'юли',
  'август',
  'септември',
  'октомври',
  'ноември',
  'декември',
]
const MONTHS_EN = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
]
const MONTHS_EN_SHORT = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

const YEAR = String.raw`((?:18|19|20)\d{2})`
const YEAR_SUFFIX = String.raw`(?:[ \u00A0]?г\.(?:[ \u00A0]?р\.)?|[ \u00A0]?год(?:ина)?\.?)?`
const BG_MONTH = `(${MONTHS_BG.join('|')}|сеп|септ|окт|ное|дек|яну|фев|апр|авг)\\.?`
const EN_MONTH = `(${MONTHS_EN.join('|')}|${MONTHS_EN_SHORT.join('|')}|sept)\\.?`
const ORDINAL = String.raw`(?:st|nd|rd|th)?`

// Each pattern captures day, month, year in a fixed order given by its `order` string.
const PATTERNS: ReadonlyArray<{ re: RegExp; order: 'dmy' | 'ymd' | 'mdy' }> = [
  {
    re: new RegExp(
      String.raw`(?<![\p{N}.\/-])(\d{1,2})[.\/-][ \u00A0]?(\d{1,2})[.\/-][ \u00A0]?${YEAR}(?![\p{N}])${YEAR_SUFFIX}`,
      'gu',
    ),
    order: 'dmy',
  },
  { re: new RegExp(String.raw`(?<![\p{N}.\/-])${YEAR}-(\d{2})-(\d{2})(?![\p{N}])`, 'gu'), order: 'ymd' },
  {
    re: new RegExp(
      String.raw`(?<![\p{N}])(\d{1,2})(?:-?(?:и|ви|ри|ти|ми))?[ \u00A0]+${BG_MONTH}[ \u00A0]+${YEAR}` +
        String.raw`(?![\p{N}])${YEAR_SUFFIX}`,
      'giu',
    ),
    order: 'dmy',
  },
  {
    re: new RegExp(
      String.raw`(?<![\p{N}])(\d{1,2})${ORDINAL}[ \u00A0]+(?:of[ \u00A0]+)?${EN_MONTH},?[ \u00A0]+${YEAR}(?![\p{N}])`,
      'giu',
    ),
    order: 'dmy',
  },
  {
    re: new RegExp(
      String.raw`(?<![\p{L}])${EN_MONTH}[ \u00A0]+(\d{1,2})${ORDINAL},?[ \u00A0]+${YEAR}(?![\p{N}])`,
      'giu',
    ),
    order: 'mdy',
  },
]

/** Full calendar dates (day, month and year) in Bulgarian and English spellings. */
export function findDates(text: string): DateSpan[] {
  const spans: DateSpan[] = []
  for (const { re, order } of PATTERNS) {
    for (const m of text.matchAll(re)) {
      const [a, b, c] = [m[1], m[2], m[3]]
      const [d, mo, y] = order === 'dmy' ? [a, b, c] : order === 'ymd' ? [c, b, a] : [b, a, c]
      if (isRealDate(Number(y), monthNumber(mo), Number(d))) spans.push({ start: m.index, end: m.index + m[0].length })
    }
  }
  return spans.sort((x, y) => x.start - y.start)
}

function monthNumber(token: string): number {
  if (/^\d+$/.test(token)) return Number(token)
  const t = token.toLowerCase().replace('.', '')
  const bg = MONTHS_BG.findIndex((name) => name.startsWith(t))
  if (bg >= 0) return bg + 1
  const en = MONTHS_EN.findIndex((name) => name.startsWith(t))
  return en + 1
}

function isRealDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
}
