import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { useT } from '~/features/i18n/useT'
import { can } from '~/features/identity/permissions'
import { requireUser } from '~/features/identity/session.server'
import { pageTitle } from '~/features/platform/meta'
import { listTeamsOverview } from '~/features/teams/teams.server'
import { TeamTags } from '~/features/teams/TeamSections'

export const meta: MetaFunction = (args) => pageTitle(args, 'teams.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return {
    teams: await listTeamsOverview(user),
    canManage: can(user, 'team:manage'),
  }
}

export default function TeamsIndex() {
  const { teams, canManage } = useLoaderData<typeof loader>()
  const { t } = useT()
  return (
    <section>
      <div className="row page-head">
        <h1>{t('teams.title')}</h1>
        <Link to="/rounds" className="button button-secondary">
          {t('rounds.title')}
        </Link>
        {canManage ? (
          <Link to="/teams/new" className="button">
            {t('teams.new')}
          </Link>
        ) : null}
      </div>
      <p className="lead">{t('teams.intro')}</p>
      {teams.length === 0 ? <p>{t('teams.empty')}</p> : null}
      <ul className="grid" style={{ listStyle: 'none', padding: 0 }}>
        {teams.map((team) => (
          <li key={team.id} className="card">
            <h2>
              <Link to={`/teams/${team.slug}`}>{team.name}</Link>
            </h2>
            <TeamTags kind={team.kind} districtCodes={team.districtCodes} />
            <p className="muted">
              {t('teams.count.members', { count: team.members, institutions: team.institutions })}
            </p>
            {team.description ? <p>{team.description}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  )
}
