import { createHeadlessEditor } from '@lexical/headless'
import { $createListItemNode, $createListNode } from '@lexical/list'
import { LexicalComposer } from '@lexical/react/LexicalComposer'
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text'
import { $createParagraphNode, $createTextNode, $getRoot, type ElementNode } from 'lexical'
import { renderToStaticMarkup } from 'react-dom/server'
import { createMemoryRouter, RouterProvider } from 'react-router-dom'
import { describe, expect, it } from 'vitest'

import { TEXT_FORMAT } from '../features/richtext/document'
import { RICH_TEXT_NODES } from '../features/richtext/lexical-nodes'
import { $selectionFormats, EditorToolbar, toolbarFocusTarget, type ImagePickerConfig } from './EditorToolbar'

const onError = (error: Error) => {
  throw error
}

/** The toolbar's formats with the whole text of one block selected: `make` builds the block around the text. */
function formatsIn(make: (text: ElementNode) => ElementNode, format = 0) {
  const editor = createHeadlessEditor({ namespace: 'test', nodes: [...RICH_TEXT_NODES], onError })
  editor.update(
    () => {
      const text = $createTextNode('Среща в училище').setFormat(format)
      $getRoot().append(make($createParagraphNode().append(text)))
      // The selection takes the format of the text it covers, as Lexical sets it when the browser's selection moves.
      text.select(0, text.getTextContentSize()).setFormat(format)
    },
    { discrete: true },
  )
  return editor.getEditorState().read($selectionFormats)
}

const inHeading = (p: ElementNode) => $createHeadingNode('h3').append(...p.getChildren())
const inQuote = (p: ElementNode) => $createQuoteNode().append(...p.getChildren())
const inList = (type: 'bullet' | 'number') => (p: ElementNode) =>
  $createListNode(type).append($createListItemNode().append(...p.getChildren()))

/** The toolbar's markup on a page in Bulgarian (its labels read the language from the root route). */
function toolbarHtml(imagePicker?: ImagePickerConfig) {
  const router = createMemoryRouter(
    [
      {
        id: 'root',
        path: '/',
        element: (
          <LexicalComposer initialConfig={{ namespace: 'test', nodes: [...RICH_TEXT_NODES], onError }}>
            <EditorToolbar imagePicker={imagePicker} />
          </LexicalComposer>
        ),
      },
    ],
    { hydrationData: { loaderData: { root: { locale: 'bg' } } } },
  )
  return renderToStaticMarkup(<RouterProvider router={router} />)
}

describe('the editor toolbar', () => {
  it('moves the focus with the arrow keys, wrapping around, and with Home and End; other keys are left alone', () => {
    expect(toolbarFocusTarget('ArrowRight', 0, 10)).toBe(1)
    expect(toolbarFocusTarget('ArrowRight', 9, 10)).toBe(0)
    expect(toolbarFocusTarget('ArrowLeft', 0, 10)).toBe(9)
    expect(toolbarFocusTarget('ArrowLeft', 5, 10)).toBe(4)
    expect(toolbarFocusTarget('Home', 5, 10)).toBe(0)
    expect(toolbarFocusTarget('End', 5, 10)).toBe(9)
    for (const key of ['Tab', 'Enter', ' ', 'ArrowDown', 'b']) expect(toolbarFocusTarget(key, 5, 10)).toBeNull()
    // A key pressed on something that is not one of its controls.
    expect(toolbarFocusTarget('ArrowRight', -1, 10)).toBeNull()
  })

  it("reads the selection's formats and block for the toggle buttons", () => {
    const none = { bold: false, italic: false, heading: false, quote: false, bulletList: false, numberedList: false }
    expect(formatsIn((p) => p)).toEqual(none)
    expect(formatsIn((p) => p, TEXT_FORMAT.bold)).toEqual({ ...none, bold: true })
    expect(formatsIn((p) => p, TEXT_FORMAT.bold | TEXT_FORMAT.italic)).toEqual({ ...none, bold: true, italic: true })
    expect(formatsIn(inHeading)).toEqual({ ...none, heading: true })
    expect(formatsIn(inQuote, TEXT_FORMAT.italic)).toEqual({ ...none, quote: true, italic: true })
    expect(formatsIn(inList('bullet'))).toEqual({ ...none, bulletList: true })
    expect(formatsIn(inList('number'))).toEqual({ ...none, numberedList: true })
  })

  it('is one Tab stop, and only its toggle buttons say whether they are pressed', () => {
    const buttons = [...toolbarHtml().matchAll(/<button[^>]*>/g)].map((m) => m[0])
    expect(buttons).toHaveLength(10)
    expect(buttons.filter((b) => b.includes('tabindex="0"'))).toEqual([expect.stringContaining('Удебелен')])
    expect(buttons.filter((b) => b.includes('tabindex="-1"'))).toHaveLength(9)
    const toggles = buttons
      .filter((b) => b.includes('aria-pressed="false"'))
      .map((b) => /aria-label="([^"]*)"/.exec(b)![1])
    expect(toggles).toEqual(['Удебелен', 'Курсив', 'Заглавие', 'Списък с точки', '1. Номериран списък', 'Цитат'])
  })

  it("takes the lesson editor's image picker into its one Tab stop", () => {
    const html = toolbarHtml({
      images: [{ src: '/uploads/training/a.png', altText: 'Карта' }],
      label: 'Изображение',
      insertLabel: 'Вмъкни',
    })
    expect(html.match(/tabindex="0"/g)).toHaveLength(1)
    expect(html).toMatch(/<select[^>]*tabindex="-1"/)
    expect(html).toMatch(/<button[^>]*tabindex="-1"[^>]*>Вмъкни<\/button>/)
  })
})
