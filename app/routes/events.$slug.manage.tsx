import type { MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'

import { DataTable } from '~/components/DataTable'
import { FilterBar, FilterButtons, FilterSearch, FilterSelect } from '~/components/filters'
import { ErrorSummary, FormScope, FormSubmit, PostButton, PostForm, SelectField, TextField } from '~/components/forms'
import { PageHeader } from '~/components/PageHeader'
import { routeErrorBoundary } from '~/components/RouteError'
import { formatRegistrationCode } from '~/features/events/code'
import { eventDashboard } from '~/features/events/dashboard.server'
import { SessionFields } from '~/features/events/EventForm'
import { addSession, setEventPublished } from '~/features/events/events.server'
import { addRegistrationManually, duplicateRefusal, setSessionCapacity } from '~/features/events/registration.server'
import { AgeGroupField, SeatsField } from '~/features/events/RegistrationForm'
import { CapacitySchema, ManualRegistrationSchema, SessionSchema } from '~/features/events/schemas'
import { useSessionWhen } from '~/features/events/SessionWhen'
import { resolveLocale } from '~/features/i18n/locale.server'
import { translate } from '~/features/i18n/translate'
import { useT } from '~/features/i18n/useT'
import { signedIn, type RouteArgs } from '~/features/identity/session.server'
import { flashingRedirect } from '~/features/platform/flash.server'
import { intent, NO_INPUT, runIntent } from '~/features/platform/forms.server'
import { pageTitle } from '~/features/platform/meta'
import { pageCount } from '~/features/platform/paging'
import { queryChoice, queryInt, queryText, queryUuid, routeParam } from '~/features/platform/params'
import { formatBulgarianPhone } from '~/features/privacy/phone'
import { REGISTRATION_STATUSES } from '../../db/schema/events'

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, 'events.manage.title', { title: args.data?.event.title ?? '' })

export const loader = (args: RouteArgs) =>
  signedIn(args, async ({ user, request, params }) => {
    const url = new URL(request.url)
    const q = queryText(url, 'q', 100)
    const sessionId = queryUuid(url, 'session')
    const status = queryChoice(url, 'status', REGISTRATION_STATUSES)
    const dashboard = await eventDashboard(user, routeParam(params, 'slug'), { q, sessionId, status })
    const pages = pageCount(dashboard.registrants.length, PAGE_SIZE)
    const page = Math.min(pages, queryInt(url, 'page') ?? 1)
    const { event } = dashboard
    return {
      event: {
        slug: event.slug,
        title: event.title,
        kind: event.kind,
        status: event.status,
        personalDataErasedAt: event.personalDataErasedAt,
      },
      sessions: dashboard.sessions,
      registrants: dashboard.registrants.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
      total: dashboard.registrants.length,
      page,
      pages,
      ageGroups: dashboard.ageGroups,
      erasureDate: dashboard.erasureDate,
      q,
      sessionId: sessionId ?? '',
      status: status ?? '',
    }
  })

/** The dashboard's forms: each ends in a redirect with a message, or the form back with errors. */
export const action = (args: RouteArgs) =>
  signedIn(args, async ({ user, request, params }) => {
    const slug = routeParam(params, 'slug')
    const here = new URL(request.url).pathname
    const done = flashingRedirect(request, here)
    const published = (publish: boolean) =>
      intent(NO_INPUT, async () => {
        await setEventPublished(user, slug, publish)
        return done(publish ? 'events.flash.published' : 'events.flash.unpublished')
      })
    return runIntent(await request.formData(), {
      capacity: intent(CapacitySchema, async ({ sessionId, capacity }) =>
        done('events.flash.capacitySaved', { promoted: await setSessionCapacity(user, slug, sessionId, capacity) }),
      ),
      session: intent(SessionSchema, async (input) => {
        await addSession(user, slug, input)
        return done('events.flash.sessionAdded')
      }),
      add: intent(ManualRegistrationSchema, async (input) => {
        const locale = await resolveLocale(request, user)
        const outcome = await addRegistrationManually(user, slug, { ...input, locale })
        if (outcome.kind === 'duplicate') throw duplicateRefusal(outcome, { onField: true })
        return done('events.flash.added', { status: translate(locale, `events.registration.${outcome.status}`) })
      }),
      publish: published(true),
      unpublish: published(false),
    })
  })

const STATUS_CLASS = { confirmed: 'status-ok', waitlisted: 'status-warn', cancelled: 'status-bad' } as const
const PAGE_SIZE = 100

