/** The six-digit registration number as said and printed: "482 913". */
export function formatRegistrationCode(code: string): string {
  return /^\d{6}$/.test(code) ? `${code.slice(0, 3)} ${code.slice(3)}` : code
}

/**
 * A typed registration number ("482913", "482 913", "482-913", "№ 482913"), or null when the text is something else.
 */
export function registrationCodeFrom(text: string): string | null {
  const value = text.trim().replace(/^(?:№|No\.?|#)\s*/i, '')
  if (!/^[\d\s-]+$/.test(value)) return null
  const digits = value.replace(/\D/g, '')
  return /^[1-9]\d{5}$/.test(digits) ? digits : null
}
