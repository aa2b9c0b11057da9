import { redirect } from '@remix-run/node'
import type { SessionUser } from '../identity/session.server'
import { flash } from '../platform/flash.server'
import { badRequest, parseFormData } from '../platform/forms.server'
import { resolveLocale } from '../i18n/locale.server'
import { translate } from '../i18n/translate'
import { EventError, addSession, setEventPublished } from './events.server'
import { addRegistrationManually, setSessionCapacity } from './registration.server'
import { AddSessionSchema, CapacitySchema, ManualRegistrationSchema, PublishSchema } from './schemas'

/** The organiser dashboard's forms, told apart by `intent`; each ends in a redirect with a message or the form back with errors. */
export async function handleManageAction(request: Request, user: SessionUser, slug: string) {
  const form = await request.formData()
  const intent = String(form.get('intent') ?? '')
  const here = new URL(request.url).pathname
  const done = async (key: string, params?: Record<string, string | number>) =>
    redirect(here, { headers: { 'Set-Cookie': await flash(request, { key, params, kind: 'success' }) } })
  try {
    if (intent === 'capacity') {
      const parsed = parseFormData(form, CapacitySchema)
      if (!parsed.ok) return parsed.response
      const promoted = await setSessionCapacity(user, slug, parsed.data.sessionId, parsed.data.capacity)
      return done('events.flash.capacitySaved', { promoted })
    }
    if (intent === 'session') {
      const parsed = parseFormData(form, AddSessionSchema)
      if (!parsed.ok) return parsed.response
      await addSession(user, slug, parsed.data)
      return done('events.flash.sessionAdded')
    }
    if (intent === 'add') {
      const parsed = parseFormData(form, ManualRegistrationSchema)
      if (!parsed.ok) return parsed.response
      const locale = await resolveLocale(request, user)
      const outcome = await addRegistrationManually(user, slug, { ...parsed.data, locale })
      if (outcome.kind === 'duplicate') return badRequest(form, { email: ['events.error.alreadyRegistered'] }, { status: 409 })
      return done('events.flash.added', { status: translate(locale, `events.registration.${outcome.status}`) })
    }
    const parsed = parseFormData(form, PublishSchema)
    if (!parsed.ok) return parsed.response
    await setEventPublished(user, slug, parsed.data.intent === 'publish')
    return done(parsed.data.intent === 'publish' ? 'events.flash.published' : 'events.flash.unpublished')
  } catch (error) {
    if (error instanceof EventError) {
      return badRequest(form, error.field ? { [error.field]: [error.code] } : {}, { formError: error.code, formErrorParams: error.params })
    }
    throw error
  }
}
