import type { MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'

import { FormSubmit, PostForm } from '~/components/forms'
import { PageHeader } from '~/components/PageHeader'
import { routeErrorBoundary } from '~/components/RouteError'
import { eventCreateRights } from '~/features/events/access.server'
import { EventFields } from '~/features/events/EventForm'
import { loadManagedEvent, updateEvent } from '~/features/events/events.server'
import { EventFormSchema } from '~/features/events/schemas'
import { useT } from '~/features/i18n/useT'
import { listInstitutions } from '~/features/identity/organisation.server'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { redirectWithFlash } from '~/features/platform/flash.server'
import { intent, runIntent } from '~/features/platform/forms.server'
import { pageTitle } from '~/features/platform/meta'
import { routeParam } from '~/features/platform/params'
import { readPrivacyOverride, redactIntent } from '~/features/privacy/guard.server'
import { parseRichTextDoc } from '~/features/richtext/document'

export const meta: MetaFunction = (args) => pageTitle(args, 'events.form.editTitle')

export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user, params }) => {
    const event = await loadManagedEvent(user, routeParam(params, 'slug'))
    const rights = await eventCreateRights(user)
    // A manager without create rights for other kinds (e.g. a creator who changed school) keeps the event's own values.
    const kinds = rights?.kinds.includes(event.kind) ? rights.kinds : [event.kind]
    const organisers = rights?.organisers.some((o) => o.id === event.organiserInstitutionId)
      ? rights.organisers
      : (await listInstitutions()).filter((i) => i.id === event.organiserInstitutionId)
    return {
      slug: event.slug,
      kinds,
      organisers,
      defaults: {
        kind: event.kind,
        title: event.title,
        descriptionDoc: parseRichTextDoc(event.descriptionDoc),
        organiserInstitutionId: event.organiserInstitutionId,
        districtCode: event.districtCode,
        locationAddress: event.locationAddress,
        locationMapUrl: event.locationMapUrl,
        audience: event.audience,
        retentionDays: event.retentionDays,
      },
    }
  })

export const action = (args: RouteArgs) =>
  signedIn(args, async ({ user, request, params }) => {
    const slug = routeParam(params, 'slug')
    return runIntent(await request.formData(), {
      redact: redactIntent(['title', 'description'], user),
      default: intent(EventFormSchema, async (input, form) => {
        const event = await updateEvent(user, slug, { ...input, privacyOverride: readPrivacyOverride(form) })
        return redirectWithFlash(request, `/events/${event.slug}/manage`, { key: 'events.flash.saved' })
      }),
    })
  })

export default function EditEvent() {
  const { slug, kinds, organisers, defaults } = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const { t } = useT()
  return (
    <section className="narrow-wide">
      <PageHeader title={t('events.form.editTitle')} back={{ to: `/events/${slug}/manage`, label: t('common.back') }} />
      <PostForm className="form panel" state={state}>
        <EventFields kinds={kinds} organisers={organisers} defaults={defaults} state={state} />
        <FormSubmit>{t('events.form.save')}</FormSubmit>
      </PostForm>
    </section>
  )
}

export const ErrorBoundary = routeErrorBoundary('events')
