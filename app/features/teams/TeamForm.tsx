import { DistrictCheckboxes, PostForm, SelectField, TextAreaField, TextField, type FormState } from '~/components/forms'
import { useT } from '~/features/i18n/useT'
import { SubmitWithFindings } from '~/features/privacy/PrivacyFindings'
import { TEAM_KINDS } from '../../../db/schema/identity'
import { TeamSchema } from './schemas'

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
  const { t, enumOptions } = useT()
  return (
    <PostForm className="form panel" state={state} schema={TeamSchema} defaults={defaults}>
      <TextField name="name" label={t('teams.field.name')} />
      <SelectField
        name="kind"
        label={t('teams.field.kind')}
        defaultValue={defaults.kind ?? 'specialised'}
        options={enumOptions(TEAM_KINDS, 'teams.kind')}
      />
      <DistrictCheckboxes name="districtCodes" legend={t('teams.field.districts')} />
      <TextAreaField name="description" label={t('teams.field.description')} rows={3} />
      <SubmitWithFindings
        state={state}
        fieldLabels={{ name: t('teams.field.name'), description: t('teams.field.description') }}
      >
        {submitLabel}
      </SubmitWithFindings>
    </PostForm>
  )
}
