import type { MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'

import { PageHeader } from '~/components/PageHeader'
import { useT } from '~/features/i18n/useT'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { redirectWithFlash } from '~/features/platform/flash.server'
import { intent, runIntent } from '~/features/platform/forms.server'
import { pageTitle } from '~/features/platform/meta'
import { sofiaDateInput } from '~/features/platform/sofia-time'
import { readPrivacyOverride, redactIntent } from '~/features/privacy/guard.server'
import { RoundForm } from '~/features/teams/RoundForm'
import { recordRound, roundTeams } from '~/features/teams/rounds.server'
import { RoundSchema } from '~/features/teams/schemas'

export const meta: MetaFunction = (args) => pageTitle(args, 'rounds.new')

export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user }) => {
    const teams = await roundTeams(user)
    return { teams, today: sofiaDateInput(new Date()), ownTeamId: user.teamId }
  })

export const action = (args: RouteArgs) =>
  signedIn(args, async ({ user, request }) =>
    runIntent(await request.formData(), {
      save: intent(RoundSchema, async (input, form) => {
        const round = await recordRound(user, input, { privacyOverride: readPrivacyOverride(form) })
        return redirectWithFlash(request, `/teams/${round.teamSlug}`, { key: 'rounds.flash.recorded' })
      }),
      redact: redactIntent(['note'], user),
    }),
  )

export default function NewRound() {
  const { teams, today, ownTeamId } = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const { t } = useT()
  const own = teams.find((team) => team.id === ownTeamId) ?? (teams.length === 1 ? teams[0] : undefined)
  return (
    <section className="narrow">
      <PageHeader title={t('rounds.new')} back={{ to: '/rounds', label: t('rounds.title') }} />
      <p className="muted">{t('rounds.intro')}</p>
      {teams.length === 0 ? (
        <p>{t('rounds.noTeam')}</p>
      ) : (
        <RoundForm
          teams={teams}
          today={today}
          defaults={{ teamId: own?.id, roundDate: today, districtCodes: own?.districtCodes ?? [] }}
          state={state}
          submitLabel={t('rounds.new')}
        />
      )}
    </section>
  )
}
