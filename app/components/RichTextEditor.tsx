import { Suspense, lazy, useEffect, useState } from 'react'
import { docToPlainText, type RichTextDoc } from '../features/richtext/document'
import { useT } from '../features/i18n/useT'
import type { FormState } from './forms'

const LexicalEditor = lazy(() => import('./LexicalEditor.client'))

export interface RichTextEditorProps {
  name: string
  label: string
  defaultDoc?: RichTextDoc | null
  defaultText?: string
  hint?: string
  state?: FormState | null
  required?: boolean
  rows?: number
  /** Called with the plain text on every change (e.g. the live privacy check). */
  onTextChange?: (text: string) => void
}

/**
 * A plain textarea on the server and without JavaScript; the Lexical editor once hydrated.
 * Both submit `<name>` (plain text); the editor also submits `<name>Json` (the document).
 */
export function RichTextEditor({ name, label, defaultDoc, defaultText, hint, state, required, rows = 8, onTextChange }: RichTextEditorProps) {
  const { t, tk } = useT()
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  const id = `f-${name}`
  const errors = state?.fieldErrors?.[name]
  const returnedJson = state?.values?.[`${name}Json`]
  const initialText = state?.values?.[name] ?? defaultText ?? (defaultDoc ? docToPlainText(defaultDoc) : '')
  const describedBy = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(' ') || undefined
  const textarea = (
    <textarea
      id={id}
      name={name}
      rows={rows}
      required={required}
      defaultValue={initialText}
      aria-invalid={errors?.length ? true : undefined}
      aria-describedby={describedBy}
      onChange={onTextChange ? (e) => onTextChange(e.currentTarget.value) : undefined}
    />
  )
  return (
    <div className={`field${errors?.length ? ' field-invalid' : ''}`}>
      <label htmlFor={id} id={`${id}-label`}>
        {label}
        {required ? null : <span className="field-optional"> ({t('common.optional')})</span>}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {hydrated ? (
        <Suspense fallback={textarea}>
          <LexicalEditor
            id={id}
            name={name}
            labelId={`${id}-label`}
            describedBy={describedBy}
            invalid={!!errors?.length}
            initialJson={returnedJson || (defaultDoc && !state?.values?.[name] ? JSON.stringify(defaultDoc) : null)}
            initialText={initialText}
            onTextChange={onTextChange}
          />
        </Suspense>
      ) : (
        textarea
      )}
      {errors?.length ? (
        <p id={`${id}-error`} className="field-error">
          {errors.map((e) => tk(e)).join(' ')}
        </p>
      ) : null}
    </div>
  )
}