export default function ManageEvent() {
  const data = useLoaderData<typeof loader>()
  const state = useActionData<typeof action>()
  const { t, tk, date, dateTime, number } = useT()
  const when = useSessionWhen()
  const { event } = data
  const stateFor = (intent: string) => (state?.values?.intent === intent ? state : null)
  const upcoming = data.sessions.filter((s) => new Date(s.session.startsAt).getTime() > Date.now())
  const whenOf = new Map(data.sessions.map((s) => [s.session.id, when(s.session.startsAt, s.session.endsAt)]))
  const pageLink = (page: number) => {
    const query = new URLSearchParams({ q: data.q, session: data.sessionId, status: data.status, page: String(page) })
    return `?${query.toString()}#registrants`
  }
  return (
    <section>
      <PageHeader
        title={t('events.manage.title', { title: event.title })}
        back={{ to: `/events/${event.slug}`, label: event.title }}
      />
      {/* A <div>, not a <p>: a <form> inside a <p> is invalid HTML, the parser splits it and hydration fails. */}
      <div className="row">
        <span className={`status ${event.status === 'published' ? 'status-ok' : 'status-warn'}`}>
          {tk(`events.status.${event.status}`)}
        </span>
        <Link className="button button-secondary button-small" to={`/events/${event.slug}/edit`}>
          {t('events.manage.edit')}
        </Link>
        <Link className="button button-secondary button-small" to={`/events/${event.slug}/checkin`}>
          {t('events.manage.checkin')}
        </Link>
        <Link className="button button-secondary button-small" to={`/events/${event.slug}/calls`}>
          {t('events.calls.link')}
        </Link>
        <a className="button button-secondary button-small" href={`/events/${event.slug}/registrations.csv`} download>
          {t('events.manage.exportCsv')}
        </a>
        <PostButton
          formClassName="inline-form"
          name="intent"
          value={event.status === 'published' ? 'unpublish' : 'publish'}
          className="button button-small"
        >
          {t(event.status === 'published' ? 'events.manage.unpublish' : 'events.manage.publish')}
        </PostButton>
      </div>
      <ErrorSummary state={state} />
      <p className="muted">
        {event.personalDataErasedAt
          ? t('events.manage.retentionDone', { date: date(event.personalDataErasedAt) })
          : data.erasureDate
            ? t('events.manage.retention', { date: date(data.erasureDate) })
            : null}
      </p>

      <h2>{t('events.manage.counts')}</h2>
      <DataTable
        caption={t('events.manage.counts')}
        rows={data.sessions}
        rowKey={(s) => s.session.id}
        columns={[
          { header: t('events.manage.col.session'), rowHeader: true, cell: (s) => whenOf.get(s.session.id) },
          {
            header: t('events.manage.col.capacity'),
            cell: (s) => (
              <Form method="post" className="row capacity-form">
                <input type="hidden" name="intent" value="capacity" />
                <input type="hidden" name="sessionId" value={s.session.id} />
                <label htmlFor={`capacity-${s.session.id}`} className="visually-hidden">
                  {t('events.manage.capacityLabel', { when: whenOf.get(s.session.id) ?? '' })}
                </label>
                <input
                  id={`capacity-${s.session.id}`}
                  name="capacity"
                  type="number"
                  min={1}
                  max={10000}
                  required
                  className="input-narrow"
                  defaultValue={
                    stateFor('capacity')?.values?.sessionId === s.session.id
                      ? stateFor('capacity')?.values?.capacity
                      : String(s.session.capacity)
                  }
                />
                <button type="submit" className="button button-small button-secondary">
                  {t('events.manage.setCapacity')}
                </button>
              </Form>
            ),
          },
          { header: t('events.manage.col.confirmed'), cell: (s) => number(s.confirmedSeats) },
          { header: t('events.manage.col.free'), cell: (s) => number(s.freeSeats) },
          { header: t('events.manage.col.waitlist'), cell: (s) => number(s.waitlisted) },
          { header: t('events.manage.col.cancelled'), cell: (s) => number(s.cancelled) },
          { header: t('events.manage.col.checkedIn'), cell: (s) => number(s.checkedIn) },
        ]}
      />

      <details className="panel" open={!!stateFor('session')}>
        <summary>{t('events.manage.addSession')}</summary>
        <PostForm className="form" intent="session">
          <SessionFields legend={t('events.manage.addSession')} state={stateFor('session')} />
          <FormSubmit>{t('events.manage.addSession')}</FormSubmit>
        </PostForm>
      </details>

      {upcoming.length > 0 ? (
        <details className="panel" open={!!stateFor('add')}>
          <summary>{t('events.manage.manualAdd')}</summary>
          <PostForm className="form" heading={<p className="muted">{t('events.manage.manualAddHint')}</p>} intent="add">
            {/* The page announces a refusal at its top; the fields show theirs. */}
            <FormScope state={stateFor('add')} schema={ManualRegistrationSchema}>
              <SelectField
                name="sessionId"
                label={t('events.register.session')}
                options={upcoming.map((s) => ({ value: s.session.id, label: whenOf.get(s.session.id) ?? '' }))}
              />
              <TextField name="name" label={t('events.register.name')} />
              <TextField name="email" type="email" label={t('events.register.email')} />
              <TextField name="phone" type="tel" label={t('events.register.phone')} />
              <SeatsField max={50} />
              {event.kind === 'open_day' ? <AgeGroupField /> : null}
            </FormScope>
            <FormSubmit>{t('events.manage.add')}</FormSubmit>
          </PostForm>
        </details>
      ) : null}

      {data.ageGroups.length > 0 ? (
        <div className="panel">
          <h2>{t('events.manage.ageGroups')}</h2>
          <ul>
            {data.ageGroups.map((g) => (
              <li key={g.group}>
                {tk(`events.ageGroup.${g.group}`)}: {number(g.count)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <h2 id="registrants">
        {t('events.manage.registrants')} ({number(data.total)})
      </h2>
      <FilterBar
        values={{ q: data.q, session: data.sessionId, status: data.status }}
        prefix="registrants"
        className="row panel"
        role="search"
        aria-labelledby="registrants"
      >
        <FilterSearch label={t('events.manage.search')} />
        <FilterSelect
          name="session"
          label={t('events.register.session')}
          all={t('events.checkin.all')}
          options={data.sessions.map((s) => ({ value: s.session.id, label: whenOf.get(s.session.id) ?? '' }))}
        />
        <FilterSelect
          name="status"
          label={t('common.status')}
          values={REGISTRATION_STATUSES}
          labelKey="events.registration"
        />
        <FilterButtons apply={t('common.search')} className="button button-small" />
      </FilterBar>
      <DataTable
        caption={t('events.manage.registrants')}
        empty={<p className="panel">{t('events.manage.noRegistrants')}</p>}
        rows={data.registrants}
        columns={[
          {
            header: t('events.manage.col.name'),
            cell: (r) => (
              <>
                {r.erased ? <span className="muted">{t('events.manage.erased')}</span> : r.name}
                {r.code ? <div className="muted">№ {formatRegistrationCode(r.code)}</div> : null}
              </>
            ),
          },
          {
            header: t('events.manage.col.contact'),
            cell: (r) => (
              <>
                {r.email ? <a href={`mailto:${r.email}`}>{r.email}</a> : null}
                {r.phone ? (
                  <div>
                    <a href={`tel:${r.phone}`}>{formatBulgarianPhone(r.phone)}</a>
                  </div>
                ) : null}
              </>
            ),
          },
          { header: t('events.manage.col.session'), cell: (r) => whenOf.get(r.sessionId) },
          { header: t('events.manage.col.seats'), cell: (r) => number(r.seats) },
          {
            header: t('events.manage.col.status'),
            cell: (r) => (
              <>
                <span className={`status ${STATUS_CLASS[r.status]}`}>{tk(`events.registration.${r.status}`)}</span>
                {r.position ? <span className="muted"> №{r.position}</span> : null}
                {r.checkedInAt ? (
                  <div className="muted">{t('events.checkin.present', { time: dateTime(r.checkedInAt) })}</div>
                ) : null}
              </>
            ),
          },
          { header: t('events.manage.col.registered'), cell: (r) => dateTime(r.createdAt) },
          {
            header: t('events.manage.col.source'),
            cell: (r) => (
              <>
                {tk(`events.manage.source.${r.source}`)}
                {r.registeredBy ? <div className="muted">{r.registeredBy}</div> : null}
              </>
            ),
          },
        ]}
      />
      {data.pages > 1 ? (
        <nav className="pagination" aria-label={t('common.pagination')}>
          {data.page > 1 ? <Link to={pageLink(data.page - 1)}>{t('common.previous')}</Link> : null}
          <span>{t('common.page', { page: data.page, pages: data.pages })}</span>
          {data.page < data.pages ? <Link to={pageLink(data.page + 1)}>{t('common.next')}</Link> : null}
        </nav>
      ) : null}
    </section>
  )
}

export const ErrorBoundary = routeErrorBoundary('events')
