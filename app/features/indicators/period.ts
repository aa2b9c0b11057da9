import { isDistrictCode } from '../platform/districts'
import { addSofiaDays, sofiaDateInput, startOfSofiaDay } from '../platform/sofia-time'
import type { IndicatorPeriod, IndicatorScope } from './scope'

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const MAX_DAYS = 5 * 366

/** A chosen period as Sofia dates (both days included), with its instants. */
export interface ChosenPeriod {
  from: string
  to: string
  instants: IndicatorPeriod
}

function validDate(value: string | null): string | null {
  if (!value || !ISO_DATE.test(value)) return null
  const d = new Date(`${value}T12:00:00Z`)
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value ? null : value
}

/** The months of a period, as YYYY-MM, in order. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = []
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))]
  const end = to.slice(0, 7)
  for (let guard = 0; guard < 120; guard++) {
    const key = `${y}-${String(m).padStart(2, '0')}`
    months.push(key)
    if (key >= end) break
    m += 1
    if (m > 12) [y, m] = [y + 1, 1]
  }
  return months
}

export function periodOf(from: string, to: string): ChosenPeriod {
  return { from, to, instants: { from: startOfSofiaDay(from), to: startOfSofiaDay(addSofiaDays(to, 1)) } }
}

/**
 * The period and scope from the query string (?from=YYYY-MM-DD&to=YYYY-MM-DD&district=code). Anything
 * malformed falls back to the default — the twelve months up to today — as list filters do.
 */
export function periodFromQuery(url: URL, now = new Date()): { period: ChosenPeriod; scope: IndicatorScope } {
  const today = sofiaDateInput(now)
  const defaultFrom = `${addSofiaDays(today, -365).slice(0, 7)}-01`
  let from = validDate(url.searchParams.get('from')) ?? defaultFrom
  let to = validDate(url.searchParams.get('to')) ?? today
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000
  if (days < 0 || days > MAX_DAYS) [from, to] = [defaultFrom, today]
  const district = url.searchParams.get('district')
  return { period: periodOf(from, to), scope: { districtCode: isDistrictCode(district) ? district : null } }
}
