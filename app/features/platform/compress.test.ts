import { describe, expect, it } from 'vitest'

import { chooseCoding } from './compress.server'

describe('chooseCoding', () => {
  it('prefers brotli, then gzip, as the browser accepts them', () => {
    expect(chooseCoding('gzip, deflate, br')).toBe('br')
    expect(chooseCoding('gzip, deflate')).toBe('gzip')
    expect(chooseCoding('br;q=0, gzip;q=0.5')).toBe('gzip')
    expect(chooseCoding('*')).toBe('br')
    expect(chooseCoding('*;q=0, gzip')).toBe('gzip')
  })

  it('sends the page as it is when no coding we have is accepted', () => {
    expect(chooseCoding(null)).toBeNull()
    expect(chooseCoding('identity')).toBeNull()
    expect(chooseCoding('deflate')).toBeNull()
    expect(chooseCoding('br;q=0, gzip;q=0')).toBeNull()
  })
})
