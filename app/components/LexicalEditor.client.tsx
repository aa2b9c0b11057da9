import { LexicalComposer } from '@lexical/react/LexicalComposer'
import { ContentEditable } from '@lexical/react/LexicalContentEditable'
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary'
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin'
import { LinkPlugin } from '@lexical/react/LexicalLinkPlugin'
import { ListPlugin } from '@lexical/react/LexicalListPlugin'
import { OnChangePlugin } from '@lexical/react/LexicalOnChangePlugin'
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin'
import type { EditorState } from 'lexical'
import { useState } from 'react'

import {
  docToGuardText,
  docToPlainText,
  isSafeUrl,
  parseRichTextDoc,
  plainTextToDoc,
  type RichTextDoc,
} from '../features/richtext/document'
import { RICH_TEXT_NODES } from '../features/richtext/lexical-nodes'
import { EditorToolbar, type ImagePickerConfig } from './EditorToolbar'

interface Props {
  id: string
  name: string
  labelId: string
  describedBy?: string
  invalid: boolean
  initialJson: string | null
  initialText: string
  onTextChange?: (text: string) => void
  imagePicker?: ImagePickerConfig
}

/** The JSON document wins only if it still says what the plain text says (a server-side redaction changes the text). */
function initialDoc(initialJson: string | null, initialText: string): RichTextDoc {
  const fromJson = initialJson ? parseRichTextDoc(initialJson) : null
  if (fromJson && docToPlainText(fromJson) === initialText) return fromJson
  return plainTextToDoc(initialText)
}

export default function LexicalRichTextEditor({
  id,
  name,
  labelId,
  describedBy,
  invalid,
  initialJson,
  initialText,
  onTextChange,
  imagePicker,
}: Props) {
  const [doc] = useState(() => initialDoc(initialJson, initialText))
  const [json, setJson] = useState(() => JSON.stringify(doc))
  const [text, setText] = useState(() => docToPlainText(doc))
  const onChange = (state: EditorState) => {
    const next = parseRichTextDoc(state.toJSON())
    if (!next) return
    setJson(JSON.stringify(next))
    setText(docToPlainText(next))
    // The live privacy check sees what the server's guard will: link addresses and image descriptions too.
    onTextChange?.(docToGuardText(next))
  }
  return (
    <LexicalComposer
      initialConfig={{
        namespace: name,
        // The same list the headless tests open stored documents with (images included).
        nodes: [...RICH_TEXT_NODES],
        editorState: JSON.stringify(doc),
        onError: (error) => {
          throw error
        },
        theme: { paragraph: 'editor-p', quote: 'editor-quote', text: { bold: 'editor-bold', italic: 'editor-italic' } },
      }}
    >
      <div className="editor">
        <EditorToolbar imagePicker={imagePicker} />
        <RichTextPlugin
          contentEditable={
            <ContentEditable
              id={id}
              className="editor-input"
              aria-labelledby={labelId}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              aria-multiline
              role="textbox"
            />
          }
          ErrorBoundary={LexicalErrorBoundary}
        />
        <HistoryPlugin />
        <ListPlugin />
        <LinkPlugin validateUrl={isSafeUrl} />
        <OnChangePlugin onChange={onChange} ignoreSelectionChange />
      </div>
      <input type="hidden" name={`${name}Json`} value={json} />
      <input type="hidden" name={name} value={text} />
    </LexicalComposer>
  )
}
