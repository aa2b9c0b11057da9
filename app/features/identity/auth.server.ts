import { Authenticator } from 'remix-auth'
import { FormStrategy } from 'remix-auth-form'
import { verifyLogin, type LoginResult } from './accounts.server'

export class LoginError extends Error {
  constructor(public readonly reason: Extract<LoginResult, { ok: false }>['reason']) {
    super(reason)
  }
}

/** remix-auth keeps no session itself (v4): it returns the user id, session.server.ts stores it. */
export const authenticator = new Authenticator<string>()

authenticator.use(
  new FormStrategy(async ({ form }) => {
    const email = String(form.get('email') ?? '')
    const password = String(form.get('password') ?? '')
    if (!email || !password) throw new LoginError('invalid')
    const result = await verifyLogin(email, password)
    if (!result.ok) throw new LoginError(result.reason)
    return result.userId
  }),
  'form',
)
