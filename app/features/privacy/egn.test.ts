import { describe, expect, it } from 'vitest'

import { egnBirthDate, isValidEgn } from './egn'
import { isValidLnch } from './lnch'

describe('isValidEgn', () => {
  it('accepts 0641051235 — born 2006-01-05 (month 41 = January of the 2000s)', () => {
    expect(isValidEgn('0641051235')).toBe(true)
    expect(egnBirthDate('0641051235')).toEqual({ year: 2006, month: 1, day: 5 })
  })

  it('decodes the 1900s and the 1800s (month + 20)', () => {
    expect(egnBirthDate('8408199080')).toEqual({ year: 1984, month: 8, day: 19 })
    expect(egnBirthDate('9925010000')).toEqual({ year: 1899, month: 5, day: 1 })
  })

  it('uses 0 as the check digit when the weighted sum mod 11 is 10', () => {
    // 7501010010: weighted sum 54, 54 mod 11 = 10 → check digit 0
    expect(isValidEgn('7501010010')).toBe(true)
    expect(isValidEgn('7501010011')).toBe(false)
  })

  it('rejects a wrong check digit, impossible dates and malformed input', () => {
    expect(isValidEgn('0641051236')).toBe(false)
    expect(isValidEgn('0642301230')).toBe(false) // 30 February
    expect(isValidEgn('0613051235')).toBe(false) // month 13
    expect(isValidEgn('064105123')).toBe(false)
    expect(isValidEgn('064105123a')).toBe(false)
    expect(isValidEgn('0888123456')).toBe(false) // a mobile number: month 88
  })

  it('knows leap years', () => {
    expect(egnBirthDate('1242291238')).toEqual({ year: 2012, month: 2, day: 29 })
    expect(egnBirthDate('1342291230')).toBeNull()
  })
})

describe('isValidLnch', () => {
  it('checks the weights 21,19,17,13,11,9,7,3,1 mod 10', () => {
    expect(isValidLnch('7235300185')).toBe(true)
    expect(isValidLnch('1443984209')).toBe(true)
    expect(isValidLnch('7235300186')).toBe(false)
    expect(isValidLnch('723530018')).toBe(false)
  })
})
