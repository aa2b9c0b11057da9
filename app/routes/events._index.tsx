import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'

import { FilterBar, FilterButtons, FilterSelect } from '~/components/filters'
import { PageHeader } from '~/components/PageHeader'
import { eventCreateRights } from '~/features/events/access.server'
import { EventCard } from '~/features/events/EventCard'
import { listManagedDrafts, listUpcomingEvents } from '~/features/events/events.server'
import { useT } from '~/features/i18n/useT'
import { getSessionUser } from '~/features/identity/session.server'
import { DISTRICT_CODES, districtOptions } from '~/features/platform/districts'
import { pageTitle } from '~/features/platform/meta'
import { queryChoice } from '~/features/platform/params'
import { EVENT_KINDS } from '../../db/schema/events'

export const meta: MetaFunction = (args) => pageTitle(args, 'events.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const kind = queryChoice(url, 'kind', EVENT_KINDS)
  const districtCode = queryChoice(url, 'district', DISTRICT_CODES)
  const user = await getSessionUser(request)
  const [items, drafts, rights] = await Promise.all([
    listUpcomingEvents({ kind, districtCode }),
    listManagedDrafts(user),
    eventCreateRights(user),
  ])
  return { items, drafts, canCreate: !!rights, kind: kind ?? '', district: districtCode ?? '' }
}

export default function EventsIndex() {
  const { items, drafts, canCreate, kind, district } = useLoaderData<typeof loader>()
  const { t, tk, locale } = useT()
  return (
    <section>
      <PageHeader
        title={t('events.title')}
        links={[canCreate && { to: '/events/new', label: t('events.create') }]}
        lead={t('events.intro')}
      />
      <FilterBar values={{ kind, district }} className="row panel filters" aria-label={t('events.filter.label')}>
        <FilterSelect name="kind" label={t('events.filter.kind')} values={EVENT_KINDS} labelKey="events.kind" />
        <FilterSelect name="district" label={t('events.filter.district')} options={districtOptions(locale)} />
        <FilterButtons apply={t('events.filter.submit')} className="button button-small" />
      </FilterBar>

      {drafts.length > 0 ? (
        <div className="panel">
          <h2>{t('events.myDrafts')}</h2>
          <ul>
            {drafts.map((d) => (
              <li key={d.slug}>
                <Link to={`/events/${d.slug}/manage`}>{d.title}</Link>{' '}
                <span className="tag">{tk(`events.kind.${d.kind}`)}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <h2>{t('events.upcoming')}</h2>
      {items.length === 0 ? (
        <p className="panel">{t('events.none')}</p>
      ) : (
        <ul className="event-list">
          {items.map((item) => (
            <li key={item.id}>
              <EventCard item={item} />
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
