import type { MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { PageHeader } from '~/components/PageHeader'
import { useT } from '~/features/i18n/useT'
import { can } from '~/features/identity/permissions'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { pageTitle } from '~/features/platform/meta'
import { listTeamsOverview } from '~/features/teams/teams.server'
import { TeamTags } from '~/features/teams/TeamSections'

export const meta: MetaFunction = (args) => pageTitle(args, 'teams.title')

export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user }) => ({
    teams: await listTeamsOverview(user),
    canManage: can(user, 'team:manage'),
  }))

export default function TeamsIndex() {
  const { teams, canManage } = useLoaderData<typeof loader>()
  const { t } = useT()
  return (
    <section>
      <PageHeader
        title={t('teams.title')}
        links={[
          { to: '/rounds', label: t('rounds.title'), look: 'secondary' },
          canManage && { to: '/teams/new', label: t('teams.new') },
        ]}
        lead={t('teams.intro')}
      />
      {teams.length === 0 ? <p>{t('teams.empty')}</p> : null}
      <ul className="grid bare-list">
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
