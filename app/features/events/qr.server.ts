import QRCode from 'qrcode'

/**
 * An SVG QR code as a data: URL (rendered in an <img>, so it needs no inline markup and passes the CSP). The text (a
 * link) is one byte-mode segment: the library's search for the shortest mix of modes ran on every ticket page view
 * and found the same for a mixed-case link.
 */
export async function qrSvgDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString([{ data: Buffer.from(text, 'utf8'), mode: 'byte' }], {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
    color: { dark: '#000000', light: '#ffffff' },
  })
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`
}
