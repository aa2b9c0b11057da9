import { TOGGLE_LINK_COMMAND } from '@lexical/link'
import {
  INSERT_ORDERED_LIST_COMMAND,
  INSERT_UNORDERED_LIST_COMMAND,
  ListNode,
  REMOVE_LIST_COMMAND,
} from '@lexical/list'
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { $createHeadingNode, $createQuoteNode, $isHeadingNode, $isQuoteNode } from '@lexical/rich-text'
import { $setBlocksType } from '@lexical/selection'
import { $getNearestNodeOfType, mergeRegister } from '@lexical/utils'
import {
  $createParagraphNode,
  $getRoot,
  $getSelection,
  $insertNodes,
  $isRangeSelection,
  $isRootOrShadowRoot,
  COMMAND_PRIORITY_CRITICAL,
  FORMAT_TEXT_COMMAND,
  REDO_COMMAND,
  SELECTION_CHANGE_COMMAND,
  UNDO_COMMAND,
  type ElementNode,
  type LexicalCommand,
  type LexicalEditor,
} from 'lexical'
import { useEffect, useId, useState, type KeyboardEvent } from 'react'

import { useT } from '../features/i18n/useT'
import { isSafeUrl } from '../features/richtext/document'
import { $createImageNode } from '../features/richtext/lexical-nodes'

/** Images the author may place at the cursor (already uploaded, each with its text description). */
export interface ImagePickerConfig {
  images: { src: string; altText: string }[]
  /** Label of the list of images. */
  label: string
  /** Text of the insert button. */
  insertLabel: string
}

/** What the toggle buttons show as pressed: the formats and the block where the selection is. */
export interface ToolbarFormats {
  bold: boolean
  italic: boolean
  heading: boolean
  quote: boolean
  bulletList: boolean
  numberedList: boolean
}

const NONE: ToolbarFormats = {
  bold: false,
  italic: false,
  heading: false,
  quote: false,
  bulletList: false,
  numberedList: false,
}

/** The selection's formats (call inside an editor read or update). */
export function $selectionFormats(): ToolbarFormats {
  const selection = $getSelection()
  if (!$isRangeSelection(selection)) return NONE
  const node = selection.anchor.getNode()
  const block = $isRootOrShadowRoot(node) ? null : node.getTopLevelElement()
  const list = $getNearestNodeOfType(node, ListNode)?.getListType()
  return {
    bold: selection.hasFormat('bold'),
    italic: selection.hasFormat('italic'),
    heading: $isHeadingNode(block),
    quote: $isQuoteNode(block),
    bulletList: list === 'bullet',
    numberedList: list === 'number',
  }
}

const sameFormats = (a: ToolbarFormats, b: ToolbarFormats) =>
  (Object.keys(a) as (keyof ToolbarFormats)[]).every((k) => a[k] === b[k])

/**
 * The control a key moves the focus to inside a toolbar of `count` controls (WAI-ARIA toolbar pattern): Left and
 * Right to the previous and next, wrapping around, Home and End to the first and last; null for any other key.
 */
export function toolbarFocusTarget(key: string, index: number, count: number): number | null {
  if (index < 0 || index >= count) return null
  if (key === 'ArrowRight') return (index + 1) % count
  if (key === 'ArrowLeft') return (index - 1 + count) % count
  if (key === 'Home') return 0
  if (key === 'End') return count - 1
  return null
}

/** The formats of the editor's selection, as it moves and as formats are applied (by button or shortcut). */
function useSelectionFormats(editor: LexicalEditor) {
  const [formats, setFormats] = useState(NONE)
  useEffect(() => {
    const show = (next: ToolbarFormats) => setFormats((shown) => (sameFormats(shown, next) ? shown : next))
    show(editor.getEditorState().read($selectionFormats))
    return mergeRegister(
      editor.registerCommand(
        SELECTION_CHANGE_COMMAND,
        () => {
          show($selectionFormats())
          return false
        },
        COMMAND_PRIORITY_CRITICAL,
      ),
      // A format toggled where nothing is selected, undo, a list made: the selection did not move.
      editor.registerUpdateListener(({ editorState }) => show(editorState.read($selectionFormats))),
    )
  }, [editor])
  return formats
}

/** A labelled list of uploaded images and an "insert" button: the image goes at the cursor, or at the end. */
function ImagePicker({
  images,
  label,
  insertLabel,
  tabIndexes,
}: ImagePickerConfig & { tabIndexes: [select: number, button: number] }) {
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
      <select id={selectId} value={src} tabIndex={tabIndexes[0]} onChange={(e) => setSrc(e.currentTarget.value)}>
        {images.map((i) => (
          <option key={i.src} value={i.src}>
            {i.altText}
          </option>
        ))}
      </select>{' '}
      <button type="button" tabIndex={tabIndexes[1]} onClick={insert}>
        {insertLabel}
      </button>
    </span>
  )
}

