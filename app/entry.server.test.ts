import { describe, expect, it } from 'vitest'

import { dropNulBytes } from './entry.server'

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
})
