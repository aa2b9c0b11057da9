import { Form, Link, type FormProps } from '@remix-run/react'
import { createContext, useContext, type ReactNode } from 'react'

import { useT } from '../features/i18n/useT'
import { Options } from './forms'

/**
 * A list's filters: a `<Form method="get">` whose values come back in the address. The loader reads them (and
 * drops what it does not accept); the bar is given what it kept as `values` and each field shows its own, by name.
 * Field ids are `<prefix>-<name>` (`filter-status`, `registrants-q`).
 */
interface FilterScope {
  prefix: string
  values: Readonly<Record<string, unknown>>
}

const Filters = createContext<FilterScope>({ prefix: 'filter', values: {} })

function useFilterField(name: string) {
  const { prefix, values } = useContext(Filters)
  const value = values[name]
  return { id: `${prefix}-${name}`, value: typeof value === 'string' ? value : '' }
}

export function FilterBar({
  values,
  prefix = 'filter',
  children,
  ...form
}: { values: FilterScope['values']; prefix?: string; children: ReactNode } & Omit<FormProps, 'method' | 'children'>) {
  return (
    <Filters.Provider value={{ prefix, values }}>
      <Form method="get" {...form}>
        {children}
      </Form>
    </Filters.Provider>
  )
}

export interface FilterOption {
  value: string
  label: string
}

/**
 * A choice to filter or sort by: `options`, or `values` of an enum whose labels are the messages `<labelKey>.<value>`.
 * The empty choice leaves the filter off; it reads "All" unless `all` names it, and a sort has none (`all={false}`).
 */
export function FilterSelect({
  name,
  label,
  all,
  ...choices
}: { name: string; label: string; all?: string | false } & (
  { options: readonly FilterOption[] } | { values: readonly string[]; labelKey: string }
)) {
  const { t, enumOptions } = useT()
  const { id, value } = useFilterField(name)
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value}>
        {all === false ? null : <option value="">{all ?? t('common.all')}</option>}
        <Options options={'options' in choices ? choices.options : enumOptions(choices.values, choices.labelKey)} />
      </select>
    </div>
  )
}

/** The words to look for (`?q=`). */
export function FilterSearch({ label, maxLength }: { label: string; maxLength?: number }) {
  const { id, value } = useFilterField('q')
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name="q" type="search" defaultValue={value} maxLength={maxLength} />
    </div>
  )
}

/** Apply the filters and, where the page offers it, the link back to the unfiltered list beside the button. */
export function FilterButtons({
  apply,
  reset,
  className = 'button',
}: {
  apply: string
  reset?: { to: string; label: string }
  className?: string
}) {
  const button = (
    <button type="submit" className={className}>
      {apply}
    </button>
  )
  return reset ? (
    <div className="row">
      {button}
      <Link to={reset.to}>{reset.label}</Link>
    </div>
  ) : (
    button
  )
}
