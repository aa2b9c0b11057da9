import type { MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'

import { PageHeader } from '~/components/PageHeader'
import { routeErrorBoundary } from '~/components/RouteError'
import { TextWithPart } from '~/features/i18n/TextWithPart'
import { useT } from '~/features/i18n/useT'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { redirectWithFlash } from '~/features/platform/flash.server'
import { intent, runIntent } from '~/features/platform/forms.server'
import { pageTitle } from '~/features/platform/meta'
import { routeParam } from '~/features/platform/params'
import { PracticeForm } from '~/features/practices/PracticeForm'
import { getPracticeForEdit, updatePractice } from '~/features/practices/practices.server'
import { PRACTICE_TEXT_FIELDS, PracticeSchema } from '~/features/practices/schemas'
import { readPrivacyOverride, redactIntent } from '~/features/privacy/guard.server'

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, 'practices.editTitle', { title: args.data?.practice.title ?? '' })

export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user, params }) => {
    const view = await getPracticeForEdit(user, routeParam(params, 'slug'))
    return { practice: view.practice, caseCodes: view.caseCodes.filter((c) => c !== view.practice.sourceCaseCode) }
  })

export const action = (args: RouteArgs) =>
  signedIn(args, async ({ user, request, params }) => {
    const slug = routeParam(params, 'slug')
    return runIntent(await request.formData(), {
      redact: redactIntent(PRACTICE_TEXT_FIELDS, user),
      default: intent(PracticeSchema, async (input, form) => {
        const saved = await updatePractice(user, slug, input, { privacyOverride: readPrivacyOverride(form) })
        return redirectWithFlash(request, `/practices/${saved.slug}`, { key: 'practices.flash.updated' })
      }),
    })
  })

export default function EditPractice() {
  const { practice: p, caseCodes } = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const { t } = useT()
  return (
    <section className="practice-editor">
      <PageHeader
        title={<TextWithPart text={t('practices.editTitle')} name="title" part={p.title} lang={p.language} />}
        back={{ to: `/practices/${p.slug}`, label: p.title }}
      />
      <PracticeForm
        defaults={{
          ...p,
          sections: p.sections,
          sectionTexts: p.sectionTexts,
          caseCodes,
          sourceCaseCode: null,
          version: p.version,
        }}
        state={state}
        submitLabel={p.status === 'draft' ? t('practices.save') : t('practices.saveChanges')}
      />
    </section>
  )
}

export const ErrorBoundary = routeErrorBoundary('practices')
