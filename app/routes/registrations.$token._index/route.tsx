import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'

import { SessionWhen } from '~/features/events/SessionWhen'
import { useT } from '~/features/i18n/useT'
import { getSessionUser } from '~/features/identity/session.server'
import { pageTitle } from '~/features/platform/meta'
import { routeParam } from '~/features/platform/params'
import { registrationPageData } from './page.server'

export const meta: MetaFunction = (args) => [
  ...pageTitle(args, 'events.registration.title'),
  { name: 'robots', content: 'noindex' },
]

// The link is the registrant's key: keep it out of caches and other sites' logs. `same-origin`, not
// `no-referrer`: with no-referrer the browser sends `Origin: null` on the page's own forms, which is refused.
export const headers: HeadersFunction = () => ({
  'Cache-Control': 'private, no-store',
  'Referrer-Policy': 'same-origin',
})

export async function loader({ request, params }: LoaderFunctionArgs) {
  return registrationPageData(await getSessionUser(request), routeParam(params, 'token'))
}

const STATUS_CLASS = { confirmed: 'status-ok', waitlisted: 'status-warn', cancelled: 'status-bad' } as const

export default function RegistrationPage() {
  const data = useLoaderData<typeof loader>()
  const { t, tk, time } = useT()
  const active = data.status !== 'cancelled'
  return (
    <section className="registration-page narrow-wide">
      <h1>{t('events.registration.title')}</h1>
      <div className="panel">
        <h2>
          <Link to={`/events/${data.event.slug}`}>{data.event.title}</Link>
        </h2>
        <p>
          <span className={`status ${STATUS_CLASS[data.status]}`}>{tk(`events.registration.${data.status}`)}</span>
        </p>
        <p role="status">
          {data.status === 'confirmed'
            ? t('events.registration.confirmedText')
            : data.status === 'waitlisted'
              ? t('events.registration.waitlistedText', { position: data.position ?? 0 })
              : t('events.registration.cancelledText')}
        </p>
        {data.checkedInAt ? <p className="status status-ok">{t('events.registration.checkedIn')}</p> : null}
        <dl className="event-facts">
          <dt>{t('events.registration.session')}</dt>
          <dd>
            <SessionWhen startsAt={data.session.startsAt} endsAt={data.session.endsAt} />
          </dd>
          <dt>{t('events.location')}</dt>
          <dd>{data.event.locationAddress}</dd>
          <dt>{t('events.registration.name')}</dt>
          <dd>{data.name}</dd>
          <dt>{t('events.registration.seats')}</dt>
          <dd>{data.seats}</dd>
        </dl>
        {active ? <p className="muted">{t('events.registration.keepLink')}</p> : null}
      </div>

      {data.canCheckIn ? (
        <div className="panel organiser-box">
          <h2>{t('events.registration.organiserBox')}</h2>
          {data.checkedInAt ? (
            <p>{t('events.checkin.present', { time: time(data.checkedInAt) })}</p>
          ) : (
            <Form method="post" action={`/events/${data.event.slug}/checkin`}>
              <input type="hidden" name="intent" value="checkin" />
              <input type="hidden" name="registrationId" value={data.registrationId} />
              <input type="hidden" name="returnTo" value={`/registrations/${data.token}`} />
              <button type="submit" className="button">
                {t('events.checkin.mark', { name: data.name })}
              </button>
            </Form>
          )}
        </div>
      ) : null}

      {active ? (
        <div className="registration-actions">
          <p>
            <a
              className="button button-secondary"
              href={`/events/${data.event.slug}/calendar.ics?session=${data.session.id}`}
              download
            >
              {t('events.registration.download')}
            </a>
          </p>
          {data.qr ? (
            <figure className="panel qr">
              <img src={data.qr} alt={t('events.registration.qrAlt')} width={200} height={200} />
              <figcaption>
                <strong>{t('events.registration.qr')}</strong>
                <br />
                {t('events.registration.qrHint')}
              </figcaption>
            </figure>
          ) : null}
          <Form method="post" action={`/registrations/${data.token}/cancel`} className="panel">
            <p className="muted" id="cancel-hint">
              {t('events.registration.cancelHint')}
            </p>
            <button type="submit" className="button button-danger" aria-describedby="cancel-hint">
              {t('events.registration.cancel')}
            </button>
          </Form>
        </div>
      ) : null}

      <details className="panel">
        <summary>{t('events.registration.erase')}</summary>
        <Form method="post" action={`/registrations/${data.token}/erase`}>
          <p id="erase-hint">{t('events.registration.eraseHint')}</p>
          <button type="submit" className="button button-danger" aria-describedby="erase-hint">
            {t('events.registration.erase')}
          </button>
        </Form>
      </details>
    </section>
  )
}
