import type { MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'

import { DataTable } from '~/components/DataTable'
import { FormSubmit, PostForm, TextAreaField, TextField } from '~/components/forms'
import { PageHeader } from '~/components/PageHeader'
import { routeErrorBoundary } from '~/components/RouteError'
import { CaseStatusBadge } from '~/features/cases/CaseBadges'
import { caseUrl } from '~/features/cases/codes'
import { useT } from '~/features/i18n/useT'
import { can } from '~/features/identity/permissions'
import { PersonName } from '~/features/identity/PositionFields'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { redirectWithFlash } from '~/features/platform/flash.server'
import { intent, runIntent } from '~/features/platform/forms.server'
import { dataTitle } from '~/features/platform/meta'
import { routeParam } from '~/features/platform/params'
import { PracticeLanguageTag } from '~/features/practices/PracticeLanguage'
import { readPrivacyOverride, redactIntent } from '~/features/privacy/guard.server'
import { PrivacyFindings } from '~/features/privacy/PrivacyFindings'
import { awardRecognition, teamRecognitions } from '~/features/teams/recognition.server'
import { useRoundFigureColumns } from '~/features/teams/RoundFigureColumns'
import { teamRounds } from '~/features/teams/rounds.server'
import { RecognitionSchema } from '~/features/teams/schemas'
import { getTeamPage } from '~/features/teams/teams.server'
import { TeamList, TeamPanel, TeamTags } from '~/features/teams/TeamSections'

export const meta: MetaFunction<typeof loader> = (args) => dataTitle(args, args.data?.team.name)

export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user, params }) => {
    const page = await getTeamPage(user, routeParam(params, 'slug'))
    const [rounds, recognitions] = await Promise.all([teamRounds(page.team.id), teamRecognitions(page.team.id)])
    return {
      ...page,
      rounds,
      recognitions,
      canManage: can(user, 'team:manage'),
      canRecognise: can(user, 'team:recognise'),
      canRecord: page.isMember || can(user, 'round:read-all'),
    }
  })

export const action = (args: RouteArgs) =>
  signedIn(args, async ({ user, request, params }) => {
    const slug = routeParam(params, 'slug')
    return runIntent(await request.formData(), {
      recognise: intent(RecognitionSchema, async (input, form) => {
        await awardRecognition(user, slug, input, { privacyOverride: readPrivacyOverride(form) })
        return redirectWithFlash(request, `/teams/${slug}`, { key: 'recognition.flash.awarded' })
      }),
      redact: redactIntent(['title', 'citation'], user),
    })
  })

export const ErrorBoundary = routeErrorBoundary('teams')

