import { FieldErrors, type FormState } from '../../components/forms'
import { useT } from '../i18n/useT'

/** Where people are picked: inviting to a room (a short list), or the members of a new room (optional). */
const PICKERS = {
  invite: { name: 'userIds', label: 'chat.members.pick', hint: 'chat.members.pickHint', size: 6, optional: false },
  newRoom: { name: 'memberIds', label: 'chat.new.members', hint: 'chat.new.membersHint', size: 8, optional: true },
} as const

/** People to add to a room: a multiple select, each listed with their institution; works without JavaScript. */
export function PeoplePicker({
  picker,
  people,
  state,
}: {
  picker: keyof typeof PICKERS
  people: { id: string; name: string; institutionName: string }[]
  state?: FormState | null
}) {
  const { t } = useT()
  const { name, label, hint, size, optional } = PICKERS[picker]
  const errors = state?.fieldErrors?.[name]
  return (
    <div className={`field${errors?.length ? ' field-invalid' : ''}`}>
      <label htmlFor={`f-${name}`}>
        {t(label)}
        {optional ? <span className="field-optional"> ({t('common.optional')})</span> : null}
      </label>
      <p id={`f-${name}-hint`} className="field-hint">
        {t(hint)}
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
