import { inflateSync } from 'node:zlib'

/** The text a PDF viewer shows: every hex string drawn (Tj), decoded through each embedded font's ToUnicode map. */
export function pdfTexts(bytes: Uint8Array): string[] {
  const raw = Buffer.from(bytes).toString('latin1')
  const streams: string[] = []
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    try {
      streams.push(inflateSync(Buffer.from(m[1], 'latin1')).toString('latin1'))
    } catch {
      streams.push(m[1])
    }
  }
  const maps = streams
    .filter((s) => s.includes('beginbfchar'))
    .map(
      (s) =>
        new Map(
          [...s.matchAll(/<([0-9A-F]{4})> <([0-9A-F]{4,})>/gi)].map((x) => [
            x[1].toUpperCase(),
            String.fromCodePoint(parseInt(x[2], 16)),
          ]),
        ),
    )
  const drawn = streams.flatMap((s) => [...s.matchAll(/<([0-9A-F]+)> Tj/gi)].map((x) => x[1].toUpperCase()))
  return drawn.flatMap((hex) =>
    maps.map((map) => (hex.match(/.{4}/g) ?? []).map((code) => map.get(code) ?? '\uFFFD').join('')),
  )
}