interface ToolbarButton {
  label: string
  text: string
  /** A toggle button: the format it shows as aria-pressed. */
  pressed?: keyof ToolbarFormats
  run: (editor: LexicalEditor) => void
}

/**
 * The editor's formatting toolbar: one Tab stop (the control last used; arrow keys, Home and End move inside), and
 * the toggle buttons say whether their format is on where the selection is (aria-pressed).
 */
export function EditorToolbar({ imagePicker }: { imagePicker?: ImagePickerConfig }) {
  const [editor] = useLexicalComposerContext()
  const { t } = useT()
  const formats = useSelectionFormats(editor)
  const [current, setCurrent] = useState(0)
  const block = (make: () => ElementNode) =>
    editor.update(() => {
      const selection = $getSelection()
      if ($isRangeSelection(selection)) $setBlocksType(selection, make)
    })
  /** A list button: takes the list off when the selection is in one of its kind, else makes one. */
  const list = (on: boolean, make: LexicalCommand<void>) =>
    editor.dispatchCommand(on ? REMOVE_LIST_COMMAND : make, undefined)
  const link = () => {
    const url = window.prompt(t('editor.linkPrompt'), 'https://')
    if (url === null) return
    editor.dispatchCommand(TOGGLE_LINK_COMMAND, url && isSafeUrl(url) ? url : null)
  }
  // A button's accessible name contains its visible text when that text is a word or a number ("1.",
  // "URL"): WCAG 2.5.3, label in name, so a speech-input user can say what they see.
  const buttons: ToolbarButton[] = [
    {
      label: t('editor.bold'),
      text: 'B',
      pressed: 'bold',
      run: (e) => e.dispatchCommand(FORMAT_TEXT_COMMAND, 'bold'),
    },
    {
      label: t('editor.italic'),
      text: 'I',
      pressed: 'italic',
      run: (e) => e.dispatchCommand(FORMAT_TEXT_COMMAND, 'italic'),
    },
    {
      label: t('editor.heading'),
      text: 'H',
      pressed: 'heading',
      run: () => block(() => (formats.heading ? $createParagraphNode() : $createHeadingNode('h3'))),
    },
    { label: t('editor.paragraph'), text: '¶', run: () => block(() => $createParagraphNode()) },
    {
      label: t('editor.bulletList'),
      text: '•',
      pressed: 'bulletList',
      run: () => list(formats.bulletList, INSERT_UNORDERED_LIST_COMMAND),
    },
    {
      label: t('editor.numberedList'),
      text: '1.',
      pressed: 'numberedList',
      run: () => list(formats.numberedList, INSERT_ORDERED_LIST_COMMAND),
    },
    {
      label: t('editor.quote'),
      text: '❝',
      pressed: 'quote',
      run: () => block(() => (formats.quote ? $createParagraphNode() : $createQuoteNode())),
    },
    { label: t('editor.link'), text: 'URL', run: link },
    { label: t('editor.undo'), text: '↶', run: (e) => e.dispatchCommand(UNDO_COMMAND, undefined) },
    { label: t('editor.redo'), text: '↷', run: (e) => e.dispatchCommand(REDO_COMMAND, undefined) },
  ]
  const picker = imagePicker?.images.length ? imagePicker : null
  const count = buttons.length + (picker ? 2 : 0)
  const tabIndex = (i: number) => (i === Math.min(current, count - 1) ? 0 : -1)
  const controls = (toolbar: HTMLElement) => [...toolbar.querySelectorAll<HTMLElement>('button, select')]
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return
    const items = controls(event.currentTarget)
    const next = toolbarFocusTarget(event.key, items.indexOf(event.target as HTMLElement), items.length)
    if (next === null) return
    event.preventDefault()
    items[next]!.focus()
  }
  return (
    <div
      className="editor-toolbar"
      role="toolbar"
      aria-label={t('editor.toolbar')}
      onKeyDown={onKeyDown}
      onFocus={(event) => {
        const at = controls(event.currentTarget).indexOf(event.target)
        if (at >= 0) setCurrent(at)
      }}
    >
      {buttons.map((b, i) => (
        <button
          key={b.label}
          type="button"
          aria-label={b.label}
          title={b.label}
          aria-pressed={b.pressed ? formats[b.pressed] : undefined}
          tabIndex={tabIndex(i)}
          onClick={(event) => {
            b.run(editor)
            // Lexical moves the focus into the text once it has made the change; a button pressed from the
            // keyboard (no pointer: detail 0) keeps it, as the toolbar pattern has it, and is heard pressed or not.
            const button = event.currentTarget
            if (event.detail === 0) queueMicrotask(() => button.focus())
          }}
        >
          <span aria-hidden="true">{b.text}</span>
        </button>
      ))}
      {picker ? (
        <ImagePicker {...picker} tabIndexes={[tabIndex(buttons.length), tabIndex(buttons.length + 1)]} />
      ) : null}
    </div>
  )
}
