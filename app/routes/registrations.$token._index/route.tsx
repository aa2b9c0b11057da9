import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'

import { PostButton } from '~/components/forms'
import { IconText } from '~/components/IconText'
import { PrintButton } from '~/components/PrintButton'
import { routeErrorBoundary } from '~/components/RouteError'
import { formatRegistrationCode } from '~/features/events/code'
import { useSessionWhen } from '~/features/events/SessionWhen'
import { useT } from '~/features/i18n/useT'
import { getSessionUser } from '~/features/identity/session.server'
import { keyLinkHeaders } from '~/features/platform/http.server'
import { NO_INDEX, pageTitle } from '~/features/platform/meta'
import { routeParam } from '~/features/platform/params'
import { registrationPageData } from './page.server'

export const meta: MetaFunction = (args) => [...pageTitle(args, 'events.registration.title'), NO_INDEX]

export const headers = keyLinkHeaders

export async function loader({ request, params }: LoaderFunctionArgs) {
  return registrationPageData(await getSessionUser(request), routeParam(params, 'token'), {
    print: new URL(request.url).searchParams.has('print'),
  })
}

const STATUS_CLASS = { confirmed: 'status-ok', waitlisted: 'status-warn', cancelled: 'status-bad' } as const

/**
 * The family's ticket: plain words for when and where, the number to say, the QR code; print, calendar, save. On the
 * waiting list it is no ticket: the place in the list, the number to quote on the phone, and what happens next.
 */
export default function RegistrationPage() {
  const data = useLoaderData<typeof loader>()
  const { t, tk, time } = useT()
  const when = useSessionWhen()
  const active = data.status !== 'cancelled'
  const waiting = data.status === 'waitlisted'
  const here = `/registrations/${data.token}`
  return (
    <section className={`registration-page narrow-wide${data.print ? ' print-view' : ''}`}>
      <h1>{t('events.registration.title')}</h1>
      {data.print ? (
        <p className="no-print panel">
          {t('events.ticket.printHint')} <Link to={here}>{t('events.ticket.printBack')}</Link>
        </p>
      ) : null}
      <div className="panel ticket">
        <h2>
          <Link to={`/events/${data.event.slug}`}>{data.event.title}</Link>
        </h2>
        <p>
          <span className={`status ${STATUS_CLASS[data.status]}`}>{tk(`events.registration.${data.status}`)}</span>
        </p>
        <p role="status" className="lead">
          {data.status === 'confirmed'
            ? t('events.registration.confirmedText')
            : data.status === 'waitlisted'
              ? t('events.registration.waitlistedText', { position: data.position ?? 0 })
              : t('events.registration.cancelledText')}
        </p>
        {waiting ? (
          // A promoted family with an e-mail gets one at once; one with only a phone is on the organiser's call list.
          <p>{data.hasEmail ? t('events.registration.waitlistNextMail') : t('events.registration.waitlistNextCall')}</p>
        ) : null}
        {data.checkedInAt ? <p className="status status-ok">{t('events.registration.checkedIn')}</p> : null}
        {active && data.code ? (
          <p className="ticket-number">
            <span className="ticket-number-label">
              <IconText icon="🔢">{waiting ? t('events.ticket.waitlistNumber') : t('events.ticket.number')}</IconText>
            </span>{' '}
            <strong className="ticket-number-value">{formatRegistrationCode(data.code)}</strong>
            <span className="field-hint">
              {waiting ? t('events.ticket.waitlistNumberHint') : t('events.ticket.numberHint')}
            </span>
          </p>
        ) : null}
        <dl className="event-facts ticket-facts">
          <dt>
            <IconText icon="📅">{t('events.ticket.when')}</IconText>
          </dt>
          <dd>
            <time dateTime={new Date(data.session.startsAt).toISOString()}>
              {when(data.session.startsAt, data.session.endsAt)}
            </time>
          </dd>
          <dt>
            <IconText icon="📍">{t('events.ticket.where')}</IconText>
          </dt>
          <dd>
            {data.event.locationAddress}
            {data.event.locationMapUrl ? (
              <>
                {' · '}
                <a href={data.event.locationMapUrl} rel="noopener noreferrer external" target="_blank">
                  {t('events.map')}
                </a>
              </>
            ) : null}
          </dd>
          <dt>
            <IconText icon="👤">{t('events.registration.name')}</IconText>
          </dt>
          <dd>{data.name}</dd>
          <dt>
            <IconText icon="👪">{t('events.registration.seats')}</IconText>
          </dt>
          <dd>{data.seats}</dd>
          {data.registeredBy ? (
            <>
              <dt>
                <IconText icon="🤝">{t('events.ticket.registeredBy')}</IconText>
              </dt>
              <dd>{data.registeredBy}</dd>
            </>
          ) : null}
        </dl>
        {data.qr ? (
          <figure className="qr">
            <img src={data.qr} alt={t('events.registration.qrAlt')} width={200} height={200} />
            <figcaption>
              <strong>{t('events.registration.qr')}</strong>
              <br />
              {t('events.registration.qrHint')}
            </figcaption>
          </figure>
        ) : null}
      </div>

      {data.canCheckIn ? (
        <div className="panel organiser-box no-print">
          <h2>{t('events.registration.organiserBox')}</h2>
          {data.checkedInAt ? (
            <p>{t('events.checkin.present', { time: time(data.checkedInAt) })}</p>
          ) : (
            <PostButton
              fields={{ intent: 'checkin', registrationId: data.registrationId, returnTo: here }}
              action={`/events/${data.event.slug}/checkin`}
              className="button"
            >
              {t('events.checkin.mark', { name: data.name })}
            </PostButton>
          )}
        </div>
      ) : null}

      {active ? (
        <div className="registration-actions no-print">
          <div className="panel">
            <h2>
              <IconText icon="💾">{t('events.ticket.save')}</IconText>
            </h2>
            <p>{waiting ? t('events.ticket.waitlistSaveHint') : t('events.ticket.saveHint')}</p>
            <p>
              {data.hasEmail
                ? t('events.ticket.savedByMail')
                : waiting
                  ? t('events.ticket.waitlistNoMail')
                  : t('events.ticket.noMail')}
            </p>
            <div className="row">
              <a
                className="button button-secondary"
                href={`/events/${data.event.slug}/calendar.ics?session=${data.session.id}`}
                download
              >
                <IconText icon="📆">{t('events.registration.download')}</IconText>
              </a>
              {waiting ? null : (
                <PrintButton href={`${here}?print`} label={<IconText icon="🖨">{t('events.ticket.print')}</IconText>} />
              )}
            </div>
          </div>
          <Form method="post" action={`/registrations/${data.token}/cancel`} className="panel">
            <p className="muted" id="cancel-hint">
              {waiting ? t('events.registration.cancelHintWaitlisted') : t('events.registration.cancelHint')}
            </p>
            <button type="submit" className="button button-danger" aria-describedby="cancel-hint">
              {t('events.registration.cancel')}
            </button>
          </Form>
        </div>
      ) : null}

      <details className="panel no-print">
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

export const ErrorBoundary = routeErrorBoundary('registrations')
