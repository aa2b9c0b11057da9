/** Case codes look like С-2026-0042 (Cyrillic С, the year, a per-year number). */
export const CASE_CODE_PREFIX = 'С'

export function formatCaseCode(year: number, number: number): string {
  return `${CASE_CODE_PREFIX}-${year}-${String(number).padStart(4, '0')}`
}

const CODE = /^\s*[СсCc]-?(\d{4})-?(\d{1,6})\s*$/

/** Accepts what people type or paste (Latin C, lower case, no dashes) and gives the stored form, or null. */
export function normaliseCaseCode(raw: unknown): string | null {
  if (typeof raw !== 'string') return null
  const match = CODE.exec(raw)
  if (!match) return null
  return formatCaseCode(Number(match[1]), Number(match[2]))
}

export function caseUrl(code: string, options: { page?: number; anchor?: string } = {}): string {
  const page = options.page && options.page > 1 ? `?page=${options.page}` : ''
  return `/cases/${encodeURIComponent(code)}${page}${options.anchor ? `#${options.anchor}` : ''}`
}

export const REPLIES_PER_PAGE = 100

export function replyPage(number: number): number {
  return Math.max(1, Math.ceil(number / REPLIES_PER_PAGE))
}
