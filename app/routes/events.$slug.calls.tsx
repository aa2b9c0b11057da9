import type { MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'

import { IconText } from '~/components/IconText'
import { callList, setCalled } from '~/features/events/calls.server'
import { formatRegistrationCode } from '~/features/events/code'
import { useSessionWhen } from '~/features/events/SessionWhen'
import { tickListAction } from '~/features/events/tick.server'
import { TickList, TickListHeader } from '~/features/events/TickList'
import { useT } from '~/features/i18n/useT'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { pageTitle } from '~/features/platform/meta'
import { routeParam } from '~/features/platform/params'
import { formatBulgarianPhone } from '~/features/privacy/phone'

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, 'events.calls.title', { title: args.data?.event.title ?? '' })

export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user, params }) => {
    const list = await callList(user, routeParam(params, 'slug'))
    return {
      event: { slug: list.event.slug, title: list.event.title },
      until: list.until,
      sessions: list.sessions.map(({ session, calls }) => ({
        id: session.id,
        startsAt: session.startsAt,
        endsAt: session.endsAt,
        calls,
      })),
      called: list.called,
      total: list.total,
    }
  })

/** One click ticks a family off (or back on), then the list again. */
export const action = (args: RouteArgs) =>
  tickListAction(args, (user, slug) => ({
    intents: ['called', 'uncalled'],
    mark: (registrationId, called) => setCalled(user, slug, registrationId, called),
    back: () => `/events/${slug}/calls`,
    flash: ['events.flash.called', 'events.flash.callUndone'],
  }))

export default function CallList() {
  const data = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const { t } = useT()
  const when = useSessionWhen()
  return (
    <section>
      <TickListHeader
        title={t('events.calls.title', { title: data.event.title })}
        slug={data.event.slug}
        state={state}
        intro={t('events.calls.intro')}
        counts={t('events.calls.counts', { called: data.called, total: data.total })}
      />
      {data.sessions.every((s) => s.calls.length === 0) ? <p className="panel">{t('events.calls.empty')}</p> : null}
      {data.sessions
        .filter((s) => s.calls.length > 0)
        .map((s) => (
          <section key={s.id} aria-labelledby={`calls-${s.id}`}>
            <h2 id={`calls-${s.id}`}>{when(s.startsAt, s.endsAt)}</h2>
            <TickList
              registrants={s.calls}
              tickedAt={(c) => c.calledAt}
              tickedNote={(time) => t('events.calls.calledAt', { time })}
              tick={{ intent: 'called', label: t('events.calls.mark') }}
              undoIntent="uncalled"
              line={(c, name) => (
                <>
                  <strong>{name}</strong> ·{' '}
                  <a href={`tel:${c.phone}`}>
                    <IconText icon="☎">{formatBulgarianPhone(c.phone)}</IconText>
                  </a>
                  <div className="muted">
                    {t('events.calls.seats', { seats: c.seats })}
                    {c.code ? ` · № ${formatRegistrationCode(c.code)}` : null}
                  </div>
                </>
              )}
            />
          </section>
        ))}
    </section>
  )
}
