import { FieldErrors, type FormState } from '../../components/forms'
import { useT } from '../i18n/useT'

/** People to add to a room: a multiple select, each listed with their institution; works without JavaScript. */
export function PeoplePicker({
  name,
  label,
  hint,
  size,
  optional,
  people,
  state,
}: {
  name: string
  label: string
  hint: string
  size: number
  /** Says "(optional)" after the label. */
  optional?: boolean
  people: { id: string; name: string; institutionName: string }[]
  state?: FormState | null
}) {
  const { t } = useT()
  const errors = state?.fieldErrors?.[name]
  return (
    <div className={`field${errors?.length ? ' field-invalid' : ''}`}>
      <label htmlFor={`f-${name}`}>
        {label}
        {optional ? <span className="field-optional"> ({t('common.optional')})</span> : null}
      </label>
      <p id={`f-${name}-hint`} className="field-hint">
        {hint}
      </p>
      <select id={`f-${name}`} name={name} multiple size={size} aria-describedby={`f-${name}-hint`}>
        {people.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name} — {c.institutionName}
          </option>
        ))}
      </select>
      <FieldErrors errors={errors} />
    </div>
  )
}
