import { Form, useNavigation, type FormProps } from '@remix-run/react'
import {
  createContext,
  useContext,
  type ButtonHTMLAttributes,
  type FormEventHandler,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react'
import type { ZodTypeAny } from 'zod'

import { useT } from '../features/i18n/useT'
import { constraintsOf, type FieldConstraints } from '../features/platform/constraints'
import { districtOptions, type District } from '../features/platform/districts'
import type { FormFailure } from '../features/platform/forms.server'
import { ErrorSummary } from './ErrorSummary'

export { ErrorSummary }

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

interface Scope {
  state?: FormState | null
  defaults?: Readonly<Record<string, unknown>>
  constraints?: Readonly<Record<string, FieldConstraints>>
}

const FormScopeContext = createContext<Scope>({})
const constraintsBySchema = new WeakMap<ZodTypeAny, Record<string, FieldConstraints>>()

function constraintsFor(schema: ZodTypeAny) {
  let constraints = constraintsBySchema.get(schema)
  if (!constraints) constraintsBySchema.set(schema, (constraints = constraintsOf(schema)))
  return constraints
}

export interface FormScopeProps {
  /** The action's answer, for every field that is not given its own. */
  state?: FormState | null
  /** The stored values by field name (a field's own `defaultValue`/`checked` wins). */
  defaults?: object
  /** The form's zod schema: `required`, `maxLength`, `min`/`max` of each field (a field's own props win). */
  schema?: ZodTypeAny
  children: ReactNode
}

/**
 * What the fields inside share: the action's answer, the stored values and the schema's constraints, so that a field
 * is written with its name and label only. A scope inside another keeps what it does not set.
 */
export function FormScope({ state, defaults, schema, children }: FormScopeProps) {
  const outer = useContext(FormScopeContext)
  const scope: Scope = {
    state: state !== undefined ? state : outer.state,
    defaults: (defaults as Scope['defaults']) ?? outer.defaults,
    constraints: schema ? constraintsFor(schema) : outer.constraints,
  }
  return <FormScopeContext.Provider value={scope}>{children}</FormScopeContext.Provider>
}

/** The action's answer a field shows: its own `state` when given, else the form scope's. */
export function useFormAnswer(state: FormState | null | undefined) {
  const scope = useContext(FormScopeContext)
  return state !== undefined ? state : scope.state
}

/** A field's answer, stored value and constraints: its own `state` when given, else the form scope's. */
function useFieldScope(name: string, state: FormState | null | undefined) {
  const scope = useContext(FormScopeContext)
  return {
    state: useFormAnswer(state),
    stored: scope.defaults?.[name],
    constraints: scope.constraints?.[name] ?? {},
  }
}

/** A stored value as a control shows it: nothing stored (null) is empty. */
function storedText(stored: unknown): string | number | undefined {
  if (stored === null) return ''
  return typeof stored === 'string' || typeof stored === 'number' ? stored : undefined
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

/**
 * Label, hint and errors (its own `state`'s, else the form scope's) around any control; `children` receives the ids and
 * ARIA attributes to spread.
 */
export function FieldShell({ name, label, hint, state, required, optionalMark = true, children }: FieldShellProps) {
  const { t } = useT()
  const id = `f-${name}`
  const errors = useFormAnswer(state)?.fieldErrors?.[name]
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

export function TextField({ name, label, hint, state, optionalMark, defaultValue, ...own }: InputProps) {
  const field = useFieldScope(name, state)
  const { required, ...rest } = { ...field.constraints, ...own }
  const keep =
    rest.type === 'password' ? undefined : (sentText(field.state, name) ?? defaultValue ?? storedText(field.stored))
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

/** A control gets its name, `required`, and the text it was sent with (else its own default, else the stored one). */
function keptControl<T>(name: string, required: boolean | undefined, field: ReturnType<typeof useFieldScope>, own: T) {
  return { name, required, defaultValue: sentText(field.state, name) ?? own ?? storedText(field.stored) }
}

export function TextAreaField({ name, label, hint, state, defaultValue, ...own }: TextareaProps) {
  const field = useFieldScope(name, state)
  const { required, ...rest } = { ...field.constraints, ...own }
  return (
    <FieldShell name={name} label={label} hint={hint} state={state} required={required}>
      {(aria) => <textarea {...keptControl(name, required, field, defaultValue)} {...aria} {...rest} />}
    </FieldShell>
  )
}

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name'> & {
  name: string
  label: string
  hint?: string
  state?: FormState | null
  optionalMark?: boolean
  /** The options (none: only the `groups`). */
  options?: { value: string; label: string }[]
  /** Options under <optgroup> headings, after the plain ones. */
  groups?: { label: string; options: { value: string; label: string }[] }[]
  placeholder?: string
}

/** The `<option>`s of a select (an enum's: `enumOptions(values, labelKey)` from `useT`). */
export function Options({ options }: { options: readonly { value: string; label: string }[] }) {
  return options.map((o) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  ))
}

export function SelectField({
  name,
  label,
  hint,
  state,
  required: ownRequired,
  defaultValue,
  options = [],
  groups,
  placeholder,
  optionalMark,
  ...rest
}: SelectProps) {
  const field = useFieldScope(name, state)
  const required = ownRequired ?? field.constraints.required
  return (
    <FieldShell name={name} label={label} hint={hint} state={state} required={required} optionalMark={optionalMark}>
      {(aria) => (
        <select {...keptControl(name, required, field, defaultValue)} {...aria} {...rest}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          <Options options={options} />
          {groups?.map((g) =>
            g.options.length ? (
              <optgroup key={g.label} label={g.label}>
                <Options options={g.options} />
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
  /** The stored ticked values (else the form scope's, else none). */
  checked?: readonly string[]
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
  const field = useFieldScope(name, state)
  const stored = checked ?? (Array.isArray(field.stored) ? (field.stored as string[]) : [])
  const kept = checkedValues(field.state, name, stored)
  const errors = field.state?.fieldErrors?.[name]
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

/**
 * One checkbox sent as `on`: ticked as sent when the form came back, else as stored; `required` for a box that must be
 * ticked (a confirmation). Its error, if the answer has one, shows beside it.
 */
export function CheckboxField({
  name,
  label,
  checked,
  state,
  required,
}: {
  name: string
  label: ReactNode
  /** Ticked as stored (else as the form scope's value). */
  checked?: boolean
  state?: FormState | null
  /** Must be ticked (the schema's `required` reads an empty text, which a checkbox never sends). */
  required?: boolean
}) {
  const field = useFieldScope(name, state)
  const id = `f-${name}`
  const errors = field.state?.fieldErrors?.[name]
  return (
    <div className={`checkbox${errors?.length ? ' field-invalid' : ''}`}>
      <input
        type="checkbox"
        id={id}
        name={name}
        required={required}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-error` : undefined}
        defaultChecked={field.state?.values ? field.state.values[name] === 'on' : (checked ?? field.stored === true)}
      />
      <label htmlFor={id}>{label}</label>
      <FieldErrors id={`${id}-error`} errors={errors} />
    </div>
  )
}

type PostFormProps = Omit<FormProps, 'method' | 'noValidate'> & {
  /** The action's answer: a refusal is announced at the top, under the `heading`, and each field shows its part. */
  state?: FormState | null
  /** The stored values and the schema the fields take their defaults and constraints from (see FormScope). */
  defaults?: object
  schema?: ZodTypeAny
  heading?: ReactNode
  /** Posted as the hidden `intent`, on a page with several forms. */
  intent?: string
}

/**
 * A form posted to an action, the one way: it works without JavaScript and leaves checking to the server
 * (`noValidate`), whose answer comes back as `state`.
 */
export function PostForm({ state, defaults, schema, heading, intent, children, ...form }: PostFormProps) {
  return (
    <Form method="post" noValidate {...form}>
      {heading}
      <ErrorSummary state={state} />
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <FormScope state={state} defaults={defaults} schema={schema}>
        {children}
      </FormScope>
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

/** While a form of the page is being sent, its submit buttons say they are busy (`aria-disabled`). */
function useSubmitting(): boolean {
  return useNavigation().state === 'submitting'
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
  const busy = useSubmitting()
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
  /** A question asked before an action that cannot be undone (with JavaScript; without it the post goes at once). */
  confirm?: string
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
  confirm,
  children,
  ...button
}: PostButtonProps) {
  const busy = useSubmitting()
  const asked: FormEventHandler<HTMLFormElement> | undefined = confirm
    ? (event) => {
        if (!window.confirm(confirm)) event.preventDefault()
        else onSubmit?.(event)
      }
    : onSubmit
  return (
    <Form method="post" action={action} className={formClassName} reloadDocument={reloadDocument} onSubmit={asked}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" aria-disabled={busy || undefined} {...button}>
        {children}
      </button>
    </Form>
  )
}

/** A `PostButton` that reads as a link within a line of text (sign out, delete a message, remove a member). */
export function PostLinkButton(props: Omit<PostButtonProps, 'formClassName' | 'className'>) {
  return <PostButton formClassName="inline-form" className="link-button" {...props} />
}
