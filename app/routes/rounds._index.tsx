import type { MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { DataTable } from '~/components/DataTable'
import { PageHeader } from '~/components/PageHeader'
import { useT } from '~/features/i18n/useT'
import { can } from '~/features/identity/permissions'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { pageTitle } from '~/features/platform/meta'
import { useRoundFigureColumns } from '~/features/teams/RoundFigureColumns'
import { listRounds } from '~/features/teams/rounds.server'

export const meta: MetaFunction = (args) => pageTitle(args, 'rounds.title')

export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user }) => ({
    rounds: await listRounds(user),
    canRecord: !!user.teamId || can(user, 'round:read-all'),
  }))

export default function Rounds() {
  const { rounds, canRecord } = useLoaderData<typeof loader>()
  const { t, tk, date } = useT()
  const figures = useRoundFigureColumns({ referred: true })
  return (
    <section>
      <PageHeader title={t('rounds.title')} links={[canRecord && { to: '/rounds/new', label: t('rounds.new') }]} />
      {canRecord ? null : <p>{t('rounds.noTeam')}</p>}
      <DataTable
        caption={t('rounds.title')}
        empty={<p>{t('rounds.empty')}</p>}
        rows={rounds}
        columns={[
          {
            header: t('rounds.col.date'),
            cell: (r) => (
              <>
                {date(r.roundDate)}
                {r.editable ? (
                  <>
                    {' '}
                    <Link to={`/rounds/${r.id}/edit`}>
                      {t('common.edit')}
                      <span className="visually-hidden"> — {date(r.roundDate)}</span>
                    </Link>
                  </>
                ) : null}
              </>
            ),
          },
          { header: t('rounds.col.team'), cell: (r) => <Link to={`/teams/${r.teamSlug}`}>{r.teamName}</Link> },
          ...figures,
          { header: t('rounds.col.author'), cell: (r) => r.authorName },
        ]}
      />
      <p className="muted">{tk('rounds.intro')}</p>
    </section>
  )
}
