import { Transform, Writable } from 'node:stream'

import {
  createReadableStreamFromReadable,
  type AppLoadContext,
  type EntryContext,
  type HandleErrorFunction,
} from '@remix-run/node'
import { isRouteErrorResponse, RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'

import { NonceProvider } from './components/nonce'
import { PageHtmlProvider } from './components/RichText'
import { compressPage } from './features/platform/compress.server'
import { logger } from './features/platform/logger.server'
import type { PageHtmlContext } from './features/platform/page-html.server'
import { keepPublicPage, type PublicPageSlot } from './features/platform/public-pages.server'

const ABORT_DELAY = 5_000

/**
 * React 18's Node renderer flushes its whole 2 KiB buffer when a multi-byte character does not fit
 * at the end, leaving a NUL byte inside Cyrillic text at every such boundary. No NUL belongs in our
 * HTML (it never occurs inside a UTF-8 sequence), so the stream drops them.
 */
export function dropNulBytes() {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, withoutNulBytes(chunk))
    },
  })
}

/**
 * `bytes` without its NUL bytes, copying the runs between them (a page has one every 2 KiB). Filtering byte by byte
 * cost 7 ms of CPU on a 57 KiB case page; this costs 0.15 ms.
 */
export function withoutNulBytes<B extends Buffer>(bytes: B): B {
  let at = bytes.indexOf(0)
  if (at === -1) return bytes
  const runs: Buffer[] = []
  let start = 0
  while (at !== -1) {
    if (at > start) runs.push(bytes.subarray(start, at))
    start = at + 1
    at = bytes.indexOf(0, start)
  }
  runs.push(bytes.subarray(start))
  return Buffer.concat(runs) as B
}
export const streamTimeout = ABORT_DELAY

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = (loadContext as { cspNonce?: string }).cspNonce ?? ''
  // A bot gets the whole page as one body; so does everyone on a page without deferred data (all of ours): the
  // response is then written (and compressed) at once instead of in a few hundred small pieces, which cost a case
  // page more CPU time than rendering it.
  const waitForAll = isbot(request.headers.get('user-agent') ?? '') || !hasDeferredData(remixContext)
  return new Promise((resolve, reject) => {
    let shellRendered = false
    // The abort timer holds the whole render (its tree and data) until it fires: cleared as soon as the page is
    // written, so that a page's memory dies young instead of living 5 s into the old generation.
    const rendering = { abort: () => {} }
    const abortTimer = setTimeout(() => rendering.abort(), ABORT_DELAY)
    const done = () => clearTimeout(abortTimer)
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <PageHtmlProvider value={(loadContext as PageHtmlContext).pageHtml ?? null}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </PageHtmlProvider>
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? 'onAllReady' : 'onShellReady']() {
          shellRendered = true
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
          if (waitForAll) {
            const chunks: Buffer[] = []
            const sink = new Writable({
              write(chunk: Buffer, _encoding, callback) {
                chunks.push(chunk)
                callback()
              },
              final(callback) {
                done()
                const html = withoutNulBytes(Buffer.concat(chunks))
                const slot = (loadContext as PageHtmlContext & { publicPage?: PublicPageSlot }).publicPage
                if (slot) {
                  keepPublicPage(slot, { status: responseStatusCode, html, nonce, headers: responseHeaders })
                }
                resolve(
                  new Response(compressPage(html, request.headers.get('accept-encoding'), responseHeaders), {
                    headers: responseHeaders,
                    status: responseStatusCode,
                  }),
                )
                callback()
              },
            })
            pipe(sink)
            return
          }
          const body = dropNulBytes()
          body.once('finish', done)
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          )
          pipe(body)
        },
        onShellError(error: unknown) {
          done()
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          if (shellRendered) logger.error({ err: error }, 'render error')
        },
      },
    )
    rendering.abort = abort
  })
}

/** Whether a loader of this page returned deferred data (then the page streams as the data arrives). */
function hasDeferredData(context: EntryContext): boolean {
  const data = context.staticHandlerContext.loaderData ?? {}
  return Object.values(data).some(
    (value) => value && typeof value === 'object' && Object.values(value).some((v) => v instanceof Promise),
  )
}

/** Logs unexpected errors once, without request bodies; thrown Responses are expected and skipped. */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return
  if (error instanceof Response || isRouteErrorResponse(error)) return
  const url = new URL(request.url)
  logger.error(
    {
      err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error),
      method: request.method,
      path: url.pathname,
    },
    'unhandled error',
  )
}

export { startServices } from './services.server'
