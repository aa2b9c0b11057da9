import type { MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'

import { ErrorSummary } from '~/components/forms'
import { ActionIndicatorsPanel } from '~/features/actions/ActionIndicatorsPanel'
import { MyActionsList } from '~/features/actions/ActionPlan'
import { listMyActions } from '~/features/actions/actions.server'
import { actionIndicators } from '~/features/actions/indicators.server'
import { actionRowIntents, redactActionForm } from '~/features/actions/intents.server'
import { useT } from '~/features/i18n/useT'
import { can } from '~/features/identity/permissions'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { intent, NO_INPUT, runIntent } from '~/features/platform/forms.server'
import { pageTitle } from '~/features/platform/meta'

export const meta: MetaFunction = (args) => pageTitle(args, 'actions.title')

export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user }) => ({
    actions: await listMyActions(user),
    indicators: can(user, 'case-action:indicators') ? await actionIndicators(user) : null,
  }))

/** The buttons of every action list post here (the home page's block too, with its own returnTo). */
export const action = (args: RouteArgs) =>
  signedIn(args, async ({ user, request }) =>
    runIntent(await request.formData(), {
      ...actionRowIntents(request, user, '/actions'),
      redact: intent(NO_INPUT, (_, form) => redactActionForm(form, user)),
    }),
  )

export default function MyActions() {
  const { actions, indicators } = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const { t } = useT()
  return (
    <section>
      <h1>{t('actions.title')}</h1>
      <p className="lead">{t('actions.intro')}</p>
      {/* Drop and answer forms show their own errors; a refused "done" (already finished) shows here. */}
      {state && !['action-drop', 'check-answer', 'redact'].includes(String(state.values?.intent)) ? (
        <ErrorSummary state={state} />
      ) : null}
      <MyActionsList actions={actions} postTo="/actions" returnTo="/actions" state={state} />
      {indicators ? <ActionIndicatorsPanel indicators={indicators} /> : null}
    </section>
  )
}
