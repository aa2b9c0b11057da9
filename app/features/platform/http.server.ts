/** Throws a Response for the unhappy path; the root error boundary renders it per status. */
export function invariantResponse(condition: unknown, message: string, init?: ResponseInit): asserts condition {
  if (!condition) {
    throw new Response(message, { status: 400, ...init, headers: { 'content-type': 'text/plain; charset=utf-8', ...init?.headers } })
  }
}

export function notFound(message = 'Not found'): never {
  throw new Response(message, { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } })
}

export function forbidden(message = 'Forbidden'): never {
  throw new Response(message, { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } })
}

/** The client's address as Express saw it (server.ts passes it in the load context). */
export function clientIp(request: Request, context?: unknown): string {
  const fromContext = (context as { clientIp?: string } | undefined)?.clientIp
  return fromContext ?? request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? 'local'
}

/** Redirect targets must stay on this site. */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback
  return to
}
