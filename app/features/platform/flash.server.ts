import { createCookieSessionStorage, redirect } from '@remix-run/node'

import { getEnv } from '../../env.server'
import type { Params } from '../i18n/translate'
import { Refusal } from './refusal.server'

export interface FlashMessage {
  key: string
  params?: Params
  kind: 'success' | 'error' | 'info'
}

type FlashStorage = ReturnType<typeof createCookieSessionStorage<Record<string, never>, { message: FlashMessage }>>
let storage: FlashStorage | undefined
function flashStorage() {
  const env = getEnv()
  storage ??= createCookieSessionStorage<Record<string, never>, { message: FlashMessage }>({
    cookie: {
      name: 'iwb_flash',
      httpOnly: true,
      sameSite: 'lax',
      secure: env.cookieSecure,
      path: '/',
      secrets: [env.sessionSecret],
    },
  })
  return storage
}

/** A one-time message shown on the next page (after a redirect); returns its Set-Cookie header. */
export async function flash(request: Request, message: FlashMessage): Promise<string> {
  const store = flashStorage()
  const session = await store.getSession(request.headers.get('cookie'))
  session.flash('message', message)
  return store.commitSession(session)
}

/** A redirect whose page shows a one-time message (a success unless `kind` says otherwise). */
export async function redirectWithFlash(
  request: Request,
  to: string,
  message: Omit<FlashMessage, 'kind'> & { kind?: FlashMessage['kind'] },
  init: ResponseInit = {},
) {
  const headers = new Headers(init.headers)
  headers.append('Set-Cookie', await flash(request, { kind: 'success', ...message }))
  return redirect(to, { ...init, headers })
}

/**
 * An action's answers that go back to one page with a message: `const done = flashingRedirect(request, here)`, then
 * `return done('common.saved')` in each intent.
 */
export function flashingRedirect(request: Request, to: string) {
  return (key: string, params?: Params) => redirectWithFlash(request, to, { key, params })
}

/**
 * For a resource route posted to from another page (an upload): a refusal goes back there as an error message; anything
 * else is rethrown.
 */
export async function redirectWithRefusal(request: Request, to: string, error: unknown) {
  if (!(error instanceof Refusal)) throw error
  return redirectWithFlash(request, to, { key: error.code, params: error.params, kind: 'error' })
}

export async function readFlash(request: Request): Promise<{ message: FlashMessage | null; setCookie: string | null }> {
  const cookieHeader = request.headers.get('cookie')
  if (!cookieHeader?.includes('iwb_flash')) return { message: null, setCookie: null }
  const store = flashStorage()
  const session = await store.getSession(cookieHeader)
  const message = (session.get('message') as FlashMessage | undefined) ?? null
  return { message, setCookie: await store.commitSession(session) }
}
