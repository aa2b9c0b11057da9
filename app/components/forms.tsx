import { Form, useNavigation, type FormProps } from '@remix-run/react'
import type {
  ButtonHTMLAttributes,
  FormEventHandler,
  InputHTMLAttributes,
  ReactNode,
  SelectHTMLAttributes,
  TextareaHTMLAttributes,
} from 'react'

import { useT } from '../features/i18n/useT'
import { districtOptions, type District } from '../features/platform/districts'
import type { FormFailure } from '../features/platform/forms.server'

/**
 * What a form's action answered: nothing yet, a success (`ok: true`), or the refusal (FormFailure, see
 * forms.server.ts).
 */
export type FormState = Partial<Omit<FormFailure, 'ok'>> & { ok?: boolean }

/** The text a field was sent with, when the form came back (the last one if the name was sent twice). */
export function sentText(state: FormState | null | undefined, name: string): string | undefined {
  const value = state?.values?.[name]
  return Array.isArray(value) ? value[value.length - 1] : value
}

/**
 * The ticked values of a checkbox group: as sent when the form came back (none ticked → none), else the stored ones.
 */
export function checkedValues(state: FormState | null | undefined, name: string, stored: readonly string[]): string[] {
  if (!state?.values) return [...stored]
  return [state.values[name] ?? []].flat()
}

/** A field's errors (i18n keys) as one announced line; `id` is what the control's `aria-describedby` names. */
export function FieldErrors({ id, errors }: { id?: string; errors?: readonly string[] }) {
  const { tk } = useT()
  if (!errors?.length) return null
  return (
    <p id={id} className="field-error">
      {errors.map((e) => tk(e)).join(' ')}
    </p>
  )
}

