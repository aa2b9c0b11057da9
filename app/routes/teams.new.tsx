import type { MetaFunction } from '@remix-run/node'
import { useActionData } from '@remix-run/react'

import { useT } from '~/features/i18n/useT'
import { signedIn, signedInWith, type RouteArgs } from '~/features/identity/session.server'
import { redirectWithFlash } from '~/features/platform/flash.server'
import { intent, runIntent } from '~/features/platform/forms.server'
import { pageTitle } from '~/features/platform/meta'
import { readPrivacyOverride, redactIntent } from '~/features/privacy/guard.server'
import { TeamSchema } from '~/features/teams/schemas'
import { TeamForm } from '~/features/teams/TeamForm'
import { saveTeam } from '~/features/teams/teams.server'

export const meta: MetaFunction = (args) => pageTitle(args, 'teams.new')

export const loader = (args: RouteArgs) => signedInWith(args, 'team:manage', () => null)

export const action = (args: RouteArgs) =>
  signedIn(args, async ({ user, request }) =>
    runIntent(await request.formData(), {
      default: intent(TeamSchema, async (input, form) => {
        const team = await saveTeam(user, input, undefined, { privacyOverride: readPrivacyOverride(form) })
        return redirectWithFlash(request, `/teams/${team.slug}`, { key: 'teams.flash.saved' })
      }),
      redact: redactIntent(['name', 'description'], user),
    }),
  )

export default function NewTeam() {
  const state = useActionData<typeof action>()
  const { t } = useT()
  return (
    <section className="narrow">
      <h1>{t('teams.new')}</h1>
      <TeamForm defaults={{}} state={state} submitLabel={t('common.save')} />
    </section>
  )
}
