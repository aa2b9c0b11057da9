import { Transform } from 'node:stream'

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
import { logger } from './features/platform/logger.server'
import type { PageHtmlContext } from './features/platform/page-html.server'

const ABORT_DELAY = 5_000

/**
 * React 18's Node renderer flushes its whole 2 KiB buffer when a multi-byte character does not fit
 * at the end, leaving a NUL byte inside Cyrillic text at every such boundary. No NUL belongs in our
 * HTML (it never occurs inside a UTF-8 sequence), so the stream drops them.
 */
export function dropNulBytes() {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, chunk.includes(0) ? Buffer.from(chunk.filter((byte) => byte !== 0)) : chunk)
    },
  })
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
  const waitForAll = isbot(request.headers.get('user-agent') ?? '')
  return new Promise((resolve, reject) => {
    let shellRendered = false
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
          const body = dropNulBytes()
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          )
          pipe(body)
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          if (shellRendered) logger.error({ err: error }, 'render error')
        },
      },
    )
    setTimeout(abort, ABORT_DELAY)
  })
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
