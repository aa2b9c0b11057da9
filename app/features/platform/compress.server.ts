import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

import { getEnv } from '../../env.server'

/** Below this a page is sent as it is (the compression middleware's own threshold). */
const MIN_BYTES = 1024

type Coding = 'br' | 'gzip'

/** The coding to use for an Accept-Encoding header: brotli, else gzip, else none (q=0 refuses a coding). */
export function chooseCoding(acceptEncoding: string | null): Coding | null {
  if (!acceptEncoding) return null
  const accepted = new Map<string, number>()
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean)
    accepted.set(name, q ? Number(q[1]) : 1)
  }
  const weight = (coding: string) => accepted.get(coding) ?? accepted.get('*') ?? 0
  if (weight('br') > 0) return 'br'
  if (weight('gzip') > 0) return 'gzip'
  return null
}

/**
 * A whole rendered page, compressed at once as the browser accepts it (brotli at quality 2 with a window sized to the
 * page; gzip otherwise). The compression middleware compresses a body written in pieces through an asynchronous
 * stream, which cost a 15 KiB page more CPU time than compressing it; it leaves a response with a Content-Encoding
 * alone. Quality 2 against the middleware's 4, on a 67 KiB case page: a quarter to a half of the CPU time for 12.2 KiB
 * instead of 11.3 KiB (docs/decisions/0012-shell-public-cache-compression.md). Headers are set here; the body to
 * send is returned.
 */
export function compressPage(
  html: Buffer<ArrayBuffer>,
  acceptEncoding: string | null,
  headers: Headers,
): Buffer<ArrayBuffer> {
  if (!(getEnv().COMPRESSION ?? true) || html.length < MIN_BYTES) return html
  headers.append('Vary', 'Accept-Encoding')
  const coding = chooseCoding(acceptEncoding)
  if (!coding) return html
  headers.set('Content-Encoding', coding)
  // zlib's results own an ArrayBuffer of their own
  if (coding === 'gzip') return gzipSync(html, { level: 6 }) as Buffer<ArrayBuffer>
  return brotliCompressSync(html, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 2,
      [constants.BROTLI_PARAM_SIZE_HINT]: html.length,
      [constants.BROTLI_PARAM_LGWIN]: Math.max(16, Math.min(22, Math.ceil(Math.log2(html.length)) + 1)),
    },
  }) as Buffer<ArrayBuffer>
}
