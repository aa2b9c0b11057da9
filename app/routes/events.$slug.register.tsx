import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'

import { routeErrorBoundary } from '~/components/RouteError'
import { EventView } from '~/features/events/EventView'
import { eventPageData } from '~/features/events/page.server'
import { duplicateRefusal, registerForSession } from '~/features/events/registration.server'
import { RegisterSchema } from '~/features/events/schemas'
import { resolveLocale } from '~/features/i18n/locale.server'
import { getSessionUser } from '~/features/identity/session.server'
import { intent, runIntent } from '~/features/platform/forms.server'
import { clientIp } from '~/features/platform/http.server'
import { dataTitle } from '~/features/platform/meta'
import { queryUuid, routeParam } from '~/features/platform/params'
import {
  contactSubject,
  RATE_LIMITS,
  requireWithinRateLimits,
  type RateLimitRule,
} from '~/features/platform/rate-limit.server'
import { Refusal } from '~/features/platform/refusal.server'

export const meta: MetaFunction<typeof loader> = (args) => [
  ...dataTitle(args, args.data?.event.title),
  { name: 'robots', content: 'noindex' },
]

/** The page renders the event again, so a form with errors comes back filled in, with or without JavaScript. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return eventPageData(
    await getSessionUser(request),
    routeParam(params, 'slug'),
    queryUuid(new URL(request.url), 'session') ?? null,
  )
}

/**
 * Honeypot, the generous per-address limit and the tight per-e-mail/per-phone limits, then the locked registration;
 * success is a 303 to the registration's page.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const slug = routeParam(params, 'slug')
  return runIntent(await request.formData(), {
    default: intent(RegisterSchema, async (input, form) => {
      if (String(form.get('website') ?? '') !== '') throw new Refusal('events.error.spam')
      // One statement counts the address, the e-mail and the phone (together with other registrations meanwhile).
      await requireWithinRateLimits([
        [RATE_LIMITS.register, clientIp(request, context)],
        ...[input.email, input.phone]
          .filter((contact): contact is string => !!contact)
          .map((contact): [RateLimitRule, string] => [RATE_LIMITS.registerContact, contactSubject(contact)]),
      ])
      const outcome = await registerForSession(slug, { ...input, locale: await resolveLocale(request) })
      if (outcome.kind === 'duplicate') throw duplicateRefusal(outcome)
      return redirect(`/registrations/${outcome.token}`, 303)
    }),
  })
}

export default function RegisterPage() {
  const data = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  return <EventView data={data} state={state} />
}

export const ErrorBoundary = routeErrorBoundary('events')
