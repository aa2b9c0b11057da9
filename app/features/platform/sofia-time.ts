/**
 * Sofia time, in one place: every date the forum shows or reads is Europe/Sofia wall-clock time.
 * Wall clock ↔ instants without a time-zone library (Intl knows the rules).
 */
export const SOFIA_TIME_ZONE = 'Europe/Sofia'

const partsFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: SOFIA_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
})

export interface WallClock {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

/** The Sofia wall clock at an instant. */
export function sofiaWallClock(instant: Date): WallClock {
  const parts: Record<string, number> = {}
  for (const p of partsFormat.formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value)
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  }
}

/** Minutes Sofia is ahead of UTC at an instant (120 in winter, 180 in summer). */
export function sofiaOffsetMinutes(instant: Date): number {
  const w = sofiaWallClock(instant)
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second)
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000)
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/**
 * The instant of a Sofia date ('2026-12-03') and time ('09:30'). Null for malformed input or a
 * day that does not exist. A time skipped by the spring clock change resolves to the hour after.
 */
export function fromSofiaLocal(date: string, time: string): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim())
  const t = /^(\d{1,2}):(\d{2})$/.exec(time.trim())
  if (!d || !t) return null
  const [year, month, day, hour, minute] = [Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2])]
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59) return null
  const naive = Date.UTC(year, month - 1, day, hour, minute)
  const check = new Date(naive)
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return null
  let instant = naive - sofiaOffsetMinutes(new Date(naive)) * 60000
  const corrected = naive - sofiaOffsetMinutes(new Date(instant)) * 60000
  if (corrected !== instant) instant = corrected
  return new Date(instant)
}

/** ISO 8601 with the Sofia offset, e.g. 2026-12-03T09:30:00+02:00 (what the public API returns). */
export function toSofiaIso(instant: Date | string): string {
  const at = new Date(instant)
  const w = sofiaWallClock(at)
  const offset = sofiaOffsetMinutes(at)
  const sign = offset >= 0 ? '+' : '-'
  const abs = Math.abs(offset)
  const date = `${w.year}-${pad(w.month)}-${pad(w.day)}`
  const time = `${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`
  return `${date}T${time}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

/** The Sofia calendar year of an instant. */
export const sofiaYear = (instant: Date) => sofiaWallClock(instant).year

/** A due date picked as YYYY-MM-DD means "by the end of that day in Sofia". */
export function endOfSofiaDay(isoDate: string): Date {
  const lastMinute = fromSofiaLocal(isoDate, '23:59')
  return new Date((lastMinute ?? new Date(`${isoDate}T23:59:00Z`)).getTime() + 59_000)
}

/** Values for <input type="date"> and <input type="time"> in Sofia time. */
export function sofiaDateInput(instant: Date | string): string {
  const w = sofiaWallClock(new Date(instant))
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`
}

/**
 * Whether two instants fall on the same day in Sofia. Not `toDateString()`: that is the process's own zone, UTC on
 * the server and the reader's on a phone, so the two would disagree from 22:00 to 24:00 UTC (and React would find
 * the server's markup wrong).
 */
export function sameSofiaDay(a: Date | string | number, b: Date | string | number): boolean {
  return sofiaDateInput(new Date(a)) === sofiaDateInput(new Date(b))
}

export function sofiaTimeInput(instant: Date | string): string {
  const w = sofiaWallClock(new Date(instant))
  return `${pad(w.hour)}:${pad(w.minute)}`
}

/** Compact local form used by iCalendar with TZID: 20261203T093000. */
export function sofiaIcsLocal(instant: Date | string): string {
  const w = sofiaWallClock(new Date(instant))
  return `${w.year}${pad(w.month)}${pad(w.day)}T${pad(w.hour)}${pad(w.minute)}${pad(w.second)}`
}

export function utcIcs(instant: Date | string): string {
  return new Date(instant)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
}

/** The Sofia date `days` after a YYYY-MM-DD date. */
export function addSofiaDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** Midnight in Sofia starting a YYYY-MM-DD date. */
export function startOfSofiaDay(isoDate: string): Date {
  return fromSofiaLocal(isoDate, '00:00') ?? new Date(`${isoDate}T00:00:00Z`)
}

/** Today, tomorrow and the end of this week (the next Monday, 00:00) in Sofia, as instants. */
export function sofiaDayAndWeek(now: Date): { today: Date; tomorrow: Date; weekEnd: Date } {
  const date = sofiaDateInput(now)
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay() // 0 Sunday … 6 Saturday
  const untilMonday = weekday === 0 ? 1 : 8 - weekday
  return {
    today: startOfSofiaDay(date),
    tomorrow: startOfSofiaDay(addSofiaDays(date, 1)),
    weekEnd: startOfSofiaDay(addSofiaDays(date, untilMonday)),
  }
}
