import { getEnv } from '../../env.server'
import { compressPage } from './compress.server'

/**
 * The pages a parent opens in a rush — the open days' list and an open day's page — kept for a few seconds, for
 * visitors without a cookie (never signed in, no language chosen, no message waiting): Discourse's anonymous cache.
 * Such a visitor's page depends only on its address and the data, so the kept copy serves every one of them; each
 * copy gets the response's own CSP nonce and is compressed as its browser accepts.
 *
 * Staleness is bounded: a copy lives PUBLIC_PAGE_CACHE_SECONDS (5 by default; 0 turns the cache off), and any form
 * post this process answers (a registration, an organiser's change) drops every copy at once, so seats left and
 * edits show at the next view here; another process of a WEB_CONCURRENCY set-up shows them within the lifetime.
 */
const PUBLIC_PATH = /^\/events(?:\/[^/]+)?\/?$/
const MAX_PAGES = 200

interface KeptPage {
  html: string
  nonce: string
  headers: [string, string][]
  until: number
}

/**
 * One store per process, not per copy of this module: server.ts serves and forgets pages from its own copy while
 * entry.server.tsx keeps them from the Remix build's copy (as the request scope, request-scope.server.ts).
 */
const STORE = Symbol.for('iwb.public-pages')
interface Store {
  kept: Map<string, KeptPage>
  /** Moves on at every form post; a page rendered across one is not kept. */
  generation: number
}
const processWide = globalThis as typeof globalThis & { [STORE]?: Store }
const store: Store = (processWide[STORE] ??= { kept: new Map(), generation: 0 })
const kept = store.kept

/** Headers of a kept page that are not replayed (set again per response, or never shared). */
const NOT_REPLAYED = new Set(['set-cookie', 'content-encoding', 'content-length', 'vary', 'content-security-policy'])

export function publicPageLifetimeMs(): number {
  return getEnv().PUBLIC_PAGE_CACHE_SECONDS * 1000
}

/** Where a request's page may be served from or kept: its key and the cache's generation when it came. */
export interface PublicPageSlot {
  key: string
  generation: number
}

/** The cache slot of a request whose page may be served from (or kept in) the cache; null for any other request. */
export function publicPageSlot(request: {
  method: string
  path: string
  url: string
  headers: Record<string, string | string[] | undefined>
}): PublicPageSlot | null {
  if (request.method !== 'GET' || publicPageLifetimeMs() === 0) return null
  if (request.headers.cookie || request.headers.authorization) return null
  if (!PUBLIC_PATH.test(request.path) || request.path === '/events/new') return null
  return { key: `${String(request.headers.host ?? '')}${request.url}`, generation: store.generation }
}

/** The kept page for `key`, with this response's nonce, compressed for this browser; null when none is fresh. */
export function keptPublicPage(
  key: string,
  nonce: string,
  acceptEncoding: string | null,
): { headers: Headers; body: Buffer } | null {
  const page = kept.get(key)
  if (!page) return null
  if (page.until <= Date.now()) {
    kept.delete(key)
    return null
  }
  const headers = new Headers(page.headers)
  const html = Buffer.from(page.nonce ? page.html.replaceAll(`nonce="${page.nonce}"`, `nonce="${nonce}"`) : page.html)
  return { headers, body: compressPage(html, acceptEncoding, headers) }
}

/**
 * Keeps a page rendered for a cookieless visitor: only a 200 that sets no cookie, and only when no form post was
 * answered while it was rendered (it may show what was there before).
 */
export function keepPublicPage(
  slot: PublicPageSlot,
  page: { status: number; html: Buffer; nonce: string; headers: Headers },
) {
  if (page.status !== 200 || page.headers.has('set-cookie') || slot.generation !== store.generation) return
  if (kept.size >= MAX_PAGES) kept.delete(kept.keys().next().value as string)
  kept.set(slot.key, {
    html: page.html.toString('utf8'),
    nonce: page.nonce,
    headers: [...page.headers].filter(([name]) => !NOT_REPLAYED.has(name.toLowerCase())),
    until: Date.now() + publicPageLifetimeMs(),
  })
}

/** Drops every kept page (a form post was answered: what the pages show may have changed). */
export function forgetPublicPages() {
  store.generation++
  kept.clear()
}
