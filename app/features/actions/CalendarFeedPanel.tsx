import { PostButton } from '~/components/forms'
import { useT } from '~/features/i18n/useT'

/** The account page's panel: create, re-create or stop the personal calendar address of my actions. */
export function CalendarFeedPanel({
  feed,
  createdUrl,
}: {
  feed: { createdAt: string } | null
  /** The address just created: shown this once. */
  createdUrl?: string | null
}) {
  const { t, dateTime } = useT()
  return (
    <section className="panel" aria-labelledby="calendar-feed-title">
      <h2 id="calendar-feed-title">{t('actions.calendar.title')}</h2>
      <p className="muted">{t('actions.calendar.intro')}</p>
      {createdUrl ? (
        <div className="notice">
          <label htmlFor="calendar-feed-url">{t('actions.calendar.created')}</label>
          <input id="calendar-feed-url" readOnly value={createdUrl} className="calendar-feed-url" />
        </div>
      ) : feed ? (
        <p>{t('actions.calendar.exists', { date: dateTime(feed.createdAt) })}</p>
      ) : (
        <p>{t('actions.calendar.none')}</p>
      )}
      <div className="row">
        <PostButton name="intent" value="calendar-create" className="button button-secondary">
          {feed ? t('actions.calendar.recreate') : t('actions.calendar.create')}
        </PostButton>
        {feed ? (
          <PostButton name="intent" value="calendar-revoke" className="button button-secondary">
            {t('actions.calendar.revoke')}
          </PostButton>
        ) : null}
      </div>
    </section>
  )
}
