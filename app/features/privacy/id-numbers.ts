import { before } from './context'
import { isValidEgn } from './egn'
import { EGN_LABEL, GLUED_ID_LABEL, LNCH_LABEL } from './keywords'
import { isValidLnch } from './lnch'
import { finding, type PiiFinding } from './types'
import { isLetterCode } from './words'

// Ten digits, optionally grouped by single spaces or hyphens ("064 105 1235", "06410 51235"); not part of a longer
// number, URL or code.
// A letter before the digits is allowed only when it ends an ЕГН/ЛНЧ label (checked in code).
const DIGIT_RUN = /(?<![\p{N}+@\/=?&#._\\-])(?<!\d[ \u00A0-])\d+(?:[ \u00A0-]\d+)*(?![\p{N}@])(?![.,]\d)/gu
// A Bulgarian mobile (087x/088x/089x/098x/099x) is never a valid EGN but passes the ЛНЧ checksum one time in ten.
const BG_MOBILE = /^0(?:8[7-9]|9[89])/
const DOCUMENT_NUMBER = /(?:№|No\.?|рег\.|изх\.|вх\.)\s*$/iu

/** ЕГН and ЛНЧ: ten digits that pass the respective checksum. */
export function findIdNumbers(text: string): PiiFinding[] {
  const found: PiiFinding[] = []
  for (const m of text.matchAll(DIGIT_RUN)) {
    const digits = m[0].replace(/[^\d]/g, '')
    if (digits.length !== 10) continue
    const start = m.index
    const end = start + m[0].length
    if (start > 0 && isLetterCode(text.charCodeAt(start - 1)) && !GLUED_ID_LABEL.test(before(text, start, 5))) continue
    const type = classifyTenDigits(digits, before(text, start, 40))
    if (type) found.push(finding(type, text, start, end))
  }
  return found
}

/** ЕГН, ЛНЧ or neither for ten digits, given the text before them (a label there can decide). */
export function classifyTenDigits(digits: string, preceding: string): 'egn' | 'lnch' | null {
  const egn = isValidEgn(digits)
  const lnch = isValidLnch(digits)
  // "ЕГН/ЛНЧ: …" names both; only a bare ЛНЧ label overrides a number that is also a valid EGN.
  const saysLnch = LNCH_LABEL.test(preceding) && !EGN_LABEL.test(preceding)
  if (lnch && saysLnch) return 'lnch'
  if (egn) return 'egn'
  if (!lnch) return null
  if (BG_MOBILE.test(digits) || DOCUMENT_NUMBER.test(preceding)) return null
  return 'lnch'
}
