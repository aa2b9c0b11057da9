import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'

import type { MessageKey } from '../features/i18n/translate'
import { useT } from '../features/i18n/useT'

const KNOWN_STATUSES = [400, 401, 403, 404, 413, 422, 429] as const

export interface RouteErrorProps {
  /** What is missing, in the page's words ("This case does not exist or was removed."). */
  notFound: MessageKey
  /** Where to go instead: the list the page belongs to. */
  back: { to: string; label: MessageKey }
}

/**
 * A page's own error, rendered inside the app's layout (header, navigation and language stay): a
 * missing case, event, course or room says so, and links back to its list; other statuses use the
 * shared messages.
 */
export function RouteError({ notFound, back }: RouteErrorProps) {
  const error = useRouteError()
  const { t, tk } = useT()
  const status = isRouteErrorResponse(error) ? error.status : 500
  const message =
    status === 404
      ? t(notFound)
      : tk((KNOWN_STATUSES as readonly number[]).includes(status) ? `errors.${status}` : 'errors.500')
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">{t('errors.title')}</h1>
      <p className="error-status">{status}</p>
      <p>{message}</p>
      <p>
        <Link to={back.to}>{t(back.label)}</Link>
      </p>
    </section>
  )
}

/**
 * Each section's missing page, written once: what is missing, in the page's words, and the list to go back to.
 * Every page of a section (a case, its history, its edit form…) fails the same way.
 */
const SECTION_ERRORS = {
  cases: { notFound: 'cases.notFound', back: { to: '/cases', label: 'cases.backToList' } },
  chat: { notFound: 'chat.notFound', back: { to: '/chat', label: 'chat.backToList' } },
  events: { notFound: 'events.notFound', back: { to: '/events', label: 'events.backToList' } },
  practices: { notFound: 'practices.notFound', back: { to: '/practices', label: 'practices.backToList' } },
  // A family's ticket link (/registrations/:token) that opens nothing: erased, by the family or after the event.
  registrations: { notFound: 'events.registration.notFound', back: { to: '/events', label: 'events.backToList' } },
  rounds: { notFound: 'rounds.empty', back: { to: '/rounds', label: 'rounds.title' } },
  teams: { notFound: 'teams.notFound', back: { to: '/teams', label: 'teams.backToList' } },
  users: { notFound: 'admin.users.notFound', back: { to: '/admin/users', label: 'admin.users' } },
  training: { notFound: 'training.notFound', back: { to: '/training', label: 'training.backToList' } },
} satisfies Record<string, RouteErrorProps>

export type Section = keyof typeof SECTION_ERRORS

/** The route export: `export const ErrorBoundary = routeErrorBoundary('cases')`. */
export function routeErrorBoundary(section: Section) {
  const props = SECTION_ERRORS[section]
  return function ErrorBoundary() {
    return <RouteError {...props} />
  }
}
