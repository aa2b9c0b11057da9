import { describe, expect, it } from 'vitest'

import { formatRegistrationCode, registrationCodeFrom } from './code'

describe('registration numbers', () => {
  it('are printed in two groups of three digits', () => {
    expect(formatRegistrationCode('482913')).toBe('482 913')
    expect(formatRegistrationCode('legacy')).toBe('legacy')
  })

  it('are read back however they were typed or said', () => {
    for (const typed of ['482913', '482 913', ' 482-913 ', '№ 482913', 'No. 482 913', '#482913'])
      expect(registrationCodeFrom(typed), typed).toBe('482913')
  })

  it('are not confused with names, phones or other numbers', () => {
    for (const typed of ['', 'Мария', '0888 123 456', '48291', '4829134', '082913', 'a482913', '2026'])
      expect(registrationCodeFrom(typed), typed).toBeNull()
  })
})
