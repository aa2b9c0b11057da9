import { lazy, Suspense, useEffect, useState } from 'react'

import { docToPlainText, type RichTextDoc } from '../features/richtext/document'
import type { ImagePickerConfig } from './EditorToolbar'
import { FieldShell, sentText, useFormAnswer, type FormState } from './forms'

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
  /** Called on every change with the text the privacy guard checks (the live privacy check). */
  onTextChange?: (text: string) => void
  /**
   * Uploaded images the editor offers to insert at the cursor (JavaScript only; without it, the upload form appends).
   */
  imagePicker?: ImagePickerConfig
}

/**
 * A plain textarea on the server and without JavaScript; the Lexical editor once hydrated.
 * Both submit `<name>` (plain text); the editor also submits `<name>Json` (the document).
 */
export function RichTextEditor({
  name,
  label,
  defaultDoc,
  defaultText,
  hint,
  state: ownState,
  required,
  rows = 8,
  onTextChange,
  imagePicker,
}: RichTextEditorProps) {
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  const state = useFormAnswer(ownState)
  const errors = state?.fieldErrors?.[name]
  const returnedJson = sentText(state, `${name}Json`)
  const returnedText = sentText(state, name)
  const initialText = returnedText ?? defaultText ?? (defaultDoc ? docToPlainText(defaultDoc) : '')
  return (
    <FieldShell name={name} label={label} hint={hint} state={state} required={required}>
      {(aria) => {
        const textarea = (
          <textarea
            {...aria}
            name={name}
            rows={rows}
            required={required}
            defaultValue={initialText}
            onChange={onTextChange ? (e) => onTextChange(e.currentTarget.value) : undefined}
          />
        )
        if (!hydrated) return textarea
        return (
          <Suspense fallback={textarea}>
            <LexicalEditor
              id={aria.id}
              name={name}
              labelId={`${aria.id}-label`}
              describedBy={aria['aria-describedby']}
              invalid={!!errors?.length}
              initialJson={returnedJson || (defaultDoc && !returnedText ? JSON.stringify(defaultDoc) : null)}
              initialText={initialText}
              onTextChange={onTextChange}
              imagePicker={imagePicker}
            />
          </Suspense>
        )
      }}
    </FieldShell>
  )
}
