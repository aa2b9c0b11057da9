import { useEffect, useState } from 'react'

import { TextField, type FormState } from '~/components/forms'
import { useT } from '~/features/i18n/useT'
import { OwnerSelect } from './ActionPlan'
import type { OwnerChoices } from './actions.server'
import { ACTION_TEXT_MAX, MINUTES_ACTION_ROWS_MAX, minutesActionField, minutesActionRowCount } from './schemas'

/**
 * The minutes form's "agreed actions": rows of text, owner and due date; empty rows are skipped. "One more row"
 * adds an empty row in the browser; without JavaScript it posts the form (intent `action-row`), which comes back
 * as sent with one more row (`addedRow`) whose first field has the focus.
 */
export function MinutesActionRows({
  owners,
  today,
  state,
  addedRow,
  redactions = 0,
}: {
  owners: OwnerChoices
  today: string
  state?: FormState | null
  addedRow?: number
  /** The redact button's count: each answer mounts the rows again, so they show the redacted texts. */
  redactions?: number
}) {
  const { t } = useT()
  const sent = Math.max(minutesActionRowCount(state?.values ?? {}), addedRow ?? 0)
  const [rows, setRows] = useState(sent)
  const [added, setAdded] = useState<number | null>(addedRow ?? null)
  // A form that came back from the server (a refusal) keeps at least the rows it was sent with.
  useEffect(() => setRows((current) => Math.max(current, sent)), [sent])
  useEffect(() => {
    if (added) document.getElementById(`f-${minutesActionField(added, 'text')}`)?.focus()
  }, [added])
  return (
    <fieldset className="minutes-actions">
      <legend>{t('actions.minutes.title')}</legend>
      <p className="field-hint">{t('actions.minutes.hint')}</p>
      {Array.from({ length: rows }, (_, i) => i + 1).map((row) => (
        <fieldset key={`${row}-${redactions}`} className="minutes-action-row">
          <legend>{t('actions.minutes.row', { row })}</legend>
          <TextField
            name={minutesActionField(row, 'text')}
            label={t('actions.field.text')}
            maxLength={ACTION_TEXT_MAX}
            state={state}
            autoFocus={row === addedRow}
          />
          <OwnerSelect name={minutesActionField(row, 'owner')} owners={owners} state={state} />
          <TextField
            name={minutesActionField(row, 'due')}
            type="date"
            min={today}
            label={t('actions.field.dueDate')}
            state={state}
          />
        </fieldset>
      ))}
      <p className="visually-hidden" role="status">
        {added ? t('actions.minutes.rowAdded', { row: added }) : ''}
      </p>
      {rows < MINUTES_ACTION_ROWS_MAX ? (
        <button
          type="submit"
          name="intent"
          value="action-row"
          className="button button-secondary"
          onClick={(event) => {
            event.preventDefault()
            setRows(rows + 1)
            setAdded(rows + 1)
          }}
        >
          {t('actions.minutes.moreRows')}
        </button>
      ) : null}
    </fieldset>
  )
}
