import { useT } from '../i18n/useT'

/** Free seats, or "full — waiting list" when none are left. */
export function SeatsBadge({ freeSeats, capacity }: { freeSeats: number; capacity: number }) {
  const { t } = useT()
  if (freeSeats <= 0) return <span className="status status-warn">{t('events.session.full')}</span>
  return <span className="status status-ok">{t('events.session.free', { free: freeSeats, capacity })}</span>
}
