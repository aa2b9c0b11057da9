import { inflateSync } from 'node:zlib'

/**
 * Each stream's bytes, exactly `/Length` of them after the `stream` keyword's end of line. Not a search for the next
 * `endstream`: an optional carriage return before it would also take a compressed stream's last byte when that byte
 * is 13, and the stream would no longer inflate (one in 256 streams; the PDF's own time stamp moves the bytes).
 */
function streamData(raw: string): string[] {
  const found: string[] = []
  const keyword = /(^|[^d])stream(\r\n|\n)/g
  let match: RegExpExecArray | null
  while ((match = keyword.exec(raw))) {
    const dictionary = raw.slice(raw.lastIndexOf(' obj', match.index), match.index)
    const length = /\/Length (\d+)(?!\d| \d+ R)/.exec(dictionary)
    if (!length) throw new Error('a PDF stream without a direct /Length')
    const start = match.index + match[0].length
    found.push(raw.slice(start, start + Number(length[1])))
    keyword.lastIndex = start + Number(length[1])
  }
  return found
}

/** The text a PDF viewer shows: every hex string drawn (Tj), decoded through each embedded font's ToUnicode map. */
export function pdfTexts(bytes: Uint8Array): string[] {
  const raw = Buffer.from(bytes).toString('latin1')
  const streams: string[] = []
  for (const data of streamData(raw)) {
    try {
      streams.push(inflateSync(Buffer.from(data, 'latin1')).toString('latin1'))
    } catch {
      streams.push(data)
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