interface FieldShellProps {
  name: string
  label: ReactNode
  hint?: string
  state?: FormState | null
  required?: boolean
  /** False for a field that is one of several where at least one is needed (the group says so): no "(optional)". */
  optionalMark?: boolean
  children: (aria: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode
}

/** Label, hint and errors around any control; `children` receives the ids and ARIA attributes to spread. */
export function FieldShell({ name, label, hint, state, required, optionalMark = true, children }: FieldShellProps) {
  const { t } = useT()
  const id = `f-${name}`
  const errors = state?.fieldErrors?.[name]
  const describedBy =
    [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(' ') || undefined
  return (
    <div className={`field${errors?.length ? ' field-invalid' : ''}`}>
      <label htmlFor={id} id={`${id}-label`}>
        {label}
        {required || !optionalMark ? null : <span className="field-optional"> ({t('common.optional')})</span>}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {children({ id, 'aria-invalid': errors?.length ? true : undefined, 'aria-describedby': describedBy })}
      <FieldErrors id={`${id}-error`} errors={errors} />
    </div>
  )
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'name'> & {
  name: string
  label: ReactNode
  hint?: string
  state?: FormState | null
  optionalMark?: boolean
}

export function TextField({ name, label, hint, state, required, optionalMark, defaultValue, ...rest }: InputProps) {
  const keep = rest.type === 'password' ? undefined : (sentText(state, name) ?? defaultValue)
  return (
    <FieldShell name={name} label={label} hint={hint} state={state} required={required} optionalMark={optionalMark}>
      {(aria) => <input name={name} required={required} defaultValue={keep} {...aria} {...rest} />}
    </FieldShell>
  )
}

/** A whole number: the numeric keypad on phones; the stored number (none: empty) until the form comes back. */
export function NumberField({
  defaultValue,
  ...rest
}: Omit<InputProps, 'type' | 'inputMode' | 'defaultValue'> & { defaultValue?: number | null }) {
  return <TextField type="number" inputMode="numeric" defaultValue={defaultValue ?? undefined} {...rest} />
}

type TextareaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name'> & {
  name: string
  label: string
  hint?: string
  state?: FormState | null
}

/** A field's control gets its name, `required`, and the text it was sent with (else the stored one). */
function keptControl<T>(name: string, required: boolean | undefined, state: FormState | null | undefined, stored: T) {
  return { name, required, defaultValue: sentText(state, name) ?? stored }
}

export function TextAreaField({ name, label, hint, state, required, defaultValue, ...rest }: TextareaProps) {
  return (
    <FieldShell name={name} label={label} hint={hint} state={state} required={required}>
      {(aria) => <textarea {...keptControl(name, required, state, defaultValue)} {...aria} {...rest} />}
    </FieldShell>
  )
}

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name'> & {
  name: string
  label: string
  hint?: string
  state?: FormState | null
  optionalMark?: boolean
  options: { value: string; label: string }[]
  /** Options under <optgroup> headings, after the plain ones. */
  groups?: { label: string; options: { value: string; label: string }[] }[]
  placeholder?: string
}

export function SelectField({
  name,
  label,
  hint,
  state,
  required,
  defaultValue,
  options,
  groups,
  placeholder,
  optionalMark,
  ...rest
}: SelectProps) {
  return (
    <FieldShell name={name} label={label} hint={hint} state={state} required={required} optionalMark={optionalMark}>
      {(aria) => (
        <select {...keptControl(name, required, state, defaultValue)} {...aria} {...rest}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
          {groups?.map((g) =>
            g.options.length ? (
              <optgroup key={g.label} label={g.label}>
                {g.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </optgroup>
            ) : null,
          )}
        </select>
      )}
    </FieldShell>
  )
}

interface CheckboxGroupProps {
  name: string
  legend: string
  options: { value: string; label: string }[]
  checked: readonly string[]
  state?: FormState | null
  hint?: string
  /** Says "(optional)" after the legend. */
  optional?: boolean
  /** A long list scrolls inside the group. */
  scroll?: boolean
}

/** A fieldset of checkboxes; after an error the ticked values come back as sent. */
export function CheckboxGroup({ name, legend, options, checked, state, hint, optional, scroll }: CheckboxGroupProps) {
  const { t } = useT()
  const kept = checkedValues(state, name, checked)
  const errors = state?.fieldErrors?.[name]
  const describedBy =
    [hint ? `f-${name}-hint` : null, errors?.length ? `f-${name}-error` : null].filter(Boolean).join(' ') || undefined
  return (
    <fieldset className={`checkbox-group${errors?.length ? ' field-invalid' : ''}`} aria-describedby={describedBy}>
      <legend>
        {legend}
        {optional ? <span className="field-optional"> ({t('common.optional')})</span> : null}
      </legend>
      {hint ? (
        <p id={`f-${name}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      <div className={`checkbox-grid${scroll ? ' checkbox-scroll' : ''}`}>
        {options.map((o) => (
          <div className="checkbox" key={o.value}>
            <input
              type="checkbox"
              id={`f-${name}-${o.value}`}
              name={name}
              value={o.value}
              defaultChecked={kept.includes(o.value)}
            />
            <label htmlFor={`f-${name}-${o.value}`}>{o.label}</label>
          </div>
        ))}
      </div>
      <FieldErrors id={`f-${name}-error`} errors={errors} />
    </fieldset>
  )
}

/** The districts as options in the page's language (`districts`: a shorter list, e.g. the person's teams' own). */
function useDistrictOptions(districts?: readonly District[]) {
  const { locale } = useT()
  return districtOptions(locale, districts)
}

/** A select of one district. */
export function DistrictSelect(props: Omit<SelectProps, 'options'>) {
  return <SelectField {...props} options={useDistrictOptions()} />
}

/** A fieldset of district checkboxes. */
export function DistrictCheckboxes({
  districts,
  ...props
}: Omit<CheckboxGroupProps, 'options'> & { districts?: readonly District[] }) {
  return <CheckboxGroup {...props} options={useDistrictOptions(districts)} />
}

/** One checkbox sent as `on`: ticked as sent when the form came back, else as stored. */
export function CheckboxField({
  name,
  label,
  checked,
  state,
}: {
  name: string
  label: ReactNode
  checked: boolean
  state?: FormState | null
}) {
  return (
    <div className="checkbox">
      <input
        type="checkbox"
        id={`f-${name}`}
        name={name}
        defaultChecked={state?.values ? state.values[name] === 'on' : checked}
      />
      <label htmlFor={`f-${name}`}>{label}</label>
    </div>
  )
}

/** Announced to screen readers when a submitted form comes back with errors. */
export function ErrorSummary({ state }: { state?: FormState | null }) {
  const { t, tk } = useT()
  if (!state || state.ok !== false) return null
  return (
    <div className="error-summary" role="alert">
      <p>{state.formError ? tk(state.formError, state.formErrorParams) : t('errors.formSummary')}</p>
    </div>
  )
}

type PostFormProps = Omit<FormProps, 'method' | 'noValidate'> & {
  /** The action's answer: a refusal is announced at the top, under the `heading`. */
  state?: FormState | null
  heading?: ReactNode
  /** Posted as the hidden `intent`, on a page with several forms. */
  intent?: string
}

/**
 * A form posted to an action, the one way: it works without JavaScript and leaves checking to the server
 * (`noValidate`), whose answer comes back as `state`.
 */
export function PostForm({ state, heading, intent, children, ...form }: PostFormProps) {
  return (
    <Form method="post" noValidate {...form}>
      {heading}
      <ErrorSummary state={state} />
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      {children}
    </Form>
  )
}

/**
 * The button Enter in a field presses. A browser submits a form on Enter with its first submit button; put this first
 * in a form whose other buttons come before its main one (a "one more row" button among the fields), so Enter does
 * what the main button does. Out of sight and out of the tab order: the visible main button is the one people use.
 */
export function DefaultSubmit({ children, name, value }: { children: ReactNode; name?: string; value?: string }) {
  return (
    <button type="submit" name={name} value={value} className="visually-hidden" tabIndex={-1} aria-hidden="true">
      {children}
    </button>
  )
}

export function SubmitButton({
  children,
  name,
  value,
  className,
}: {
  children: ReactNode
  name?: string
  value?: string
  className?: string
}) {
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  return (
    <button type="submit" name={name} value={value} className={className ?? 'button'} aria-disabled={busy || undefined}>
      {children}
    </button>
  )
}

/** A form's main button on a line of its own (the `<div>` keeps it from stretching across a `.form`). */
export function FormSubmit(props: Parameters<typeof SubmitButton>[0]) {
  return (
    <div>
      <SubmitButton {...props} />
    </div>
  )
}

type PostButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'form' | 'onSubmit'> & {
  /** Hidden fields posted with the button, in this order (`intent`, the id it acts on …). */
  fields?: Record<string, string | number>
  /** Where to post; the page's own action by default. */
  action?: string
  formClassName?: string
  reloadDocument?: boolean
  onSubmit?: FormEventHandler<HTMLFormElement>
}

/**
 * A form of one button (approve, remove, delete, archive …): posts its hidden `fields`, and the button's own
 * `name`/`value` when it has them. Works without JavaScript.
 */
export function PostButton({
  fields = {},
  action,
  formClassName,
  reloadDocument,
  onSubmit,
  children,
  ...button
}: PostButtonProps) {
  return (
    <Form method="post" action={action} className={formClassName} reloadDocument={reloadDocument} onSubmit={onSubmit}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" {...button}>
        {children}
      </button>
    </Form>
  )
}
