import { TIME_ZONE } from '../i18n/translate'

/** Minutes Sofia is ahead of UTC at a given instant (120 in winter, 180 in summer). */
function sofiaOffsetMinutes(at: Date): number {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, timeZoneName: 'shortOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT+2'
  const match = /GMT([+-])(\d{1,2})(?::(\d{2}))?/.exec(name)
  if (!match) return 120
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0)
  return match[1] === '-' ? -minutes : minutes
}

/** A due date picked as YYYY-MM-DD means "by the end of that day in Sofia". */
export function endOfSofiaDay(isoDate: string): Date {
  const noonUtc = new Date(`${isoDate}T12:00:00Z`)
  const offset = sofiaOffsetMinutes(noonUtc)
  return new Date(Date.parse(`${isoDate}T23:59:59Z`) - offset * 60_000)
}

/** The Sofia calendar date of an instant, as YYYY-MM-DD (for date inputs). */
export function sofiaDate(at: Date | string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(at))
}
