import { SOFIA_TIME_ZONE, sofiaIcsLocal, utcIcs } from '../platform/sofia-time'

/**
 * One VEVENT: timed (Europe/Sofia wall-clock with TZID, as calendar apps expect), or all day on a Sofia calendar
 * day (`day`, yyyy-mm-dd: a due date).
 */
export type CalendarEntry = CalendarEntryFields & ({ start: Date; end: Date } | { day: string })

interface CalendarEntryFields {
  uid: string
  summary: string
  description?: string
  location?: string
  url?: string
  cancelled?: boolean
  updatedAt?: Date
}

// The EU rule Sofia follows: summer time from the last Sunday of March 03:00 to the last Sunday of October 04:00.
const SOFIA_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${SOFIA_TIME_ZONE}`,
  `X-LIC-LOCATION:${SOFIA_TIME_ZONE}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0300',
  'TZNAME:EEST',
  'DTSTART:19700329T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0300',
  'TZOFFSETTO:+0200',
  'TZNAME:EET',
  'DTSTART:19701025T040000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
]

/** TEXT values escape backslash, semicolon, comma and newlines (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
}

const encoder = new TextEncoder()

/** Lines longer than 75 octets are folded with CRLF + space, never inside a UTF-8 character (§3.1). */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line
  const out: string[] = []
  let current = ''
  let size = 0
  for (const ch of line) {
    const bytes = encoder.encode(ch).length
    const limit = out.length === 0 ? 75 : 74
    if (size + bytes > limit) {
      out.push(current)
      current = ''
      size = 0
    }
    current += ch
    size += bytes
  }
  out.push(current)
  return out.join('\r\n ')
}

const icsDate = (isoDay: string) => isoDay.replaceAll('-', '')

function nextDay(isoDay: string): string {
  const d = new Date(`${isoDay}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

const timing = (entry: CalendarEntry) =>
  'day' in entry
    ? [`DTSTART;VALUE=DATE:${icsDate(entry.day)}`, `DTEND;VALUE=DATE:${icsDate(nextDay(entry.day))}`]
    : [
        `DTSTART;TZID=${SOFIA_TIME_ZONE}:${sofiaIcsLocal(entry.start)}`,
        `DTEND;TZID=${SOFIA_TIME_ZONE}:${sofiaIcsLocal(entry.end)}`,
      ]

export function buildCalendar(options: { name: string; entries: CalendarEntry[]; now?: Date }): string {
  const stamp = utcIcs(options.now ?? new Date())
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Institutions Without Borders//Events//BG',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.name)}`,
    `X-WR-TIMEZONE:${SOFIA_TIME_ZONE}`,
    ...SOFIA_VTIMEZONE,
  ]
  for (const entry of options.entries) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${entry.uid}`,
      `DTSTAMP:${stamp}`,
      ...timing(entry),
      `SUMMARY:${escapeText(entry.summary)}`,
    )
    if (entry.description) lines.push(`DESCRIPTION:${escapeText(entry.description)}`)
    if (entry.location) lines.push(`LOCATION:${escapeText(entry.location)}`)
    if (entry.url) lines.push(`URL:${entry.url}`)
    if (entry.updatedAt) lines.push(`LAST-MODIFIED:${utcIcs(entry.updatedAt)}`)
    lines.push(`STATUS:${entry.cancelled ? 'CANCELLED' : 'CONFIRMED'}`, 'END:VEVENT')
  }
  lines.push('END:VCALENDAR')
  return lines.map(foldLine).join('\r\n') + '\r\n'
}
