import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { routeErrorBoundary } from '~/components/RouteError'
import { CaseStatusBadge } from '~/features/cases/CaseBadges'
import { caseUrl } from '~/features/cases/codes'
import { useT } from '~/features/i18n/useT'
import { can } from '~/features/identity/permissions'
import { PersonName } from '~/features/identity/PositionFields'
import { requireUser } from '~/features/identity/session.server'
import { districtName } from '~/features/platform/districts'
import { dataTitle } from '~/features/platform/meta'
import { routeParam } from '~/features/platform/params'
import { getTeamPage } from '~/features/teams/teams.server'

export const meta: MetaFunction<typeof loader> = (args) => dataTitle(args, args.data?.team.name)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const page = await getTeamPage(user, routeParam(params, 'slug'))
  return { ...page, canManage: can(user, 'team:manage') }
}

export const ErrorBoundary = routeErrorBoundary({
  notFound: 'teams.notFound',
  back: { to: '/teams', label: 'teams.backToList' },
})

export default function TeamPage() {
  const { team, members, cases, practices, trainings, events, figures, canManage } = useLoaderData<typeof loader>()
  const { t, tk, locale, date, number } = useT()
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
        {stat(t('teams.figure.childrenBackInSchool'), figures.childrenBackInSchool)}
        {stat(t('teams.figure.childrenOutOfSchool'), figures.childrenOutOfSchool)}
        {stat(t('teams.figure.householdsVisited'), figures.householdsVisited)}
        {stat(t('teams.figure.rounds'), figures.rounds)}
        {stat(t('teams.figure.referred'), figures.referred)}
        {stat(t('teams.figure.casesAssigned'), figures.casesAssigned)}
        {stat(t('teams.figure.casesResolved'), figures.casesResolved)}
      </dl>

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
