import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'

import { routeErrorBoundary } from '~/components/RouteError'
import { useT } from '~/features/i18n/useT'
import { requireUser } from '~/features/identity/session.server'
import { redirectWithFlash } from '~/features/platform/flash.server'
import { intent, NO_INPUT, runIntent } from '~/features/platform/forms.server'
import { pageTitle } from '~/features/platform/meta'
import { uuidParam } from '~/features/platform/params'
import { sofiaDateInput } from '~/features/platform/sofia-time'
import { readPrivacyOverride, redactSubmission } from '~/features/privacy/guard.server'
import { RoundForm } from '~/features/teams/RoundForm'
import { getRoundForEdit, roundTeams, updateRound } from '~/features/teams/rounds.server'
import { RoundSchema } from '~/features/teams/schemas'

export const meta: MetaFunction = (args) => pageTitle(args, 'rounds.edit')

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const round = await getRoundForEdit(user, uuidParam(params, 'id'))
  return { round, teams: await roundTeams(user), today: sofiaDateInput(new Date()) }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const id = uuidParam(params, 'id')
  return runIntent(await request.formData(), {
    save: intent(RoundSchema, async (input, form) => {
      const round = await updateRound(user, id, input, { privacyOverride: readPrivacyOverride(form) })
      return redirectWithFlash(request, `/teams/${round.teamSlug}`, { key: 'rounds.flash.updated' })
    }),
    redact: intent(NO_INPUT, (_, form) => redactSubmission(form, ['note'], user)),
  })
}

export const ErrorBoundary = routeErrorBoundary({
  notFound: 'rounds.empty',
  back: { to: '/rounds', label: 'rounds.title' },
})

export default function EditRound() {
  const { round, teams, today } = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const { t } = useT()
  return (
    <section className="narrow">
      <p>
        <Link to="/rounds">← {t('rounds.title')}</Link>
      </p>
      <h1>{t('rounds.edit')}</h1>
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
