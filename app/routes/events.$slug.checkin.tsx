import type { MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'

import { FilterBar, FilterButtons, FilterSelect } from '~/components/filters'
import { formatRegistrationCode } from '~/features/events/code'
import { checkInList } from '~/features/events/dashboard.server'
import { setCheckedIn } from '~/features/events/registration.server'
import { useSessionWhen } from '~/features/events/SessionWhen'
import { tickListAction } from '~/features/events/tick.server'
import { TickList, TickListHeader } from '~/features/events/TickList'
import { useT } from '~/features/i18n/useT'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { safeRedirectPath } from '~/features/platform/http.server'
import { pageTitle } from '~/features/platform/meta'
import { queryText, queryUuid, routeParam } from '~/features/platform/params'
import { formatBulgarianPhone } from '~/features/privacy/phone'

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, 'events.checkin.title', { title: args.data?.event.title ?? '' })

export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user, request, params }) => {
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
export const action = (args: RouteArgs) =>
  tickListAction(args, (user, slug) => ({
    intents: ['checkin', 'undo'],
    mark: (registrationId, present) => setCheckedIn(user, slug, registrationId, present),
    // The safe path comes percent-encoded, so a typed-in Cyrillic search fits the Location header.
    back: (form) => safeRedirectPath(form.get('returnTo'), `/events/${slug}/checkin`),
    flash: ['events.flash.checkedIn', 'events.flash.checkInUndone'],
  }))

export default function CheckIn() {
  const data = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const { t } = useT()
  const when = useSessionWhen()
  const whenOf = new Map(data.sessions.map((s) => [s.id, when(s.startsAt, s.endsAt)]))
  const query = new URLSearchParams({ q: data.q, session: data.sessionId })
  const returnTo = `/events/${data.event.slug}/checkin?${query.toString()}`
  return (
    <section>
      <TickListHeader
        title={t('events.checkin.title', { title: data.event.title })}
        slug={data.event.slug}
        state={state}
        counts={t('events.checkin.counts', { present: data.present, confirmed: data.confirmed })}
      />
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
        <TickList
          registrants={data.registrants}
          tickedAt={(r) => r.checkedInAt}
          tickedNote={(time) => t('events.checkin.present', { time })}
          tick={{ intent: 'checkin', label: t('events.checkin.markShort') }}
          undoIntent="undo"
          returnTo={returnTo}
          line={(r, name) => {
            const code = r.code ? <span className="tag">№ {formatRegistrationCode(r.code)}</span> : null
            return (
              <>
                {code} <strong>{name}</strong> · {r.seats} · <span className="muted">{whenOf.get(r.sessionId)}</span>
                {r.phone ? <div className="muted">{formatBulgarianPhone(r.phone)}</div> : null}
              </>
            )
          }}
        />
      )}
    </section>
  )
}
