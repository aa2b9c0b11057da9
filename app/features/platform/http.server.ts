import type { HeadersFunction } from '@remix-run/node'

/** Throws a Response for the unhappy path; the root error boundary renders it per status. */
export function invariantResponse(condition: unknown, message: string, init?: ResponseInit): asserts condition {
  if (!condition) {
    throw new Response(message, {
      status: 400,
      ...init,
      headers: { 'content-type': 'text/plain; charset=utf-8', ...init?.headers },
    })
  }
}

export function notFound(message = 'Not found'): never {
  throw new Response(message, { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } })
}

export function forbidden(message = 'Forbidden'): never {
  throw new Response(message, { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } })
}

/**
 * The headers of a page whose address is its key (a registration, a school's answer link): kept out of caches and other
 * sites' logs. `same-origin`, not `no-referrer`: with no-referrer the browser sends `Origin: null` on the page's own
 * forms, which is refused.
 */
export const keyLinkHeaders: HeadersFunction = () => ({
  'Cache-Control': 'private, no-store',
  'Referrer-Policy': 'same-origin',
})

/** The client's address as Express saw it (server.ts passes it in the load context). */
export function clientIp(request: Request, context?: unknown): string {
  const fromContext = (context as { clientIp?: string } | undefined)?.clientIp
  return fromContext ?? request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? 'local'
}

// Only the origin matters: a value that leaves it names another host, whatever its spelling.
const LOCAL = 'http://this-site.invalid'

function localPath(to: unknown): string | null {
  if (typeof to !== 'string' || !to.startsWith('/')) return null
  try {
    const url = new URL(to, LOCAL)
    return url.origin === LOCAL ? url.pathname + url.search + url.hash : null
  } catch {
    return null
  }
}

/**
 * Redirect targets must stay on this site: the value is parsed as a browser would (which ignores tabs and
 * newlines and reads a backslash as a slash, so `/<TAB>/host` and `/\host` name other hosts), and only a
 * path of this origin is kept, percent-encoded for the Location header.
 */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  return localPath(to) ?? localPath(fallback) ?? '/'
}
