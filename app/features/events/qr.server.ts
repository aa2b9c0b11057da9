import { qrSymbol } from './qr-mask.server'

const MARGIN = 2

/** The dark modules as one SVG path: a horizontal stroke per run, half a module down the row. */
function darkRunsPath(modules: Uint8Array, size: number): string {
  const path: string[] = []
  for (let row = 0; row < size; row++) {
    let col = 0
    while (col < size) {
      if (!modules[row * size + col]) {
        col++
        continue
      }
      const start = col
      while (col < size && modules[row * size + col]) col++
      path.push(`M${start + MARGIN} ${row + MARGIN + 0.5}h${col - start}`)
    }
  }
  return path.join('')
}

/**
 * An SVG QR code as a data: URL (rendered in an <img>, so it needs no inline markup and passes the CSP). The text (a
 * link) is one byte-mode segment, at level M, with a quiet zone of two modules.
 */
export function qrSvgDataUrl(text: string): string {
  const { size, modules } = qrSymbol(Buffer.from(text, 'utf8'))
  const side = size + MARGIN * 2
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges">` +
    `<path fill="#ffffff" d="M0 0h${side}v${side}H0z"/>` +
    `<path stroke="#000000" d="${darkRunsPath(modules, size)}"/></svg>`
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`
}
