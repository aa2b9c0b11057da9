import type { Locale } from '../../../db/schema/identity'
import data from './sofia-districts.json'

export interface District {
  code: string
  bg: string
  en: string
}

/** Sofia Municipality's 24 districts (райони), from the project's reference data. */
export const DISTRICTS: readonly District[] = data.districts
export const DISTRICT_CODES = DISTRICTS.map((d) => d.code) as [string, ...string[]]

const byCode = new Map(DISTRICTS.map((d) => [d.code, d]))

export function isDistrictCode(code: unknown): code is string {
  return typeof code === 'string' && byCode.has(code)
}

export function districtName(code: string | null | undefined, locale: Locale): string {
  if (!code) return ''
  const d = byCode.get(code)
  return d ? d[locale] : code
}

/** The districts as a select's choices, named in the reader's language (`districts`: a shorter list, e.g. a team's). */
export function districtOptions(
  locale: Locale,
  districts: readonly District[] = DISTRICTS,
): { value: string; label: string }[] {
  return districts.map((d) => ({ value: d.code, label: d[locale] }))
}
