import { createUserSession } from '../../app/features/identity/session.server'
import { readFlash, type FlashMessage } from '../../app/features/platform/flash.server'

export const BASE = 'http://localhost'

/** A Cookie header for a signed-in user, as the browser would send it. */
export async function sessionCookieFor(userId: string): Promise<string> {
  const setCookie = await createUserSession(userId, new Request(BASE))
  return setCookie.split(';')[0]
}

export function getRequest(path: string, init: { cookie?: string; headers?: Record<string, string> } = {}) {
  return new Request(BASE + path, { headers: { ...(init.cookie ? { cookie: init.cookie } : {}), ...init.headers } })
}

/** An HTML form POST (application/x-www-form-urlencoded), exactly as a browser without JavaScript sends it. */
export function formRequest(path: string, fields: Record<string, string | string[]>, init: { cookie?: string } = {}) {
  const body = new URLSearchParams()
  for (const [key, value] of Object.entries(fields))
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v)
  return new Request(BASE + path, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(init.cookie ? { cookie: init.cookie } : {}) },
  })
}

/** Runs a loader/action and gives back what Remix would send: a thrown Response counts as the answer. */
export async function settle<T>(fn: () => Promise<T>): Promise<T | Response> {
  try {
    return await fn()
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}

/** The status of an action result: Response, or Remix `data()` with init, or a plain object (200). */
export function statusOf(result: unknown): number {
  if (result instanceof Response) return result.status
  const init = (result as { init?: ResponseInit | null } | null)?.init
  return init?.status ?? 200
}

/** The payload of a `data()` result or a plain object. */
export function payloadOf<T = Record<string, unknown>>(result: unknown): T {
  if (result && typeof result === 'object' && 'data' in result && 'init' in result) return (result as { data: T }).data
  return result as T
}

export const context = { clientIp: '127.0.0.1', cspNonce: '' }

/** The message a redirect leaves for the next page (the flash cookie it sets), or null. */
export async function flashOf(response: Response): Promise<FlashMessage | null> {
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('iwb_flash='))
  if (!cookie) return null
  return (await readFlash(new Request(BASE, { headers: { cookie } }))).message
}
