import { DistrictCheckboxes, PostForm, SelectField, TextAreaField, TextField, type FormState } from '~/components/forms'
import { useT } from '~/features/i18n/useT'
import { SubmitWithFindings } from '~/features/privacy/PrivacyFindings'
import { TEAM_KINDS } from '../../../db/schema/identity'

export interface TeamFormDefaults {
  name?: string
  kind?: string
  description?: string
  districtCodes?: string[]
}

/** Create or edit a team: name, kind, districts, what it does (the text passes the privacy guard). */
export function TeamForm({
  defaults,
  state,
  submitLabel,
}: {
  defaults: TeamFormDefaults
  state?: FormState | null
  submitLabel: string
}) {
  const { t, tk } = useT()
  return (
    <PostForm className="form panel" state={state}>
      <TextField name="name" label={t('teams.field.name')} defaultValue={defaults.name} required state={state} />
      <SelectField
        name="kind"
        label={t('teams.field.kind')}
        defaultValue={defaults.kind ?? 'specialised'}
        required
        options={TEAM_KINDS.map((k) => ({ value: k, label: tk(`teams.kind.${k}`) }))}
        state={state}
      />
      <DistrictCheckboxes
        name="districtCodes"
        legend={t('teams.field.districts')}
        checked={defaults.districtCodes ?? []}
        state={state}
      />
      <TextAreaField
        name="description"
        label={t('teams.field.description')}
        defaultValue={defaults.description}
        rows={3}
        state={state}
      />
      <SubmitWithFindings
        state={state}
        fieldLabels={{ name: t('teams.field.name'), description: t('teams.field.description') }}
      >
        {submitLabel}
      </SubmitWithFindings>
    </PostForm>
  )
}
