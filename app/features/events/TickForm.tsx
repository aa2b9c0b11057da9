import { Form } from '@remix-run/react'

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
