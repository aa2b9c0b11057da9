import type { MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'

import { CheckboxField, FormSubmit, PostForm } from '~/components/forms'
import { requireCreateRights } from '~/features/events/access.server'
import { EventFields, SessionFields } from '~/features/events/EventForm'
import { createEvent } from '~/features/events/events.server'
import { NewEventSchema } from '~/features/events/schemas'
import { useT } from '~/features/i18n/useT'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { redirectWithFlash } from '~/features/platform/flash.server'
import { intent, runIntent } from '~/features/platform/forms.server'
import { pageTitle } from '~/features/platform/meta'
import { readPrivacyOverride, redactIntent } from '~/features/privacy/guard.server'

export const meta: MetaFunction = (args) => pageTitle(args, 'events.form.newTitle')

export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user }) => {
    const rights = await requireCreateRights(user)
    const own = rights.organisers.find((o) => o.id === user.institutionId)
    return {
      kinds: rights.kinds,
      organisers: rights.organisers,
      defaultOrganiser: own?.id ?? rights.organisers[0]?.id,
      defaultDistrict: own?.districtCode ?? null,
    }
  })

export const action = (args: RouteArgs) =>
  signedIn(args, async ({ user, request }) =>
    runIntent(await request.formData(), {
      redact: redactIntent(['title', 'description'], user),
      default: intent(NewEventSchema, async (input, form) => {
        const event = await createEvent(user, { ...input, privacyOverride: readPrivacyOverride(form) })
        return redirectWithFlash(request, `/events/${event.slug}/manage`, { key: 'events.flash.created' })
      }),
    }),
  )

export default function NewEvent() {
  const { kinds, organisers, defaultOrganiser, defaultDistrict } = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const { t } = useT()
  return (
    <section className="narrow-wide">
      <h1>{t('events.form.newTitle')}</h1>
      <PostForm className="form panel" state={state}>
        <EventFields
          kinds={kinds}
          organisers={organisers}
          defaults={{ organiserInstitutionId: defaultOrganiser, districtCode: defaultDistrict }}
          state={state}
        />
        <SessionFields legend={t('events.form.firstSession')} />
        <CheckboxField name="publish" label={t('events.form.publish')} />
        <FormSubmit>{t('events.form.create')}</FormSubmit>
      </PostForm>
    </section>
  )
}
