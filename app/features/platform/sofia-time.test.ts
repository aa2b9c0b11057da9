import { describe, expect, it } from 'vitest'

import {
  addSofiaDays,
  fromSofiaLocal,
  sameSofiaDay,
  sofiaDateInput,
  sofiaDayAndWeek,
  sofiaIcsLocal,
  sofiaOffsetMinutes,
  sofiaTimeInput,
  toSofiaIso,
} from './sofia-time'

describe('Sofia wall-clock time', () => {
  it('reads winter times as UTC+2 and summer times as UTC+3', () => {
    expect(fromSofiaLocal('2026-12-03', '09:30')?.toISOString()).toBe('2026-12-03T07:30:00.000Z')
    expect(fromSofiaLocal('2026-07-15', '18:00')?.toISOString()).toBe('2026-07-15T15:00:00.000Z')
  })

  it('handles both sides of the clock changes (29 March and 25 October 2026)', () => {
    expect(fromSofiaLocal('2026-03-29', '02:30')?.toISOString()).toBe('2026-03-29T00:30:00.000Z')
    expect(fromSofiaLocal('2026-03-29', '04:30')?.toISOString()).toBe('2026-03-29T01:30:00.000Z')
    expect(fromSofiaLocal('2026-10-25', '05:00')?.toISOString()).toBe('2026-10-25T03:00:00.000Z')
    expect(sofiaOffsetMinutes(new Date('2026-03-29T00:59:00Z'))).toBe(120)
    expect(sofiaOffsetMinutes(new Date('2026-03-29T01:00:00Z'))).toBe(180)
  })

  it('refuses days and times that do not exist', () => {
    expect(fromSofiaLocal('2026-02-30', '10:00')).toBeNull()
    expect(fromSofiaLocal('2026-13-01', '10:00')).toBeNull()
    expect(fromSofiaLocal('2026-12-01', '24:00')).toBeNull()
    expect(fromSofiaLocal('утре', '10:00')).toBeNull()
  })

  it('writes ISO 8601 with the offset, and form values, in Sofia time', () => {
    expect(toSofiaIso('2026-12-03T07:30:00Z')).toBe('2026-12-03T09:30:00+02:00')
    expect(toSofiaIso('2026-07-15T15:00:00Z')).toBe('2026-07-15T18:00:00+03:00')
    expect(sofiaDateInput('2026-12-31T22:30:00Z')).toBe('2027-01-01')
    expect(sofiaTimeInput('2026-12-31T22:30:00Z')).toBe('00:30')
    expect(sofiaIcsLocal('2026-07-15T15:00:00Z')).toBe('20260715T180000')
  })

  it('gives today, tomorrow and the end of the week in Sofia (a week ends on Sunday night)', () => {
    expect(addSofiaDays('2026-12-31', 1)).toBe('2027-01-01')
    // Saturday 5 December 2026, 23:30 in Sofia (21:30 UTC)
    const bounds = sofiaDayAndWeek(new Date('2026-12-05T21:30:00Z'))
    expect(bounds.today.toISOString()).toBe('2026-12-04T22:00:00.000Z')
    expect(bounds.tomorrow.toISOString()).toBe('2026-12-05T22:00:00.000Z')
    expect(bounds.weekEnd.toISOString()).toBe('2026-12-06T22:00:00.000Z')
    // Sunday: the week ends at midnight
    expect(sofiaDayAndWeek(new Date('2026-12-06T10:00:00Z')).weekEnd.toISOString()).toBe('2026-12-06T22:00:00.000Z')
    // Monday: a full week ahead
    expect(sofiaDayAndWeek(new Date('2026-12-07T10:00:00Z')).weekEnd.toISOString()).toBe('2026-12-13T22:00:00.000Z')
  })
})

describe('the same day in Sofia', () => {
  it('is decided in Sofia time, whatever zone the process runs in: 21:30 and 22:50 UTC are two days in December', () => {
    expect(sameSofiaDay('2026-12-05T21:30:00Z', '2026-12-05T22:50:00Z')).toBe(false)
    expect(sameSofiaDay('2026-12-05T22:10:00Z', Date.parse('2026-12-05T23:50:00Z'))).toBe(true)
    expect(sameSofiaDay(new Date('2026-07-05T20:30:00Z'), new Date('2026-07-05T21:10:00Z'))).toBe(false) // UTC+3
    expect(sameSofiaDay('2026-12-05T08:00:00Z', '2026-12-05T21:59:00Z')).toBe(true)
  })
})
