import type { MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'

import { FilterBar, FilterButtons, FilterSelect } from '~/components/filters'
import { ErrorSummary } from '~/components/forms'
import { PageHeader } from '~/components/PageHeader'
import { formatRegistrationCode } from '~/features/events/code'
import { checkInList } from '~/features/events/dashboard.server'
import { setCheckedIn } from '~/features/events/registration.server'
import { useSessionWhen } from '~/features/events/SessionWhen'
import { tickIntents } from '~/features/events/tick.server'
import { TickForm } from '~/features/events/TickForm'
import { useT } from '~/features/i18n/useT'
import { signedIn } from '~/features/identity/session.server'
import { runIntent } from '~/features/platform/forms.server'
import { safeRedirectPath } from '~/features/platform/http.server'
import { pageTitle } from '~/features/platform/meta'
import { queryText, queryUuid, routeParam } from '~/features/platform/params'
import { formatBulgarianPhone } from '~/features/privacy/phone'

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, 'events.checkin.title', { title: args.data?.event.title ?? '' })

export const loader = signedIn(async ({ user, request, params }) => {
  const url = new URL(request.url)
  const q = queryText(url, 'q', 300)
  const sessionId = queryUuid(url, 'session')
  const list = await checkInList(user, routeParam(params, 'slug'), { q, sessionId })
  return {
    event: { slug: list.event.slug, title: list.event.title },
    sessions: list.sessions.map((s) => ({ id: s.id, startsAt: s.startsAt, endsAt: s.endsAt })),
    registrants: list.registrants,
    present: list.present,
    confirmed: list.confirmed,
    q: list.scanned ? '' : q,
    sessionId: sessionId ?? '',
  }
})

/** One click marks a confirmed registrant present (or undoes it), then returns to the same search. */
export const action = signedIn(async ({ user, request, params }) => {
  const slug = routeParam(params, 'slug')
  return runIntent(
    await request.formData(),
    tickIntents(request, {
      intents: ['checkin', 'undo'],
      mark: (registrationId, present) => setCheckedIn(user, slug, registrationId, present),
      // The safe path comes percent-encoded, so a typed-in Cyrillic search fits the Location header.
      back: (form) => safeRedirectPath(form.get('returnTo'), `/events/${slug}/checkin`),
      flash: ['events.flash.checkedIn', 'events.flash.checkInUndone'],
    }),
  )
})

export default function CheckIn() {
  const data = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const { t, time } = useT()
  const when = useSessionWhen()
  const whenOf = new Map(data.sessions.map((s) => [s.id, when(s.startsAt, s.endsAt)]))
  const query = new URLSearchParams({ q: data.q, session: data.sessionId })
  const returnTo = `/events/${data.event.slug}/checkin?${query.toString()}`
  return (
    <section>
      <PageHeader
        title={t('events.checkin.title', { title: data.event.title })}
        back={{ to: `/events/${data.event.slug}/manage`, label: t('common.back') }}
      />
      <ErrorSummary state={state} />
      <p className="lead" role="status">
        {t('events.checkin.counts', { present: data.present, confirmed: data.confirmed })}
      </p>
      <FilterBar
        values={{ session: data.sessionId }}
        prefix="checkin"
        className="row panel"
        role="search"
        aria-label={t('events.checkin.searchLabel')}
      >
        <div className="field grow">
          <label htmlFor="checkin-q">{t('events.checkin.searchLabel')}</label>
          <p id="checkin-q-hint" className="field-hint">
            {t('events.checkin.searchHint')}
          </p>
          <input
            id="checkin-q"
            name="q"
            type="search"
            defaultValue={data.q}
            aria-describedby="checkin-q-hint"
            autoComplete="off"
          />
        </div>
        {data.sessions.length > 1 ? (
          <FilterSelect
            name="session"
            label={t('events.register.session')}
            all={t('events.checkin.all')}
            options={data.sessions.map((s) => ({ value: s.id, label: whenOf.get(s.id) ?? '' }))}
          />
        ) : null}
        <FilterButtons apply={t('common.search')} />
      </FilterBar>
      {data.registrants.length === 0 ? (
        <p className="panel">{t('events.checkin.noResults')}</p>
      ) : (
        <ul className="checkin-list">
          {data.registrants.map((r) => {
            const name = r.name ?? t('events.manage.erased')
            return (
              <li key={r.id} className={`panel row${r.checkedInAt ? ' checked-in' : ''}`}>
                <div className="grow">
                  {r.code ? <span className="tag">№ {formatRegistrationCode(r.code)}</span> : null}{' '}
                  <strong>{name}</strong> · {r.seats} · <span className="muted">{whenOf.get(r.sessionId)}</span>
                  {r.phone ? <div className="muted">{formatBulgarianPhone(r.phone)}</div> : null}
                  {r.checkedInAt ? (
                    <div className="status status-ok">{t('events.checkin.present', { time: time(r.checkedInAt) })}</div>
                  ) : null}
                </div>
                <TickForm
                  registrationId={r.id}
                  name={name}
                  done={Boolean(r.checkedInAt)}
                  tick={{ intent: 'checkin', label: t('events.checkin.markShort') }}
                  undoIntent="undo"
                  returnTo={returnTo}
                />
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}
