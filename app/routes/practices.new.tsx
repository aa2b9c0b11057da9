import type { MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'

import { useT } from '~/features/i18n/useT'
import { signedInWith, type RouteArgs } from '~/features/identity/session.server'
import { redirectWithFlash } from '~/features/platform/flash.server'
import { intent, runIntent } from '~/features/platform/forms.server'
import { pageTitle } from '~/features/platform/meta'
import { Refusal } from '~/features/platform/refusal.server'
import { practiceDraftFromCase } from '~/features/practices/from-case.server'
import { PracticeForm, type PracticeFormDefaults } from '~/features/practices/PracticeForm'
import { createPractice } from '~/features/practices/practices.server'
import { PRACTICE_TEXT_FIELDS, PracticeSchema } from '~/features/practices/schemas'
import { readPrivacyOverride, redactIntent } from '~/features/privacy/guard.server'

export const meta: MetaFunction = (args) => pageTitle(args, 'practices.newTitle')

export const loader = (args: RouteArgs) =>
  signedInWith(args, 'practice:create', async ({ user, request }) => {
    const fromCase = new URL(request.url).searchParams.get('fromCase')
    if (!fromCase) return { defaults: {} as PracticeFormDefaults, fromCaseError: null }
    try {
      return { defaults: await practiceDraftFromCase(user, fromCase), fromCaseError: null }
    } catch (error) {
      if (error instanceof Refusal) return { defaults: {} as PracticeFormDefaults, fromCaseError: error.code }
      throw error
    }
  })

export const action = (args: RouteArgs) =>
  signedInWith(args, 'practice:create', async ({ user, request }) => {
    return runIntent(await request.formData(), {
      redact: redactIntent(PRACTICE_TEXT_FIELDS, user),
      default: intent(PracticeSchema, async (input, form) => {
        const created = await createPractice(user, input, { privacyOverride: readPrivacyOverride(form) })
        return redirectWithFlash(request, `/practices/${created.slug}`, { key: 'practices.flash.created' })
      }),
    })
  })

export default function NewPractice() {
  const { defaults, fromCaseError } = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const { t, tk } = useT()
  return (
    <section className="practice-editor">
      <h1>{t('practices.newTitle')}</h1>
      {fromCaseError ? (
        <p className="error-summary" role="alert">
          {tk(fromCaseError)}
        </p>
      ) : null}
      {defaults.sourceCaseCode ? (
        <p className="notice">{t('practices.fromCaseIntro', { code: defaults.sourceCaseCode })}</p>
      ) : null}
      <PracticeForm defaults={defaults} state={state} submitLabel={t('practices.create')} />
    </section>
  )
}
