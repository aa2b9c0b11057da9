import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'

import { ErrorSummary, SelectField, SubmitButton, TextAreaField, TextField } from '~/components/forms'
import { useT } from '~/features/i18n/useT'
import { listTeamsWithMembers, saveTeam } from '~/features/identity/organisation.server'
import { TeamSchema } from '~/features/identity/schemas'
import { requireUser } from '~/features/identity/session.server'
import { districtName, DISTRICTS } from '~/features/platform/districts'
import { redirectWithFlash } from '~/features/platform/flash.server'
import { intent, runIntent } from '~/features/platform/forms.server'
import { pageTitle } from '~/features/platform/meta'

export const meta: MetaFunction = (args) => pageTitle(args, 'admin.teams')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return { rows: await listTeamsWithMembers(user) }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  return runIntent(await request.formData(), {
    default: intent(TeamSchema, async ({ id, ...input }) => {
      await saveTeam(user, input, id)
      return redirectWithFlash(request, '/admin/teams', { key: 'common.saved' })
    }),
  })
}

export default function Teams() {
  const { rows } = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const { t, locale } = useT()
  return (
    <section>
      <h1>{t('admin.teams')}</h1>
      <Form method="post" className="form panel narrow" noValidate aria-labelledby="add-team">
        <h2 id="add-team">{t('admin.teams.add')}</h2>
        <ErrorSummary state={state} />
        <TextField name="name" label={t('admin.teams.name')} required state={state} />
        <TextAreaField name="description" label={t('admin.teams.description')} rows={3} state={state} />
        <SelectField
          name="districtCode"
          label={t('common.district')}
          options={DISTRICTS.map((d) => ({ value: d.code, label: d[locale] }))}
          placeholder={t('common.noDistrict')}
          state={state}
        />
        <div>
          <SubmitButton>{t('admin.teams.add')}</SubmitButton>
        </div>
      </Form>
      <div className="grid">
        {rows.map((team) => (
          <article key={team.id} className="card" aria-labelledby={`team-${team.id}`}>
            <h2 id={`team-${team.id}`}>{team.name}</h2>
            {team.districtCode ? <p className="tag">{districtName(team.districtCode, locale)}</p> : null}
            <p>{team.description}</p>
            <h3>{t('admin.teams.members')}</h3>
            <ul>
              {team.members.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </article>
        ))}
      </div>
    </section>
  )
}
