import { SelectField, TextField, type FormState } from '~/components/forms'
import { useT } from '~/features/i18n/useT'
import { POSITIONS } from '../../../db/schema/identity'
import { positionText } from './position'

/** A person's name with their position, as colleagues see it. */
export function PersonName({ name, positionKind, position }: { name: string; positionKind: string; position: string }) {
  const { tk } = useT()
  const text = positionText(tk, { positionKind, position })
  return (
    <>
      {name}
      {text ? <span className="muted"> · {text}</span> : null}
    </>
  )
}

/** The position select and its optional detail (sign-up, the account page). */
export function PositionFields({
  defaults,
  state,
}: {
  defaults?: { positionKind: string; position: string }
  state?: FormState | null
}) {
  const { t, enumOptions } = useT()
  return (
    <>
      <SelectField
        name="positionKind"
        label={t('auth.field.position')}
        defaultValue={defaults?.positionKind ?? 'other'}
        options={enumOptions(POSITIONS, 'position')}
        state={state}
      />
      <TextField
        name="position"
        label={t('auth.field.positionDetail')}
        defaultValue={defaults?.position}
        state={state}
      />
    </>
  )
}
