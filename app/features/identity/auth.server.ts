import { AsyncLocalStorage } from 'node:async_hooks'

import { Authenticator } from 'remix-auth'
import { FormStrategy } from 'remix-auth-form'

import { Refusal } from '../platform/refusal.server'
import { verifyLogin, type LoginResult } from './accounts.server'

/** Why a sign-in was refused; a locked account answers 423. */
function loginRefusal(reason: Extract<LoginResult, { ok: false }>['reason']) {
  return new Refusal(`auth.error.${reason}`, { status: reason === 'locked' ? 423 : 400 })
}

/** remix-auth keeps no session itself (v4): it returns the user id, session.server.ts stores it. */
const authenticator = new Authenticator<string>()

// The source address of the sign-in being checked, as the server saw it (never a header a client could
// forge); remix-auth hands the strategy a copy of the request, so it travels beside it.
const loginSource = new AsyncLocalStorage<string>()

/** Signs in from the login form; wrong passwords are counted per e-mail and source address. */
export function authenticateLogin(request: Request, source: string): Promise<string> {
  return loginSource.run(source, () => authenticator.authenticate('form', request))
}

authenticator.use(
  new FormStrategy(async ({ form }) => {
    const email = String(form.get('email') ?? '')
    const password = String(form.get('password') ?? '')
    if (!email || !password) throw loginRefusal('invalid')
    const result = await verifyLogin(email, password, loginSource.getStore() ?? 'unknown')
    if (!result.ok) throw loginRefusal(result.reason)
    return result.userId
  }),
  'form',
)
