import { describe, expect, it } from 'vitest'

import { dropNulBytes, withoutNulBytes } from './entry.server'

describe('HTML stream', () => {
  it('removes the NUL bytes React 18 leaves at 2 KiB buffer boundaries, keeping Cyrillic intact', async () => {
    const stream = dropNulBytes()
    const out: Buffer[] = []
    stream.on('data', (c: Buffer) => out.push(c))
    const done = new Promise((r) => stream.on('end', r))
    const text = Buffer.from('Страницата не е намерена', 'utf8')
    stream.write(Buffer.concat([text.subarray(0, 12), Buffer.from([0])]))
    stream.end(text.subarray(12))
    await done
    expect(Buffer.concat(out).toString('utf8')).toBe('Страницата не е намерена')
  })

  it('drops NUL bytes at the start, the end and in runs, and returns a buffer without any unchanged', () => {
    const page = Buffer.from('Случай С-2026-0017', 'utf8')
    const withNuls = Buffer.concat([
      Buffer.from([0]),
      page.subarray(0, 6),
      Buffer.from([0, 0]),
      page.subarray(6),
      Buffer.from([0]),
    ])
    expect(withoutNulBytes(withNuls).toString('utf8')).toBe('Случай С-2026-0017')
    expect(withoutNulBytes(page)).toBe(page)
    expect(withoutNulBytes(Buffer.from([0, 0])).length).toBe(0)
  })
})
