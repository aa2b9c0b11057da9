import { createCookieSessionStorage } from '@remix-run/node'
import { getEnv } from '../../env.server'
import type { Params } from '../i18n/translate'

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
    cookie: { name: 'iwb_flash', httpOnly: true, sameSite: 'lax', secure: env.cookieSecure, path: '/', secrets: [env.sessionSecret] },
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

export async function readFlash(request: Request): Promise<{ message: FlashMessage | null; setCookie: string | null }> {
  const cookieHeader = request.headers.get('cookie')
  if (!cookieHeader?.includes('iwb_flash')) return { message: null, setCookie: null }
  const store = flashStorage()
  const session = await store.getSession(cookieHeader)
  const message = (session.get('message') as FlashMessage | undefined) ?? null
  return { message, setCookie: await store.commitSession(session) }
}
