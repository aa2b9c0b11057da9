import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'

import { ErrorSummary, type FormState } from '../../components/forms'
import { PageHeader } from '../../components/PageHeader'
import { useT } from '../i18n/useT'

interface TickFormProps {
  registrationId: string
  /** Who it is: read after the button's text by screen readers, where a list has many alike. */
  name: string
  /** Ticked already: the form offers the undo. */
  done: boolean
  /** The intents and the label of the tick (the undo says "undo"). */
  tick: { intent: string; label: string }
  undoIntent: string
  /** Where to come back to (the check-in keeps its search). */
  returnTo?: string
}

/** A registrant's tick on a working list (present at the check-in, called on the call list), or its undo. */
export function TickForm({ registrationId, name, done, tick, undoIntent, returnTo }: TickFormProps) {
  const { t } = useT()
  return (
    <Form method="post">
      <input type="hidden" name="registrationId" value={registrationId} />
      {returnTo ? <input type="hidden" name="returnTo" value={returnTo} /> : null}
      {done ? (
        <button type="submit" name="intent" value={undoIntent} className="button button-secondary button-small">
          {t('events.checkin.undoShort')}
          <span className="visually-hidden"> – {name}</span>
        </button>
      ) : (
        <button type="submit" name="intent" value={tick.intent} className="button">
          {tick.label}
          <span className="visually-hidden"> – {name}</span>
        </button>
      )}
    </Form>
  )
}

interface TickListProps<Item extends { id: string; name: string | null }> extends Pick<
  TickFormProps,
  'tick' | 'undoIntent' | 'returnTo'
> {
  registrants: readonly Item[]
  /** Who it is, before the tick; `name` is the registrant's, or "erased" when the personal data is gone. */
  line: (registrant: Item, name: string) => ReactNode
  /** When the registrant was ticked (present, called), or null. */
  tickedAt: (registrant: Item) => Date | string | null
  /** The line's note once ticked ("present since 10:05"), given the time of day. */
  tickedNote: (time: string) => string
}

/** A working list of registrants, each line ending in its tick or its undo; ticked lines are marked. */
export function TickList<Item extends { id: string; name: string | null }>({
  registrants,
  line,
  tickedAt,
  tickedNote,
  ...tick
}: TickListProps<Item>) {
  const { t, time } = useT()
  return (
    <ul className="checkin-list">
      {registrants.map((r) => {
        const name = r.name ?? t('events.manage.erased')
        const at = tickedAt(r)
        return (
          <li key={r.id} className={`panel row${at ? ' checked-in' : ''}`}>
            <div className="grow">
              {line(r, name)}
              {at ? <div className="status status-ok">{tickedNote(time(at))}</div> : null}
            </div>
            <TickForm registrationId={r.id} name={name} done={Boolean(at)} {...tick} />
          </li>
        )
      })}
    </ul>
  )
}

/** The top of a tick list page: its title, the way back to the event's dashboard, a refused tick, and the counts. */
export function TickListHeader({
  title,
  slug,
  state,
  intro,
  counts,
}: {
  title: string
  slug: string
  state: FormState | undefined
  intro?: string
  counts: string
}) {
  const { t } = useT()
  return (
    <>
      <PageHeader title={title} back={{ to: `/events/${slug}/manage`, label: t('common.back') }} />
      <ErrorSummary state={state} />
      {intro ? <p>{intro}</p> : null}
      <p className="lead" role="status">
        {counts}
      </p>
    </>
  )
}
