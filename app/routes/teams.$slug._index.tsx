import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'

import { DataTable } from '~/components/DataTable'
import { ErrorSummary, SubmitButton, TextAreaField, TextField } from '~/components/forms'
import { routeErrorBoundary } from '~/components/RouteError'
import { CaseStatusBadge } from '~/features/cases/CaseBadges'
import { caseUrl } from '~/features/cases/codes'
import { useT } from '~/features/i18n/useT'
import { can } from '~/features/identity/permissions'
import { PersonName } from '~/features/identity/PositionFields'
import { requireUser } from '~/features/identity/session.server'
import { districtName } from '~/features/platform/districts'
import { redirectWithFlash } from '~/features/platform/flash.server'
import { intent, NO_INPUT, runIntent } from '~/features/platform/forms.server'
import { dataTitle } from '~/features/platform/meta'
import { routeParam } from '~/features/platform/params'
import { readPrivacyOverride, redactSubmission } from '~/features/privacy/guard.server'
import { PrivacyFindings } from '~/features/privacy/PrivacyFindings'
import { awardRecognition, teamRecognitions } from '~/features/teams/recognition.server'
import { useRoundFigureColumns } from '~/features/teams/RoundFigureColumns'
import { teamRounds } from '~/features/teams/rounds.server'
import { RecognitionSchema } from '~/features/teams/schemas'
import { getTeamPage } from '~/features/teams/teams.server'

export const meta: MetaFunction<typeof loader> = (args) => dataTitle(args, args.data?.team.name)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
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
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const slug = routeParam(params, 'slug')
  return runIntent(await request.formData(), {
    recognise: intent(RecognitionSchema, async (input, form) => {
      await awardRecognition(user, slug, input, { privacyOverride: readPrivacyOverride(form) })
      return redirectWithFlash(request, `/teams/${slug}`, { key: 'recognition.flash.awarded' })
    }),
    redact: intent(NO_INPUT, (_, form) => redactSubmission(form, ['title', 'citation'], user)),
  })
}

export const ErrorBoundary = routeErrorBoundary({
  notFound: 'teams.notFound',
  back: { to: '/teams', label: 'teams.backToList' },
})

export default function TeamPage() {
  const data = useLoaderData<typeof loader>()
  const { team, members, cases, practices, trainings, events, figures, canManage } = data
  const state = useActionData<typeof action>()
  const { t, tk, locale, date, number } = useT()
  const roundFigures = useRoundFigureColumns({ referred: false })
  const stat = (label: string, value: number) => (
    <div className="stat">
      <dt>{label}</dt>
      <dd>{number(value)}</dd>
    </div>
  )
  return (
    <section>
      <p>
        <Link to="/teams">← {t('teams.title')}</Link>
      </p>
      <div className="row page-head">
        <h1>{team.name}</h1>
        {data.canRecord ? (
          <Link to="/rounds/new" className="button">
            {t('rounds.new')}
          </Link>
        ) : null}
        {canManage ? (
          <Link to={`/teams/${team.slug}/edit`} className="button button-secondary">
            {t('teams.edit')}
          </Link>
        ) : null}
      </div>
      <p>
        <span className="tag">{tk(`teams.kind.${team.kind}`)}</span>{' '}
        {team.districtCodes.map((d) => (
          <span key={d} className="tag">
            {districtName(d, locale)}
          </span>
        ))}
      </p>
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

      <section className="panel" aria-labelledby="team-recognitions">
        <h2 id="team-recognitions">{t('teams.section.recognitions')}</h2>
        {data.recognitions.length === 0 ? <p>{t('teams.none.recognitions')}</p> : null}
        <ul className="plain-list">
          {data.recognitions.map((r) => (
            <li key={r.id}>
              {r.kind === 'milestone' ? (
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
              )}
            </li>
          ))}
        </ul>
        {data.canRecognise ? (
          <details open={!!state}>
            <summary>{t('recognition.award')}</summary>
            <Form method="post" className="form" noValidate>
              <ErrorSummary state={state} />
              <TextField name="title" label={t('recognition.field.title')} required state={state} />
              <TextAreaField name="citation" label={t('recognition.field.citation')} required rows={3} state={state} />
              <TextField
                name="periodStart"
                type="date"
                label={t('recognition.field.periodStart')}
                required
                state={state}
              />
              <TextField name="periodEnd" type="date" label={t('recognition.field.periodEnd')} required state={state} />
              <div>
                <SubmitButton name="intent" value="recognise">
                  {t('recognition.submit')}
                </SubmitButton>
              </div>
              <PrivacyFindings
                state={state}
                fieldLabels={{ title: t('recognition.field.title'), citation: t('recognition.field.citation') }}
              />
            </Form>
          </details>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="team-rounds">
        <h2 id="team-rounds">{t('teams.section.rounds')}</h2>
        {data.rounds.length === 0 ? <p>{t('teams.none.rounds')}</p> : null}
        {data.rounds.length > 0 ? (
          <DataTable
            caption={t('teams.section.rounds')}
            rows={data.rounds}
            rowKey={(r) => r.id}
            columns={[{ header: t('rounds.col.date'), cell: (r) => date(r.roundDate) }, ...roundFigures]}
          />
        ) : null}
      </section>

      <div className="grid">
        <section className="panel" aria-labelledby="team-members">
          <h2 id="team-members">{t('teams.section.members')}</h2>
          {members.length === 0 ? <p>{t('teams.none.members')}</p> : null}
          <ul>
            {members.map((m) => (
              <li key={m.id}>
                <PersonName name={m.name} positionKind={m.positionKind} position={m.position} />
                <br />
                <span className="muted">{m.institutionName}</span>
              </li>
            ))}
          </ul>
        </section>

        <section className="panel" aria-labelledby="team-cases">
          <h2 id="team-cases">{t('teams.section.cases')}</h2>
          {cases.length === 0 ? <p>{t('teams.none.cases')}</p> : null}
          <ul>
            {cases.map((c) => (
              <li key={c.id}>
                <Link to={caseUrl(c.code)}>
                  {c.code}
                  {c.title ? ` · ${c.title}` : ''}
                </Link>{' '}
                <CaseStatusBadge status={c.status} outcome={c.outcome} />
              </li>
            ))}
          </ul>
        </section>

        <section className="panel" aria-labelledby="team-practices">
          <h2 id="team-practices">{t('teams.section.practices')}</h2>
          {practices.length === 0 ? <p>{t('teams.none.practices')}</p> : null}
          <ul>
            {practices.map((p) => (
              <li key={p.slug}>
                <Link to={`/practices/${p.slug}`}>{p.title}</Link>
              </li>
            ))}
          </ul>
        </section>

        <section className="panel" aria-labelledby="team-trainings">
          <h2 id="team-trainings">{t('teams.section.trainings')}</h2>
          {trainings.length === 0 ? <p>{t('teams.none.trainings')}</p> : null}
          <ul>
            {trainings.map((c) => (
              <li key={c.courseId}>
                <Link to={`/training/courses/${c.courseId}`}>{c.title}</Link>{' '}
                <span className="muted">{t('teams.trainings.completed', { count: c.completed })}</span>
              </li>
            ))}
          </ul>
        </section>

        <section className="panel" aria-labelledby="team-events">
          <h2 id="team-events">{t('teams.section.events')}</h2>
          {events.length === 0 ? <p>{t('teams.none.events')}</p> : null}
          <ul>
            {events.map((e) => (
              <li key={e.slug}>
                <Link to={`/events/${e.slug}`}>{e.title}</Link>{' '}
                {e.startsAt ? <span className="muted">{date(e.startsAt)}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </section>
  )
}
