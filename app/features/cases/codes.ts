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

/**
 * A case page's address. A link to a reply names the reply (`?reply=12#reply-12`), not the page it is on: the page
 * opens where the reply is, whatever the page size.
 */
export function caseUrl(code: string, options: { page?: number; reply?: number; anchor?: string } = {}): string {
  const base = `/cases/${encodeURIComponent(code)}`
  if (options.reply) return `${base}?reply=${options.reply}#reply-${options.reply}`
  const page = options.page && options.page > 1 ? `?page=${options.page}` : ''
  return `${base}${page}${options.anchor ? `#${options.anchor}` : ''}`
}
