import type { MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'

import { DataTable } from '~/components/DataTable'
import { FormSubmit, PostForm, TextField } from '~/components/forms'
import { createRound, listRounds } from '~/features/foreign-schools/rounds.server'
import { NewRoundSchema } from '~/features/foreign-schools/schemas'
import { useT } from '~/features/i18n/useT'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { redirectWithFlash } from '~/features/platform/flash.server'
import { intent, runIntent } from '~/features/platform/forms.server'
import { pageTitle } from '~/features/platform/meta'
import { readPrivacyOverride, redactIntent } from '~/features/privacy/guard.server'
import { PrivacyFindings } from '~/features/privacy/PrivacyFindings'

export const meta: MetaFunction = (args) => pageTitle(args, 'foreign.title')

export const loader = (args: RouteArgs) => signedIn(args, async ({ user }) => ({ rounds: await listRounds(user) }))

export const action = (args: RouteArgs) =>
  signedIn(args, async ({ user, request }) =>
    runIntent(await request.formData(), {
      redact: redactIntent(['title'], user),
      default: intent(NewRoundSchema, async (input, form) => {
        const round = await createRound(user, input, readPrivacyOverride(form))
        return redirectWithFlash(request, `/foreign-schools/${round.id}`, { key: 'foreign.flash.created' })
      }),
    }),
  )

export default function ForeignRounds() {
  const { rounds } = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const { t, tk, date } = useT()
  return (
    <section>
      <h1>{t('foreign.title')}</h1>
      <p className="lead">{t('foreign.intro')}</p>
      <h2>{t('foreign.rounds')}</h2>
      <DataTable
        caption={t('foreign.rounds')}
        empty={<p className="muted">{t('foreign.noRounds')}</p>}
        rows={rounds}
        columns={[
          { header: t('foreign.col.round'), cell: (r) => <Link to={`/foreign-schools/${r.id}`}>{r.title}</Link> },
          {
            header: t('foreign.col.period'),
            cell: (r) => (
              <>
                {date(r.periodStart)} – {date(r.periodEnd)}
              </>
            ),
          },
          { header: t('foreign.col.status'), cell: (r) => tk(`foreign.status.${r.status}`) },
          {
            header: t('foreign.col.answered'),
            cell: (r) => t('foreign.answeredOf', { answered: r.answered, total: r.schools }),
          },
        ]}
      />
      <PostForm className="form panel" heading={<h2>{t('foreign.new')}</h2>} state={state} schema={NewRoundSchema}>
        <TextField name="title" label={t('foreign.field.title')} />
        <PrivacyFindings
          state={state}
          fieldLabels={{ title: t('foreign.field.title') }}
          headingLevel={3}
          idPrefix="round-privacy"
        />
        <TextField name="periodStart" type="date" label={t('foreign.field.periodStart')} />
        <TextField name="periodEnd" type="date" label={t('foreign.field.periodEnd')} />
        <FormSubmit>{t('foreign.new.submit')}</FormSubmit>
      </PostForm>
    </section>
  )
}
