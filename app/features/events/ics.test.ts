import { describe, expect, it } from 'vitest'

import { buildCalendar, escapeText, foldLine } from './ics'

const entry = {
  uid: 'a1@iwb',
  start: new Date('2026-12-03T07:30:00Z'),
  end: new Date('2026-12-03T10:00:00Z'),
  summary: 'Ден на отворените врати; 75 ОУ, „Тодор Каблешков“',
  description: 'Първи ред\nВтори ред',
  location: 'ж.к. Люлин 5, ул. „Ген. Суворов“ 1',
  url: 'https://iwb.example/events/den',
}

describe('iCalendar (RFC 5545)', () => {
  const ics = buildCalendar({
    name: 'Ден',
    entries: [
      entry,
      { ...entry, uid: 'a2@iwb', start: new Date('2027-06-01T07:00:00Z'), end: new Date('2027-06-01T09:00:00Z') },
    ],
    now: new Date('2026-11-28T12:00:00Z'),
  })
  const lines = ics.split('\r\n')

  it('uses CRLF and keeps every line within 75 octets', () => {
    expect(ics.endsWith('\r\n')).toBe(true)
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
    for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75)
  })

  it('has a VTIMEZONE for Europe/Sofia with both EU transitions', () => {
    const tz = ics.slice(ics.indexOf('BEGIN:VTIMEZONE'), ics.indexOf('END:VTIMEZONE'))
    expect(tz).toContain('TZID:Europe/Sofia')
    expect(tz).toContain('TZOFFSETTO:+0300')
    expect(tz).toContain('RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU')
    expect(tz).toContain('RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU')
  })

  it('writes one VEVENT per session with Sofia local times', () => {
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2)
    expect(lines).toContain('DTSTART;TZID=Europe/Sofia:20261203T093000')
    expect(lines).toContain('DTEND;TZID=Europe/Sofia:20261203T120000')
    expect(lines).toContain('DTSTART;TZID=Europe/Sofia:20270601T100000')
    expect(lines).toContain('DTSTAMP:20261128T120000Z')
    expect(lines).toContain('UID:a2@iwb')
  })

  it('escapes text and unfolds back to the original', () => {
    expect(escapeText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne')
    const unfolded = ics.replace(/\r\n /g, '')
    expect(unfolded).toContain('SUMMARY:Ден на отворените врати\\; 75 ОУ\\, „Тодор Каблешков“')
    expect(unfolded).toContain('DESCRIPTION:Първи ред\\nВтори ред')
  })

  it('folds long Cyrillic lines without splitting a character', () => {
    const folded = foldLine('SUMMARY:' + 'Ж'.repeat(100))
    const parts = folded.split('\r\n')
    expect(parts.length).toBeGreaterThan(2)
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true)
    expect(folded.replace(/\r\n /g, '')).toBe('SUMMARY:' + 'Ж'.repeat(100))
  })
})
