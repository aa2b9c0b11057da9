/** Sum of digit × weight over the first weights.length digits of a digit-only string. */
export function weightedDigitSum(digits: string, weights: readonly number[]): number {
  let sum = 0
  for (let i = 0; i < weights.length; i++) sum += (digits.charCodeAt(i) - 48) * weights[i]
  return sum
}

export function isTenDigits(value: string): boolean {
  return /^\d{10}$/.test(value)
}
