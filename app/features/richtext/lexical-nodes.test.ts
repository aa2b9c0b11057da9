import { createHeadlessEditor } from '@lexical/headless'
import { $createParagraphNode, $getRoot, $isElementNode } from 'lexical'
import { describe, expect, it } from 'vitest'

import { docToPlainText, parseRichTextDoc, type RichTextDoc, type RichTextNode } from './document'
import { $createImageNode, $isImageNode, ImageNode, RICH_TEXT_NODES } from './lexical-nodes'

function editorWith(nodes = RICH_TEXT_NODES) {
  return createHeadlessEditor({
    namespace: 'test',
    nodes: [...nodes],
    onError: (error) => {
      throw error
    },
  })
}

/** An editor holding one paragraph with one image in it. */
function editorWithImage(src: string, altText: string) {
  const editor = editorWith()
  editor.update(
    () => {
      $getRoot().append($createParagraphNode().append($createImageNode(src, altText)))
    },
    { discrete: true },
  )
  return editor
}

/** What the editor holds after opening a stored document, exported as the browser sends it back. */
function openAndExport(doc: RichTextDoc, nodes = RICH_TEXT_NODES) {
  const editor = editorWith(nodes)
  editor.setEditorState(editor.parseEditorState(JSON.stringify(doc)))
  return editor.getEditorState().toJSON() as unknown as RichTextDoc
}

function findAll(node: RichTextNode, type: string): RichTextNode[] {
  return [...(node.type === type ? [node] : []), ...(node.children ?? []).flatMap((c) => findAll(c, type))]
}

// The shape the no-JavaScript upload writes (appendImageToLesson), after the server's whitelist.
const stored = parseRichTextDoc({
  root: {
    type: 'root',
    children: [
      { type: 'heading', tag: 'h2', children: [{ type: 'text', text: 'Карта на района' }] },
      { type: 'paragraph', children: [{ type: 'text', text: 'Преди посещението разгледайте картата.' }] },
      {
        type: 'paragraph',
        children: [
          {
            type: 'image',
            version: 1,
            src: '/uploads/training/0b7f3a8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b.png',
            altText: 'Карта с маршрута',
          },
        ],
      },
      {
        type: 'list',
        listType: 'bullet',
        children: [
          {
            type: 'listitem',
            children: [{ type: 'link', url: 'https://example.org', children: [{ type: 'text', text: 'връзка' }] }],
          },
        ],
      },
    ],
  },
})!

describe('Lexical nodes for stored rich text', () => {
  it('without an image node the editor cannot open a lesson that has an uploaded image (the old crash)', () => {
    const withoutImage = RICH_TEXT_NODES.filter((n) => n !== ImageNode)
    expect(() => openAndExport(stored, withoutImage)).toThrow(/type "image".*not found/)
  })

  it('opens a document with an image and gives back exactly the stored image JSON', () => {
    const exported = openAndExport(stored)
    const images = findAll(exported.root, 'image')
    expect(images).toEqual([
      {
        type: 'image',
        version: 1,
        src: '/uploads/training/0b7f3a8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b.png',
        altText: 'Карта с маршрута',
      },
    ])
  })

  it('round-trips: stored → editor → server whitelist is the same document and the same plain text', () => {
    const again = parseRichTextDoc(openAndExport(stored))
    expect(again).toEqual(stored)
    expect(docToPlainText(again!)).toBe(docToPlainText(stored))
    // And once more through the editor, in case the first pass normalised anything.
    expect(parseRichTextDoc(openAndExport(again!))).toEqual(stored)
  })

  it('an image inserted in the editor serialises to the shape the server keeps', () => {
    const editor = editorWithImage('/uploads/training/a.png', 'Схема')
    const kept = parseRichTextDoc(editor.getEditorState().toJSON())!
    expect(findAll(kept.root, 'image')).toEqual([
      { type: 'image', version: 1, src: '/uploads/training/a.png', altText: 'Схема' },
    ])
    editor.getEditorState().read(() => {
      const paragraph = $getRoot().getFirstChild()
      expect($isElementNode(paragraph) && $isImageNode(paragraph.getFirstChild())).toBe(true)
    })
  })

  it('an image from elsewhere is dropped by the whitelist even if the editor held it', () => {
    const editor = editorWithImage('https://tracker.example/p.gif', 'x')
    expect(JSON.stringify(parseRichTextDoc(editor.getEditorState().toJSON()))).not.toContain('tracker.example')
  })
})
