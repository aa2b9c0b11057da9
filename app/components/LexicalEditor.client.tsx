import { TOGGLE_LINK_COMMAND } from '@lexical/link'
import { INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND } from '@lexical/list'
import { LexicalComposer } from '@lexical/react/LexicalComposer'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { ContentEditable } from '@lexical/react/LexicalContentEditable'
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary'
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin'
import { LinkPlugin } from '@lexical/react/LexicalLinkPlugin'
import { ListPlugin } from '@lexical/react/LexicalListPlugin'
import { OnChangePlugin } from '@lexical/react/LexicalOnChangePlugin'
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin'
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text'
import { $setBlocksType } from '@lexical/selection'
import {
  $createParagraphNode,
  $getRoot,
  $getSelection,
  $insertNodes,
  $isRangeSelection,
  FORMAT_TEXT_COMMAND,
  REDO_COMMAND,
  UNDO_COMMAND,
  type EditorState,
  type ElementNode,
  type LexicalEditor,
} from 'lexical'
import { useId, useState } from 'react'

import { useT } from '../features/i18n/useT'
import {
  docToGuardText,
  docToPlainText,
  isSafeUrl,
  parseRichTextDoc,
  plainTextToDoc,
  type RichTextDoc,
} from '../features/richtext/document'
import { $createImageNode, RICH_TEXT_NODES } from '../features/richtext/lexical-nodes'

/** Images the author may place at the cursor (already uploaded, each with its text description). */
export interface ImagePickerConfig {
  images: { src: string; altText: string }[]
  /** Label of the list of images. */
  label: string
  /** Text of the insert button. */
  insertLabel: string
}

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

/** A labelled list of uploaded images and an "insert" button: the image goes at the cursor, or at the end. */
function ImagePicker({ images, label, insertLabel }: ImagePickerConfig) {
  const [editor] = useLexicalComposerContext()
  const [src, setSrc] = useState(images[0]?.src ?? '')
  const selectId = useId()
  const insert = () => {
    const image = images.find((i) => i.src === src) ?? images[0]
    if (!image) return
    editor.update(() => {
      const node = $createImageNode(image.src, image.altText)
      const selection = $getSelection()
      if ($isRangeSelection(selection)) $insertNodes([node])
      else $getRoot().append($createParagraphNode().append(node))
    })
    editor.focus()
  }
  return (
    <span className="editor-image-picker">
      <label htmlFor={selectId} className="visually-hidden">
        {label}
      </label>
      <select id={selectId} value={src} onChange={(e) => setSrc(e.currentTarget.value)}>
        {images.map((i) => (
          <option key={i.src} value={i.src}>
            {i.altText}
          </option>
        ))}
      </select>{' '}
      <button type="button" onClick={insert}>
        {insertLabel}
      </button>
    </span>
  )
}

function Toolbar({ imagePicker }: { imagePicker?: ImagePickerConfig }) {
  const [editor] = useLexicalComposerContext()
  const { t } = useT()
  const block = (make: () => ElementNode) =>
    editor.update(() => {
      const selection = $getSelection()
      if ($isRangeSelection(selection)) $setBlocksType(selection, make)
    })
  const link = () => {
    const url = window.prompt(t('editor.linkPrompt'), 'https://')
    if (url === null) return
    editor.dispatchCommand(TOGGLE_LINK_COMMAND, url && isSafeUrl(url) ? url : null)
  }
  // A button's accessible name contains its visible text when that text is a word or a number ("1.",
  // "URL"): WCAG 2.5.3, label in name, so a speech-input user can say what they see.
  const buttons: { label: string; text: string; run: (e: LexicalEditor) => void }[] = [
    { label: t('editor.bold'), text: 'B', run: (e) => e.dispatchCommand(FORMAT_TEXT_COMMAND, 'bold') },
    { label: t('editor.italic'), text: 'I', run: (e) => e.dispatchCommand(FORMAT_TEXT_COMMAND, 'italic') },
    { label: t('editor.heading'), text: 'H', run: () => block(() => $createHeadingNode('h3')) },
    { label: t('editor.paragraph'), text: '¶', run: () => block(() => $createParagraphNode()) },
    {
      label: t('editor.bulletList'),
      text: '•',
      run: (e) => e.dispatchCommand(INSERT_UNORDERED_LIST_COMMAND, undefined),
    },
    {
      label: t('editor.numberedList'),
      text: '1.',
      run: (e) => e.dispatchCommand(INSERT_ORDERED_LIST_COMMAND, undefined),
    },
    { label: t('editor.quote'), text: '❝', run: () => block(() => $createQuoteNode()) },
    { label: t('editor.link'), text: 'URL', run: link },
    { label: t('editor.undo'), text: '↶', run: (e) => e.dispatchCommand(UNDO_COMMAND, undefined) },
    { label: t('editor.redo'), text: '↷', run: (e) => e.dispatchCommand(REDO_COMMAND, undefined) },
  ]
  return (
    <div className="editor-toolbar" role="toolbar" aria-label={t('editor.toolbar')}>
      {buttons.map((b) => (
        <button key={b.label} type="button" aria-label={b.label} title={b.label} onClick={() => b.run(editor)}>
          <span aria-hidden="true">{b.text}</span>
        </button>
      ))}
      {imagePicker?.images.length ? <ImagePicker {...imagePicker} /> : null}
    </div>
  )
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
        <Toolbar imagePicker={imagePicker} />
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
