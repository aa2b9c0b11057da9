import { describe, expect, it } from 'vitest'

import { detectPii, PII_PLACEHOLDERS, PII_TYPES, redactPii, resolveOverlaps, type PiiFinding } from './detector'

const ACCEPTANCE = 'Детето Иван Петров, ЕГН 0641051235, живее на ул. „Опълченска“ 12, тел. 0888 123 456'

describe('detectPii', () => {
  it('finds exactly the four findings of the acceptance example', () => {
    expect(detectPii(ACCEPTANCE)).toEqual([
      { type: 'name', start: 7, end: 18, text: 'Иван Петров' },
      { type: 'egn', start: 24, end: 34, text: '0641051235' },
      { type: 'address', start: 45, end: 64, text: 'ул. „Опълченска“ 12' },
      { type: 'phone', start: 71, end: 83, text: '0888 123 456' },
    ])
  })

  it('reports JavaScript string offsets that slice back to the text', () => {
    const text = `🙂 ${ACCEPTANCE}\n${ACCEPTANCE}`
    const found = detectPii(text)
    expect(found).toHaveLength(8)
    for (const f of found) expect(text.slice(f.start, f.end)).toBe(f.text)
  })

  it('returns findings sorted by start and never overlapping', () => {
    const text =
      `${ACCEPTANCE}. Майката Мария Иванова (ivan.petrova@abv.bg, fb.com/maria.iv), ` +
      'родена на 05.01.1990 г., ЛНЧ 7235300185.'
    const found = detectPii(text)
    expect(found.map((f) => f.type)).toEqual([
      'name',
      'egn',
      'address',
      'phone',
      'name',
      'email',
      'url',
      'birthdate',
      'lnch',
    ])
    for (let i = 1; i < found.length; i++) expect(found[i].start).toBeGreaterThanOrEqual(found[i - 1].end)
  })

  it('returns nothing for empty and ordinary text', () => {
    expect(detectPii('')).toEqual([])
    expect(detectPii('Срещата на 12.03.2026 в РУО се отлага. 5б клас, случай С-2026-0042.')).toEqual([])
  })
})

describe('resolveOverlaps', () => {
  const f = (type: PiiFinding['type'], start: number, end: number): PiiFinding => ({
    type,
    start,
    end,
    text: 'x'.repeat(end - start),
  })

  it('prefers the checksummed finding, then the longer one', () => {
    expect(resolveOverlaps([f('phone', 0, 10), f('egn', 0, 10)])).toEqual([f('egn', 0, 10)])
    expect(resolveOverlaps([f('name', 5, 15), f('address', 0, 20)])).toEqual([f('address', 0, 20)])
    expect(resolveOverlaps([f('name', 0, 4), f('name', 0, 11)])).toEqual([f('name', 0, 11)])
    expect(resolveOverlaps([f('name', 10, 14), f('phone', 0, 5)])).toEqual([f('phone', 0, 5), f('name', 10, 14)])
  })
})

describe('redactPii', () => {
  it('replaces every finding with its placeholder', () => {
    expect(redactPii(ACCEPTANCE)).toBe('Детето [ИМЕ], ЕГН [ЕГН], живее на [АДРЕС], тел. [ТЕЛЕФОН]')
  })

  it('produces text in which nothing is found any more', () => {
    const redacted = redactPii(
      `${ACCEPTANCE}. Роден на 05.01.2006 г., ivan@abv.bg, instagram.com/ivan_06, ЛНЧ 7235300185`,
    )
    expect(redacted).toBe(
      'Детето [ИМЕ], ЕГН [ЕГН], живее на [АДРЕС], тел. [ТЕЛЕФОН]. Роден на [ДАТА], [ИМЕЙЛ], [ПРОФИЛ], ЛНЧ [ЛНЧ]',
    )
    expect(detectPii(redacted)).toEqual([])
  })

  it('accepts the findings to redact, e.g. after the person dismissed some', () => {
    const onlyPhone = detectPii(ACCEPTANCE).filter((x) => x.type === 'phone')
    expect(redactPii(ACCEPTANCE, onlyPhone)).toBe(
      'Детето Иван Петров, ЕГН 0641051235, живее на ул. „Опълченска“ 12, тел. [ТЕЛЕФОН]',
    )
  })

  it('has a placeholder for every type, in the documented order', () => {
    expect(PII_TYPES).toEqual(['egn', 'lnch', 'phone', 'email', 'url', 'address', 'name', 'birthdate'])
    expect(PII_TYPES.map((t) => PII_PLACEHOLDERS[t])).toEqual([
      '[ЕГН]',
      '[ЛНЧ]',
      '[ТЕЛЕФОН]',
      '[ИМЕЙЛ]',
      '[ПРОФИЛ]',
      '[АДРЕС]',
      '[ИМЕ]',
      '[ДАТА]',
    ])
  })
})
