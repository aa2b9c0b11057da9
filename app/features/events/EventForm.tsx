import { DistrictSelect, NumberField, SelectField, TextField, type FormState } from '~/components/forms'
import { RichTextEditor } from '~/components/RichTextEditor'
import { EVENT_AUDIENCES, type EventKind } from '../../../db/schema/events'
import { useT } from '../i18n/useT'
import { PrivacyFindings } from '../privacy/PrivacyFindings'
import type { RichTextDoc } from '../richtext/document'

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
  const { t, tk } = useT()
  return (
    <>
      <SelectField
        name="kind"
        label={t('events.form.kind')}
        required
        defaultValue={defaults.kind ?? kinds[0]}
        options={kinds.map((k) => ({ value: k, label: tk(`events.kind.${k}`) }))}
        state={state}
      />
      <TextField
        name="title"
        label={t('events.form.title')}
        required
        maxLength={160}
        defaultValue={defaults.title}
        state={state}
      />
      <RichTextEditor
        key={`description-${state?.privacy?.nonce ?? 0}`}
        name="description"
        label={t('events.form.description')}
        defaultDoc={defaults.descriptionDoc ?? null}
        state={state}
      />
      <PrivacyFindings
        state={state}
        fieldLabels={{ title: t('events.form.title'), description: t('events.form.description') }}
      />
      <SelectField
        name="organiserInstitutionId"
        label={t('events.form.organiser')}
        required
        defaultValue={defaults.organiserInstitutionId}
        options={organisers.map((o) => ({ value: o.id, label: o.name }))}
        state={state}
      />
      <DistrictSelect
        name="districtCode"
        label={t('events.form.district')}
        defaultValue={defaults.districtCode ?? ''}
        placeholder={t('common.noDistrict')}
        state={state}
      />
      <TextField
        name="locationAddress"
        label={t('events.form.address')}
        required
        maxLength={300}
        defaultValue={defaults.locationAddress}
        autoComplete="street-address"
        state={state}
      />
      <TextField
        name="locationMapUrl"
        type="url"
        label={t('events.form.mapUrl')}
        hint={t('events.form.mapUrlHint')}
        maxLength={1000}
        defaultValue={defaults.locationMapUrl ?? ''}
        state={state}
      />
      <SelectField
        name="audience"
        label={t('events.form.audience')}
        required
        defaultValue={defaults.audience ?? 'public'}
        options={EVENT_AUDIENCES.map((a) => ({ value: a, label: tk(`events.audience.${a}`) }))}
        state={state}
      />
      <NumberField
        name="retentionDays"
        min={1}
        max={365}
        label={t('events.form.retention')}
        required
        defaultValue={defaults.retentionDays ?? 30}
        state={state}
      />
    </>
  )
}

/** Date, times and seats of one session (Sofia time). */
export function SessionFields({ state, legend }: { state?: FormState | null; legend: string }) {
  const { t } = useT()
  return (
    <fieldset className="session-fields">
      <legend>{legend}</legend>
      <div className="grid">
        <TextField name="date" type="date" label={t('events.form.date')} required state={state} />
        <TextField
          name="startTime"
          type="time"
          label={t('events.form.startTime')}
          required
          defaultValue="10:00"
          state={state}
        />
        <TextField
          name="endTime"
          type="time"
          label={t('events.form.endTime')}
          required
          defaultValue="12:00"
          state={state}
        />
        <NumberField
          name="capacity"
          min={1}
          max={10000}
          label={t('events.form.capacity')}
          required
          defaultValue={40}
          state={state}
        />
        <NumberField
          name="maxSeats"
          min={1}
          max={50}
          label={t('events.form.maxSeats')}
          required
          defaultValue={5}
          state={state}
        />
      </div>
    </fieldset>
  )
}
