import type { MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'

import { PageHeader } from '~/components/PageHeader'
import { routeErrorBoundary } from '~/components/RouteError'
import { eventPageData } from '~/features/events/page.server'
import { duplicateRefusal, registerFamily } from '~/features/events/registration.server'
import { RegistrationForm } from '~/features/events/RegistrationForm'
import { FamilyRegistrationSchema } from '~/features/events/schemas'
import { resolveLocale } from '~/features/i18n/locale.server'
import { useT } from '~/features/i18n/useT'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { redirectWithFlash } from '~/features/platform/flash.server'
import { intent, runIntent } from '~/features/platform/forms.server'
import { notFound } from '~/features/platform/http.server'
import { NO_INDEX, pageTitle } from '~/features/platform/meta'
import { queryUuid, routeParam } from '~/features/platform/params'
import { contactSubject, RATE_LIMITS, requireWithinRateLimit } from '~/features/platform/rate-limit.server'

export const meta: MetaFunction<typeof loader> = (args) => [
  ...pageTitle(args, 'events.family.pageTitle', { title: args.data?.event.title ?? '' }),
  NO_INDEX,
]

/** A staff member registers a family on its behalf; only for published public events. */
export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user, request, params }) => {
    const data = await eventPageData(
      user,
      routeParam(params, 'slug'),
      queryUuid(new URL(request.url), 'session') ?? null,
    )
    if (!data.canRegisterFamily) notFound()
    return data
  })

/**
 * The staff member's own limit (instead of the per-address one) and the tight per-phone/per-e-mail limits, then the
 * locked registration; success is a 303 to the family's ticket, to show or print.
 */
export const action = (args: RouteArgs) =>
  signedIn(args, async ({ user, request, params }) => {
    const slug = routeParam(params, 'slug')
    return runIntent(await request.formData(), {
      default: intent(FamilyRegistrationSchema, async (input) => {
        await requireWithinRateLimit(RATE_LIMITS.registerOnBehalf, user.id)
        for (const contact of [input.email, input.phone])
          if (contact) await requireWithinRateLimit(RATE_LIMITS.registerContact, contactSubject(contact))
        const outcome = await registerFamily(user, slug, { ...input, locale: await resolveLocale(request, user) })
        if (outcome.kind === 'duplicate') throw duplicateRefusal(outcome, { onField: true })
        // A family on the waiting list has no ticket to show yet: the message must not call the page one.
        const message =
          outcome.status === 'waitlisted'
            ? ({
                key: 'events.flash.familyWaitlisted',
                params: { position: outcome.position ?? 0 },
                kind: 'info',
              } as const)
            : { key: 'events.flash.familyRegistered' }
        return redirectWithFlash(request, `/registrations/${outcome.token}`, message, { status: 303 })
      }),
    })
  })

export default function FamilyRegistration() {
  const data = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const { t } = useT()
  const { event } = data
  const open = data.sessions.filter((s) => !s.past)
  return (
    <section className="narrow-wide">
      <PageHeader
        title={t('events.family.pageTitle', { title: event.title })}
        back={{ to: `/events/${event.slug}`, label: event.title }}
      />
      <p>
        {t('events.location')}: {event.locationAddress}
      </p>
      {open.length > 0 ? (
        <RegistrationForm page={data} sessions={open} state={state} variant="family" />
      ) : (
        <p className="panel">{t('events.noUpcomingSessions')}</p>
      )}
    </section>
  )
}

export const ErrorBoundary = routeErrorBoundary('events')
