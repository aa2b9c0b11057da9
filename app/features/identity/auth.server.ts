import { Authenticator } from 'remix-auth'
import { FormStrategy } from 'remix-auth-form'
import { Refusal } from '../platform/refusal.server'
import { verifyLogin, type LoginResult } from './accounts.server'

/** Why a sign-in was refused; a locked account answers 423. */
function loginRefusal(reason: Extract<LoginResult, { ok: false }>['reason']) {
  return new Refusal(`auth.error.${reason}`, { status: reason === 'locked' ? 423 : 400 })
}

/** remix-auth keeps no session itself (v4): it returns the user id, session.server.ts stores it. */
export const authenticator = new Authenticator<string>()

authenticator.use(
  new FormStrategy(async ({ form }) => {
    const email = String(form.get('email') ?? '')
    const password = String(form.get('password') ?? '')
    if (!email || !password) throw loginRefusal('invalid')
    const result = await verifyLogin(email, password)
    if (!result.ok) throw loginRefusal(result.reason)
    return result.userId
  }),
  'form',
)
