import type { SerializeFrom } from '@remix-run/node'
import { Link } from '@remix-run/react'

import type { FormState } from '~/components/forms'
import { IconText } from '~/components/IconText'
import { RichTextView } from '~/components/RichText'
import { useT } from '../i18n/useT'
import { districtName } from '../platform/districts'
import { parseRichTextDoc } from '../richtext/document'
import { EventTags } from './EventTags'
import type { EventPageData } from './page.server'
import { RegistrationForm } from './RegistrationForm'
import { SeatsBadge } from './SeatsBadge'
import { SessionWhen } from './SessionWhen'

/** The event page: details, dates with free seats, calendar link and the registration form. */
export function EventView({ data, state }: { data: SerializeFrom<EventPageData>; state?: FormState | null }) {
  const { t, tp, locale } = useT()
  const { event, sessions } = data
  const open = sessions.filter((s) => !s.past)
  const doc = parseRichTextDoc(event.descriptionDoc)
  return (
    <article className="event-page">
      <p>
        <Link to="/events">← {t('events.backToList')}</Link>
      </p>
      <h1>{event.title}</h1>
      <EventTags kind={event.kind} audience={event.audience} districtName={districtName(event.districtCode, locale)} />
      {event.status === 'draft' ? <p className="flash flash-info">{t('events.draftNotice')}</p> : null}
      {data.canManage ? (
        <p>
          <Link className="button button-secondary" to={`/events/${event.slug}/manage`}>
            {t('events.manageLink')}
          </Link>
        </p>
      ) : null}
      <div className="event-layout">
        <div className="event-main">
          <dl className="event-facts">
            <dt>{t('events.organiser')}</dt>
            <dd>{data.organiserName}</dd>
            <dt>{t('events.location')}</dt>
            <dd>
              {event.locationAddress}
              {event.locationMapUrl ? (
                <>
                  {' · '}
                  <a href={event.locationMapUrl} rel="noopener noreferrer external" target="_blank">
                    {t('events.map')}
                  </a>
                </>
              ) : null}
            </dd>
          </dl>
          {event.audience === 'professionals' ? <p className="muted">{t('events.register.forProfessionals')}</p> : null}
          <RichTextView doc={doc} />
          <h2>{t('events.sessions')}</h2>
          <ul className="session-list">
            {sessions.map((s) => (
              <li key={s.id} className={s.past ? 'session-past' : undefined}>
                <SessionWhen startsAt={s.startsAt} endsAt={s.endsAt} />{' '}
                {s.past ? (
                  <span className="status">{t('events.session.past')}</span>
                ) : (
                  <SeatsBadge freeSeats={s.freeSeats} capacity={s.capacity} />
                )}
                {!s.past && s.waitlistCount > 0 ? (
                  <span className="muted"> · {tp('events.waitlistCount', s.waitlistCount)}</span>
                ) : null}
              </li>
            ))}
          </ul>
          <p>
            <a href={`/events/${event.slug}/calendar.ics`} download>
              {t('events.calendar')}
            </a>
          </p>
        </div>
        <div className="event-aside">
          {data.canRegisterFamily && open.length > 0 ? (
            <div className="panel family-link">
              <p>
                <Link className="button" to={`/events/${event.slug}/family`}>
                  <IconText icon="🤝">{t('events.family.link')}</IconText>
                </Link>
              </p>
              <p className="muted">{t('events.family.linkHint')}</p>
            </div>
          ) : null}
          {open.length > 0 ? (
            <RegistrationForm page={data} sessions={open} state={state} />
          ) : (
            <p className="panel">{t('events.noUpcomingSessions')}</p>
          )}
        </div>
      </div>
    </article>
  )
}
