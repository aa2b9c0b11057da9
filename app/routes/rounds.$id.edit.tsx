import type { MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'

import { PageHeader } from '~/components/PageHeader'
import { routeErrorBoundary } from '~/components/RouteError'
import { useT } from '~/features/i18n/useT'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { redirectWithFlash } from '~/features/platform/flash.server'
import { intent, runIntent } from '~/features/platform/forms.server'
import { pageTitle } from '~/features/platform/meta'
import { uuidParam } from '~/features/platform/params'
import { sofiaDateInput } from '~/features/platform/sofia-time'
import { readPrivacyOverride, redactIntent } from '~/features/privacy/guard.server'
import { RoundForm } from '~/features/teams/RoundForm'
import { getRoundForEdit, roundTeams, updateRound } from '~/features/teams/rounds.server'
import { RoundSchema } from '~/features/teams/schemas'

export const meta: MetaFunction = (args) => pageTitle(args, 'rounds.edit')

export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user, params }) => {
    const round = await getRoundForEdit(user, uuidParam(params, 'id'))
    return { round, teams: await roundTeams(user), today: sofiaDateInput(new Date()) }
  })

export const action = (args: RouteArgs) =>
  signedIn(args, async ({ user, request, params }) => {
    const id = uuidParam(params, 'id')
    return runIntent(await request.formData(), {
      save: intent(RoundSchema, async (input, form) => {
        const round = await updateRound(user, id, input, { privacyOverride: readPrivacyOverride(form) })
        return redirectWithFlash(request, `/teams/${round.teamSlug}`, { key: 'rounds.flash.updated' })
      }),
      redact: redactIntent(['note'], user),
    })
  })

export const ErrorBoundary = routeErrorBoundary('rounds')

export default function EditRound() {
  const { round, teams, today } = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const { t } = useT()
  return (
    <section className="narrow">
      <PageHeader title={t('rounds.edit')} back={{ to: '/rounds', label: t('rounds.title') }} />
      <p className="muted">{t('rounds.editHint')}</p>
      <RoundForm
        teams={teams}
        today={today}
        defaults={{ ...round, counts: round }}
        state={state}
        submitLabel={t('common.save')}
      />
    </section>
  )
}
