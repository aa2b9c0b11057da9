import { TextField, type FormState } from '~/components/forms'
import { useT } from '~/features/i18n/useT'
import { OwnerSelect } from './ActionPlan'
import type { OwnerChoices } from './actions.server'
import { ACTION_TEXT_MAX, MINUTES_ACTION_ROWS, minutesActionField } from './schemas'

/** The minutes form's "agreed actions": a few rows of text, owner and due date; empty rows are skipped. */
export function MinutesActionRows({
  owners,
  today,
  state,
}: {
  owners: OwnerChoices
  today: string
  state?: FormState | null
}) {
  const { t } = useT()
  return (
    <fieldset className="minutes-actions">
      <legend>{t('actions.minutes.title')}</legend>
      <p className="field-hint">{t('actions.minutes.hint')}</p>
      {Array.from({ length: MINUTES_ACTION_ROWS }, (_, i) => i + 1).map((row) => (
        <fieldset key={row} className="minutes-action-row">
          <legend>{t('actions.minutes.row', { row })}</legend>
          <TextField
            name={minutesActionField(row, 'text')}
            label={t('actions.field.text')}
            maxLength={ACTION_TEXT_MAX}
            state={state}
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
    </fieldset>
  )
}
