import { isTenDigits, weightedDigitSum } from './checksum'

const EGN_WEIGHTS = [2, 4, 8, 5, 10, 9, 7, 3, 6] as const

export interface EgnBirthDate {
  year: number
  month: number
  day: number
}

/** The birth date encoded in an EGN (month +20 → 1800s, +40 → 2000s), or null if it is no real date. */
export function egnBirthDate(egn: string): EgnBirthDate | null {
  if (!isTenDigits(egn)) return null
  const yy = Number(egn.slice(0, 2))
  let month = Number(egn.slice(2, 4))
  const day = Number(egn.slice(4, 6))
  let century = 1900
  if (month > 40) {
    century = 2000
    month -= 40
  } else if (month > 20) {
    century = 1800
    month -= 20
  }
  const year = century + yy
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null
  return { year, month, day }
}

export function isValidEgn(egn: string): boolean {
  if (egnBirthDate(egn) === null) return false
  const check = (weightedDigitSum(egn, EGN_WEIGHTS) % 11) % 10
  return check === egn.charCodeAt(9) - 48
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}
