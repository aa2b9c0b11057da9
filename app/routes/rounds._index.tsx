import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { PageHeader } from '~/components/PageHeader'
import { TableScroll } from '~/components/TableScroll'
import { useT } from '~/features/i18n/useT'
import { can } from '~/features/identity/permissions'
import { requireUser } from '~/features/identity/session.server'
import { districtName } from '~/features/platform/districts'
import { pageTitle } from '~/features/platform/meta'
import { listRounds } from '~/features/teams/rounds.server'

export const meta: MetaFunction = (args) => pageTitle(args, 'rounds.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return {
    rounds: await listRounds(user),
    canRecord: !!user.teamId || can(user, 'round:read-all'),
  }
}

export default function Rounds() {
  const { rounds, canRecord } = useLoaderData<typeof loader>()
  const { t, tk, date, locale, number } = useT()
  return (
    <section>
      <PageHeader title={t('rounds.title')} links={[canRecord && { to: '/rounds/new', label: t('rounds.new') }]} />
      {canRecord ? null : <p>{t('rounds.noTeam')}</p>}
      {rounds.length === 0 ? (
        <p>{t('rounds.empty')}</p>
      ) : (
        <TableScroll label={t('rounds.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('rounds.col.date')}</th>
                <th scope="col">{t('rounds.col.team')}</th>
                <th scope="col">{t('rounds.field.districts')}</th>
                <th scope="col">{t('rounds.field.householdsVisited')}</th>
                <th scope="col">{t('rounds.field.childrenMet')}</th>
                <th scope="col">{t('rounds.field.childrenOutOfSchool')}</th>
                <th scope="col">{t('rounds.field.referred')}</th>
                <th scope="col">{t('rounds.field.enrolled')}</th>
                <th scope="col">{t('rounds.field.returned')}</th>
                <th scope="col">{t('rounds.col.author')}</th>
              </tr>
            </thead>
            <tbody>
              {rounds.map((r) => (
                <tr key={r.id}>
                  <td>
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
                  </td>
                  <td>
                    <Link to={`/teams/${r.teamSlug}`}>{r.teamName}</Link>
                  </td>
                  <td>{r.districtCodes.map((d) => districtName(d, locale)).join(', ')}</td>
                  <td>{number(r.householdsVisited)}</td>
                  <td>{number(r.childrenMet)}</td>
                  <td>{number(r.childrenOutOfSchool)}</td>
                  <td>{number(r.referred)}</td>
                  <td>{number(r.enrolled)}</td>
                  <td>{number(r.returned)}</td>
                  <td>{r.authorName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <p className="muted">{tk('rounds.intro')}</p>
    </section>
  )
}