export default function TeamPage() {
  const data = useLoaderData<typeof loader>()
  const { team, members, cases, practices, trainings, events, figures, canManage } = data
  const state = useActionData<typeof action>()
  const { t, tk, date, number } = useT()
  const roundFigures = useRoundFigureColumns({ referred: false })
  const stat = (label: string, value: number) => (
    <div className="stat">
      <dt>{label}</dt>
      <dd>{number(value)}</dd>
    </div>
  )
  return (
    <section>
      <PageHeader
        title={team.name}
        back={{ to: '/teams', label: t('teams.title') }}
        links={[
          data.canRecord && { to: '/rounds/new', label: t('rounds.new') },
          canManage && { to: `/teams/${team.slug}/edit`, label: t('teams.edit'), look: 'secondary' },
        ]}
      />
      <TeamTags kind={team.kind} districtCodes={team.districtCodes} />
      {team.description ? <p className="lead">{team.description}</p> : null}

      <h2>{t('teams.section.figures')}</h2>
      <dl className="stats">
        {stat(t('teams.figure.childrenReached'), figures.childrenReached)}
        {stat(t('teams.figure.childrenMet'), figures.childrenMet)}
        {stat(t('teams.figure.childrenBackInSchool'), figures.childrenBackInSchool)}
        {stat(t('teams.figure.childrenOutOfSchool'), figures.childrenOutOfSchool)}
        {stat(t('teams.figure.householdsVisited'), figures.householdsVisited)}
        {stat(t('teams.figure.rounds'), figures.rounds)}
        {stat(t('teams.figure.referred'), figures.referred)}
        {stat(t('teams.figure.casesAssigned'), figures.casesAssigned)}
        {stat(t('teams.figure.casesResolved'), figures.casesResolved)}
      </dl>
      <p className="muted">{t('teams.figure.childrenReached.rule')}</p>

      <TeamList
        section="recognitions"
        className="plain-list"
        items={data.recognitions}
        itemKey={(r) => r.id}
        item={(r) =>
          r.kind === 'milestone' ? (
            <>
              <span className="tag">{t('recognition.badge')}</span>{' '}
              <strong>{tk(`recognition.milestone.${r.milestone}`)}</strong>{' '}
              <span className="muted">{date(r.awardedAt)}</span>
            </>
          ) : (
            <>
              <strong>{r.title}</strong>
              {r.periodStart && r.periodEnd ? (
                <span className="muted">
                  {' '}
                  ({t('recognition.period', { from: date(r.periodStart), to: date(r.periodEnd) })})
                </span>
              ) : null}
              <br />
              {r.citation}
            </>
          )
        }
      >
        {data.canRecognise ? (
          <details open={!!state}>
            <summary>{t('recognition.award')}</summary>
            <PostForm className="form" state={state} schema={RecognitionSchema}>
              <TextField name="title" label={t('recognition.field.title')} />
              <TextAreaField name="citation" label={t('recognition.field.citation')} rows={3} />
              <TextField name="periodStart" type="date" label={t('recognition.field.periodStart')} />
              <TextField name="periodEnd" type="date" label={t('recognition.field.periodEnd')} />
              <FormSubmit name="intent" value="recognise">
                {t('recognition.submit')}
              </FormSubmit>
              <PrivacyFindings
                state={state}
                fieldLabels={{ title: t('recognition.field.title'), citation: t('recognition.field.citation') }}
              />
            </PostForm>
          </details>
        ) : null}
      </TeamList>

      <TeamPanel section="rounds">
        <DataTable
          caption={t('teams.section.rounds')}
          empty={<p>{t('teams.none.rounds')}</p>}
          rows={data.rounds}
          columns={[{ header: t('rounds.col.date'), cell: (r) => date(r.roundDate) }, ...roundFigures]}
        />
      </TeamPanel>

      <div className="grid">
        <TeamList
          section="members"
          items={members}
          itemKey={(m) => m.id}
          item={(m) => (
            <>
              <PersonName name={m.name} positionKind={m.positionKind} position={m.position} />
              <br />
              <span className="muted">{m.institutionName}</span>
            </>
          )}
        />

        <TeamList
          section="cases"
          items={cases}
          itemKey={(c) => c.id}
          item={(c) => (
            <>
              <Link to={caseUrl(c.code)}>
                {c.code}
                {c.title ? ` · ${c.title}` : ''}
              </Link>{' '}
              <CaseStatusBadge status={c.status} outcome={c.outcome} />
            </>
          )}
        />

        <TeamList
          section="practices"
          items={practices}
          itemKey={(p) => p.slug}
          item={(p) => (
            <>
              <Link to={`/practices/${p.slug}`} lang={p.language}>
                {p.title}
              </Link>{' '}
              <PracticeLanguageTag language={p.language} />
            </>
          )}
        />

        <TeamList
          section="trainings"
          items={trainings}
          itemKey={(c) => c.courseId}
          item={(c) => (
            <>
              <Link to={`/training/courses/${c.courseId}`}>{c.title}</Link>{' '}
              <span className="muted">{t('teams.trainings.completed', { count: c.completed })}</span>
            </>
          )}
        />

        <TeamList
          section="events"
          items={events}
          itemKey={(e) => e.slug}
          item={(e) => (
            <>
              <Link to={`/events/${e.slug}`}>{e.title}</Link>{' '}
              {e.startsAt ? <span className="muted">{date(e.startsAt)}</span> : null}
            </>
          )}
        />
      </div>
    </section>
  )
}
