import { describe, expect, it } from 'vitest'

import { csvCell, toCsv } from './csv'

describe('CSV for Excel', () => {
  it('starts with a UTF-8 BOM, ends lines with CRLF and keeps Cyrillic', () => {
    const csv = toCsv(
      [
        ['Име', 'Места'],
        ['Мария Иванова', 2],
      ],
      ';',
    )
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    expect(csv).toBe('\uFEFFИме;Места\r\nМария Иванова;2\r\n')
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
  })

  it('quotes delimiters, quotes and line breaks', () => {
    expect(csvCell('ОУ „Урвич“, Надежда', ',')).toBe('"ОУ „Урвич“, Надежда"')
    expect(csvCell('a;b', ';')).toBe('"a;b"')
    expect(csvCell('a;b', ',')).toBe('a;b')
    expect(csvCell('say "hi"', ',')).toBe('"say ""hi"""')
    expect(csvCell('ред 1\nред 2', ',')).toBe('"ред 1\nред 2"')
    expect(csvCell(null)).toBe('')
  })

  it('defuses spreadsheet formulas in text cells', () => {
    expect(csvCell('=HYPERLINK("http://evil")', ',')).toBe('"\'=HYPERLINK(""http://evil"")"')
    expect(csvCell('+359 888 123 456', ',')).toBe("'+359 888 123 456")
    expect(csvCell('@SUM(A1)', ',')).toBe("'@SUM(A1)")
    expect(csvCell(-3, ',')).toBe('-3')
  })
})
