import { redirect } from '@remix-run/node'
import { resolveLocale } from '../i18n/locale.server'
import { badRequest, formValues, parseFormData } from '../platform/forms.server'
import { clientIp } from '../platform/http.server'
import { hitRateLimit, type RateLimitRule } from '../platform/rate-limit.server'
import { EventError } from './events.server'
import { registerForSession } from './registration.server'
import { RegisterSchema } from './schemas'

/** Per IP: enough for a family or a school office, not for a script. */
export const REGISTRATION_RATE_LIMIT: RateLimitRule = { bucket: 'event-register', limit: 12, windowSeconds: 600 }

/**
 * POST /events/:slug/register: honeypot, per-IP limit, validation, then the locked registration.
 * Success is a 303 to the registration's page; every failure returns the form filled in.
 */
export async function handleRegistration(request: Request, slug: string, context: unknown) {
  const form = await request.formData()
  if (String(form.get('website') ?? '') !== '') return badRequest(form, {}, { formError: 'events.error.spam' })
  const limit = await hitRateLimit(REGISTRATION_RATE_LIMIT, clientIp(request, context))
  if (!limit.allowed) {
    return badRequest(formValues(form), {}, { status: 429, formError: 'errors.rateLimited', formErrorParams: { minutes: Math.ceil(limit.retryAfterSeconds / 60) } })
  }
  const parsed = parseFormData(form, RegisterSchema)
  if (!parsed.ok) return parsed.response
  const input = parsed.data
  const locale = await resolveLocale(request)
  try {
    const outcome = await registerForSession(slug, {
      sessionId: input.sessionId,
      name: input.name,
      email: input.email,
      phone: input.phone,
      seats: input.seats,
      ageGroup: input.ageGroup,
      locale,
    })
    if (outcome.kind === 'duplicate') return badRequest(form, {}, { status: 409, formError: 'events.error.alreadyRegistered' })
    return redirect(`/registrations/${outcome.token}`, 303)
  } catch (error) {
    if (error instanceof EventError) {
      return badRequest(form, error.field ? { [error.field]: [error.code] } : {}, { formError: error.field ? undefined : error.code, formErrorParams: error.params })
    }
    throw error
  }
}
