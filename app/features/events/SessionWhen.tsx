import { useT } from '../i18n/useT'

/** «четвъртък, 3 декември 2026 г., 09:30–12:00 ч.» in the page's language, Sofia time. */
export function useSessionWhen() {
  const { t, date, time } = useT()
  return (startsAt: Date | string, endsAt: Date | string) =>
    t('events.session.when', {
      date: date(startsAt, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
      from: time(startsAt),
      to: time(endsAt),
    })
}

export function SessionWhen({ startsAt, endsAt }: { startsAt: Date | string; endsAt: Date | string }) {
  const when = useSessionWhen()
  return <time dateTime={new Date(startsAt).toISOString()}>{when(startsAt, endsAt)}</time>
}
