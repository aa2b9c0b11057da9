import { DistrictSelect, FormScope, NumberField, SelectField, TextField, type FormState } from '~/components/forms'
import { RichTextEditor } from '~/components/RichTextEditor'
import { EVENT_AUDIENCES, type EventKind } from '../../../db/schema/events'
import { useT } from '../i18n/useT'
import { PrivacyFindings } from '../privacy/PrivacyFindings'
import type { RichTextDoc } from '../richtext/document'
import { EventDetailsSchema, SessionSchema } from './schemas'

export interface EventFormDefaults {
  kind?: EventKind
  title?: string
  descriptionDoc?: RichTextDoc | null
  organiserInstitutionId?: string
  districtCode?: string | null
  locationAddress?: string
  locationMapUrl?: string | null
  audience?: string
  retentionDays?: number
}

interface Props {
  kinds: readonly EventKind[]
  organisers: { id: string; name: string }[]
  defaults: EventFormDefaults
  state?: FormState | null
}

/** The event's own fields, shared by "new event" and "edit event". */
export function EventFields({ kinds, organisers, defaults, state }: Props) {
  const { t, enumOptions } = useT()
  return (
    <FormScope schema={EventDetailsSchema} defaults={defaults} state={state}>
      <SelectField
        name="kind"
        label={t('events.form.kind')}
        defaultValue={defaults.kind ?? kinds[0]}
        options={enumOptions(kinds, 'events.kind')}
      />
      <TextField name="title" label={t('events.form.title')} />
      <RichTextEditor
        key={`description-${state?.privacy?.nonce ?? 0}`}
        name="description"
        label={t('events.form.description')}
        defaultDoc={defaults.descriptionDoc ?? null}
      />
      <PrivacyFindings
        state={state}
        fieldLabels={{ title: t('events.form.title'), description: t('events.form.description') }}
      />
      <SelectField
        name="organiserInstitutionId"
        label={t('events.form.organiser')}
        options={organisers.map((o) => ({ value: o.id, label: o.name }))}
      />
      <DistrictSelect name="districtCode" label={t('events.form.district')} placeholder={t('common.noDistrict')} />
      <TextField name="locationAddress" label={t('events.form.address')} autoComplete="street-address" />
      <TextField name="locationMapUrl" type="url" label={t('events.form.mapUrl')} hint={t('events.form.mapUrlHint')} />
      <SelectField
        name="audience"
        label={t('events.form.audience')}
        defaultValue={defaults.audience ?? 'public'}
        options={enumOptions(EVENT_AUDIENCES, 'events.audience')}
      />
      <NumberField
        name="retentionDays"
        label={t('events.form.retention')}
        defaultValue={defaults.retentionDays ?? 30}
      />
    </FormScope>
  )
}

/** What a new date starts with. */
const NEW_SESSION = { startTime: '10:00', endTime: '12:00', capacity: 40, maxSeats: 5 }

/** Date, times and seats of one session (Sofia time). */
export function SessionFields({ state, legend }: { state?: FormState | null; legend: string }) {
  const { t } = useT()
  return (
    <fieldset className="session-fields">
      <legend>{legend}</legend>
      <div className="grid">
        <FormScope schema={SessionSchema} defaults={NEW_SESSION} state={state}>
          <TextField name="date" type="date" label={t('events.form.date')} />
          <TextField name="startTime" type="time" label={t('events.form.startTime')} />
          <TextField name="endTime" type="time" label={t('events.form.endTime')} />
          <NumberField name="capacity" label={t('events.form.capacity')} />
          <NumberField name="maxSeats" label={t('events.form.maxSeats')} />
        </FormScope>
      </div>
    </fieldset>
  )
}
