import type { SerializeFrom } from '@remix-run/node'
import { Link } from '@remix-run/react'

import { useT } from '../i18n/useT'
import { districtName } from '../platform/districts'
import type { EventListItem } from './events.server'
import { EventTags } from './EventTags'
import { SeatsBadge } from './SeatsBadge'
import { SessionWhen } from './SessionWhen'

/** One event in the list: the next date with its free seats, and how many more dates follow. */
export function EventCard({ item }: { item: SerializeFrom<EventListItem> }) {
  const { t, locale } = useT()
  const [next, ...rest] = item.sessions
  return (
    <article className="card event-card">
      <h3>
        <Link to={`/events/${item.slug}`}>{item.title}</Link>
      </h3>
      <EventTags kind={item.kind} audience={item.audience} districtName={districtName(item.districtCode, locale)} />
      {next ? (
        <p>
          <SessionWhen startsAt={next.startsAt} endsAt={next.endsAt} />
          {rest.length > 0 ? <span className="muted"> {t('events.moreSessions', { count: rest.length })}</span> : null}
          <br />
          <SeatsBadge freeSeats={next.freeSeats} capacity={next.capacity} />
        </p>
      ) : null}
      <p className="muted">
        {item.organiserName}
        <br />
        {item.locationAddress}
      </p>
    </article>
  )
}
