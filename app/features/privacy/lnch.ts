import { isTenDigits, weightedDigitSum } from './checksum'

const LNCH_WEIGHTS = [21, 19, 17, 13, 11, 9, 7, 3, 1] as const

/** ЛНЧ (личен номер на чужденец): 10 digits whose weighted sum mod 10 is the last digit. */
export function isValidLnch(lnch: string): boolean {
  if (!isTenDigits(lnch)) return false
  return weightedDigitSum(lnch, LNCH_WEIGHTS) % 10 === lnch.charCodeAt(9) - 48
}
