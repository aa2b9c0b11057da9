import type { MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'

import { ErrorSummary, FormSubmit, PostButton, PostForm, SelectField } from '~/components/forms'
import { PageHeader } from '~/components/PageHeader'
import { routeErrorBoundary } from '~/components/RouteError'
import { useT } from '~/features/i18n/useT'
import { PersonName } from '~/features/identity/PositionFields'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { redirectWithFlash } from '~/features/platform/flash.server'
import { intent, runIntent } from '~/features/platform/forms.server'
import { dataTitle } from '~/features/platform/meta'
import { routeParam } from '~/features/platform/params'
import { readPrivacyOverride, redactIntent } from '~/features/privacy/guard.server'
import { MemberSchema, TeamSchema } from '~/features/teams/schemas'
import { TeamForm } from '~/features/teams/TeamForm'
import { getTeamForEdit, saveTeam, setTeamMember } from '~/features/teams/teams.server'

export const meta: MetaFunction<typeof loader> = (args) => dataTitle(args, args.data?.team.name)

export const loader = (args: RouteArgs) =>
  signedIn(args, ({ user, params }) => getTeamForEdit(user, routeParam(params, 'slug')))

export const action = (args: RouteArgs) =>
  signedIn(args, async ({ user, request, params }) => {
    const slug = routeParam(params, 'slug')
    const back = `/teams/${slug}/edit`
    return runIntent(await request.formData(), {
      save: intent(TeamSchema, async (input, form) => {
        await saveTeam(user, input, slug, { privacyOverride: readPrivacyOverride(form) })
        return redirectWithFlash(request, `/teams/${slug}`, { key: 'teams.flash.saved' })
      }),
      redact: redactIntent(['name', 'description'], user),
      addMember: intent(MemberSchema, async ({ userId }) => {
        await setTeamMember(user, slug, userId, true)
        return redirectWithFlash(request, back, { key: 'teams.flash.memberAdded' })
      }),
      removeMember: intent(MemberSchema, async ({ userId }) => {
        await setTeamMember(user, slug, userId, false)
        return redirectWithFlash(request, back, { key: 'teams.flash.memberRemoved' })
      }),
    })
  })

export const ErrorBoundary = routeErrorBoundary('teams')

export default function EditTeam() {
  const { team, members, candidates } = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const { t } = useT()
  const sent = state?.values?.intent
  const memberState = sent === 'addMember' || sent === 'removeMember' ? state : null
  return (
    <section className="narrow">
      <PageHeader title={t('teams.edit')} back={{ to: `/teams/${team.slug}`, label: team.name }} />
      <TeamForm defaults={team} state={memberState ? null : state} submitLabel={t('common.save')} />

      <section className="panel" aria-labelledby="members-title">
        <h2 id="members-title">{t('teams.section.members')}</h2>
        <ErrorSummary state={memberState} />
        {members.length === 0 ? <p>{t('teams.none.members')}</p> : null}
        <ul>
          {members.map((m) => (
            <li key={m.id} className="row">
              <span>
                <PersonName name={m.name} positionKind={m.positionKind} position={m.position} />
                <span className="muted"> · {m.institutionName}</span>
              </span>
              <PostButton
                fields={{ intent: 'removeMember', userId: m.id }}
                className="button button-small button-secondary"
              >
                {t('teams.members.remove')}
                <span className="visually-hidden"> — {m.name}</span>
              </PostButton>
            </li>
          ))}
        </ul>
        <PostForm className="form" schema={MemberSchema}>
          <SelectField
            name="userId"
            label={t('teams.members.person')}
            hint={t('teams.members.addHint')}
            placeholder=""
            options={candidates.map((c) => ({ value: c.id, label: `${c.name} — ${c.institutionName}` }))}
            state={memberState}
          />
          <FormSubmit name="intent" value="addMember">
            {t('teams.members.add')}
          </FormSubmit>
        </PostForm>
      </section>
    </section>
  )
}
