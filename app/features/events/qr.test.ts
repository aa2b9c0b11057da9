import { randomBytes } from 'node:crypto'

import QRCode from 'qrcode'
import { describe, expect, it } from 'vitest'

import { qrSymbol } from './qr-mask.server'
import { qrSvgDataUrl } from './qr.server'

const LINK = 'https://iwb.sofia.bg/registrations/w4kO12Cnk0rnTxro0zrWgbTy6_L7kgQv'

/** Ticket-like links of many lengths (so several symbol versions), each with a random token. */
const links = Array.from({ length: 400 }, (_, i) => {
  const origin = ['http://localhost:3000', 'https://iwb.sofia.bg', 'https://forum.example.org/iwb'][i % 3]
  return `${origin}/registrations/${randomBytes(24 + (i % 40)).toString('base64url')}`
})

/** The modules an SVG from `qrSvgDataUrl` draws: each `M x y hN` is a run of N dark modules. */
function drawnModules(url: string): { side: number; dark: Set<string> } {
  const svg = Buffer.from(url.slice('data:image/svg+xml;base64,'.length), 'base64').toString('utf8')
  const side = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)![1])
  const strokes = /<path stroke="#000000" d="([^"]*)"/.exec(svg)![1]
  const dark = new Set<string>()
  for (const [, x, y, n] of strokes.matchAll(/M(\d+) (\d+(?:\.5)?)h(\d+)/g)) {
    for (let k = 0; k < Number(n); k++) dark.add(`${Math.floor(Number(y))},${Number(x) + k}`)
  }
  return { side, dark }
}

describe('the ticket QR code', () => {
  it('is one byte-mode segment, which is what the library picks by itself for a ticket link', () => {
    expect(QRCode.create(LINK, { errorCorrectionLevel: 'M' }).segments.map((s) => s.mode.id)).toEqual(['Byte'])
  })

  it('is, module for module, the code the library builds with its own mask search', () => {
    for (const link of [LINK, ...links]) {
      const data = Buffer.from(link, 'utf8')
      const library = QRCode.create([{ data, mode: 'byte' }], { errorCorrectionLevel: 'M' })
      const ours = qrSymbol(data)
      expect(ours.mask, link).toBe(library.maskPattern)
      expect(ours.size).toBe(library.modules.size)
      expect(Buffer.from(ours.modules).equals(Buffer.from(library.modules.data)), link).toBe(true)
    }
    // Not one mask for all: the choice depends on the data.
    const masks = new Set(links.map((link) => qrSymbol(Buffer.from(link, 'utf8')).mask))
    expect(masks.size).toBeGreaterThan(3)
  })

  it('draws exactly the dark modules, inside a quiet zone of two, as an SVG image in a data: URL', () => {
    const url = qrSvgDataUrl(LINK)
    expect(url.startsWith('data:image/svg+xml;base64,')).toBe(true)
    const { side, dark } = drawnModules(url)
    const library = QRCode.create(LINK, { errorCorrectionLevel: 'M' })
    const size = library.modules.size
    expect(side).toBe(size + 4) // version 5 (37 modules) and a margin of 2: 41
    const expected = new Set<string>()
    for (let row = 0; row < size; row++) {
      for (let col = 0; col < size; col++) {
        if (library.modules.data[row * size + col]) expected.add(`${row + 2},${col + 2}`)
      }
    }
    expect(dark).toEqual(expected)
  })
})
