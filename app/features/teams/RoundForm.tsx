import {
  DistrictCheckboxes,
  NumberField,
  PostForm,
  SelectField,
  TextAreaField,
  TextField,
  type FormState,
} from '~/components/forms'
import { useT } from '~/features/i18n/useT'
import { DISTRICTS } from '~/features/platform/districts'
import { SubmitWithFindings } from '~/features/privacy/PrivacyFindings'
import { ROUND_COUNTS } from '../../../db/schema/teams'
import { RoundSchema } from './schemas'

export interface RoundFormDefaults {
  teamId?: string
  roundDate: string
  districtCodes: string[]
  counts?: Partial<Record<(typeof ROUND_COUNTS)[number], number>>
  note?: string
}

/**
 * A field round on a phone, without JavaScript: team, date, districts, six counts (numeric keypad) and an
 * optional note that passes the privacy guard.
 */
export function RoundForm({
  teams,
  defaults,
  state,
  submitLabel,
  today,
}: {
  teams: { id: string; name: string; districtCodes: string[] }[]
  defaults: RoundFormDefaults
  state?: FormState | null
  submitLabel: string
  today: string
}) {
  const { t, tk } = useT()
  // The districts of the person's teams first; coordinators (any team) choose from all 24.
  const own = new Set(teams.flatMap((team) => team.districtCodes))
  const districts = teams.length === 1 && own.size > 0 ? DISTRICTS.filter((d) => own.has(d.code)) : DISTRICTS
  return (
    <PostForm className="form panel round-form" state={state} schema={RoundSchema} defaults={defaults}>
      <SelectField
        name="teamId"
        label={t('rounds.field.team')}
        options={teams.map((team) => ({ value: team.id, label: team.name }))}
      />
      <TextField name="roundDate" type="date" max={today} label={t('rounds.field.date')} />
      <DistrictCheckboxes name="districtCodes" legend={t('rounds.field.districts')} districts={districts} />
      <fieldset className="round-counts">
        <legend>{t('rounds.counts')}</legend>
        {ROUND_COUNTS.map((name) => (
          <NumberField
            key={name}
            name={name}
            step={1}
            label={tk(`rounds.field.${name}`)}
            defaultValue={defaults.counts?.[name] ?? 0}
            required
          />
        ))}
      </fieldset>
      <TextAreaField name="note" label={t('rounds.field.note')} rows={2} />
      <SubmitWithFindings state={state} fieldLabels={{ note: t('rounds.field.note') }}>
        {submitLabel}
      </SubmitWithFindings>
    </PostForm>
  )
}
