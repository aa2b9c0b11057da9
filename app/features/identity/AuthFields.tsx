import { TextField, type FormState } from '../../components/forms'
import { useT } from '../i18n/useT'

interface FieldProps {
  state?: FormState | null
}

/** The e-mail a person signs in with; `username` where the browser should offer the saved sign-in. */
export function EmailField({ state, autoComplete = 'email' }: FieldProps & { autoComplete?: 'email' | 'username' }) {
  const { t } = useT()
  return (
    <TextField
      name="email"
      type="email"
      label={t('auth.field.email')}
      autoComplete={autoComplete}
      required
      state={state}
    />
  )
}

/** The password a person has now (sign-in, changing it on the account page). */
export function CurrentPasswordField({ name, label, state }: FieldProps & { name: string; label: string }) {
  return <TextField name={name} type="password" label={label} autoComplete="current-password" required state={state} />
}

/** A new password and its confirmation (sign-up, reset, account). */
export function NewPasswordFields({ label, state }: FieldProps & { label: string }) {
  const { t } = useT()
  return (
    <>
      <TextField
        name="password"
        type="password"
        label={label}
        hint={t('auth.signup.passwordHint')}
        autoComplete="new-password"
        required
        state={state}
      />
      <TextField
        name="passwordConfirm"
        type="password"
        label={t('auth.field.passwordConfirm')}
        autoComplete="new-password"
        required
        state={state}
      />
    </>
  )
}
