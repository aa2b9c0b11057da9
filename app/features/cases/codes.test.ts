import { describe, expect, it } from 'vitest'

import { caseUrl, formatCaseCode, normaliseCaseCode } from './codes'

describe('case codes', () => {
  it('formats with a Cyrillic С and four digits', () => {
    expect(formatCaseCode(2026, 42)).toBe('С-2026-0042')
    expect(formatCaseCode(2026, 12345)).toBe('С-2026-12345')
  })

  it('accepts the spellings people type', () => {
    expect(normaliseCaseCode('С-2026-0042')).toBe('С-2026-0042')
    expect(normaliseCaseCode('c-2026-42')).toBe('С-2026-0042')
    expect(normaliseCaseCode(' C2026-0042 ')).toBe('С-2026-0042')
    expect(normaliseCaseCode('2026-0042')).toBeNull()
    expect(normaliseCaseCode("С-2026-0042' or 1=1")).toBeNull()
  })

  it('links to a reply by its number, whatever page it is on, and to pages', () => {
    expect(caseUrl('С-2026-0042', { reply: 150 })).toBe('/cases/%D0%A1-2026-0042?reply=150#reply-150')
    expect(caseUrl('С-2026-0042', { page: 2, anchor: 'reply-form' })).toBe('/cases/%D0%A1-2026-0042?page=2#reply-form')
    expect(caseUrl('С-2026-0042', { page: 1 })).toBe('/cases/%D0%A1-2026-0042')
  })
})
