import QRCode from 'qrcode'
import { describe, expect, it } from 'vitest'

import { qrSvgDataUrl } from './qr.server'

const LINK = 'https://iwb.sofia.bg/registrations/w4kO12Cnk0rnTxro0zrWgbTy6_L7kgQv'

describe('the ticket QR code', () => {
  it('is the same code the library picks by itself for a ticket link (one byte-mode segment)', () => {
    const chosen = QRCode.create(LINK, { errorCorrectionLevel: 'M' })
    const ours = QRCode.create([{ data: Buffer.from(LINK, 'utf8'), mode: 'byte' }], { errorCorrectionLevel: 'M' })
    expect(chosen.segments.map((s) => s.mode.id)).toEqual(['Byte'])
    expect(ours.version).toBe(chosen.version)
    expect(ours.maskPattern).toBe(chosen.maskPattern)
    expect(Buffer.from(ours.modules.data).equals(Buffer.from(chosen.modules.data))).toBe(true)
  })

  it('is an SVG image in a data: URL', async () => {
    const url = await qrSvgDataUrl(LINK)
    expect(url.startsWith('data:image/svg+xml;base64,')).toBe(true)
    const svg = Buffer.from(url.slice('data:image/svg+xml;base64,'.length), 'base64').toString('utf8')
    expect(svg).toMatch(/^<svg[^>]*viewBox="0 0 41 41"/) // version 5 (37 modules) and a margin of 2
    expect(svg).toContain('<path')
  })
})
