type HeaderBag = Record<string, string | string[] | undefined>

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host
  } catch {
    return null
  }
}

/**
 * Whether a request was sent by a page of this site (the CSRF check of form posts and of the chat socket).
 * The Origin must be this host; `Origin: null` (sandboxed frames, data: pages, some redirects) is refused.
 * Without an Origin, Sec-Fetch-Site must say same-origin (or none: typed by the user), else the Referer must
 * be this host. A request with none of them comes from no browser, so it carries no one's cookie by accident.
 */
export function sentFromThisSite(headers: HeaderBag): boolean {
  const host = single(headers.host)
  const origin = single(headers.origin)
  if (origin !== undefined) return origin !== 'null' && !!host && hostOf(origin) === host
  const fetchSite = single(headers['sec-fetch-site'])
  if (fetchSite !== undefined) return fetchSite === 'same-origin' || fetchSite === 'none'
  const referer = single(headers.referer)
  if (referer !== undefined) return !!host && hostOf(referer) === host
  return true
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Only requests that change something need to come from this site. */
export function crossSiteWriteRefused(request: { method: string; headers: HeaderBag }): boolean {
  return !SAFE_METHODS.has(request.method.toUpperCase()) && !sentFromThisSite(request.headers)
}
