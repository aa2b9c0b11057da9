import { describe, expect, it } from 'vitest'

import { docToPlainText, parseRichTextDoc, plainTextToDoc } from './document'

describe('rich text documents', () => {
  it('round-trips plain text through a document', () => {
    const text = 'Първи абзац.\nВтори ред.\n\nВтори абзац.'
    expect(docToPlainText(plainTextToDoc(text))).toBe(text)
  })

  it('drops unsafe links and unknown nodes but keeps their text', () => {
    const doc = parseRichTextDoc({
      root: {
        type: 'root',
        children: [
          {
            type: 'paragraph',
            children: [{ type: 'link', url: 'javascript:alert(1)', children: [{ type: 'text', text: 'click' }] }],
          },
          { type: 'html-embed', children: [{ type: 'paragraph', children: [{ type: 'text', text: 'kept' }] }] },
          { type: 'image', src: 'https://tracker.example/x.png' },
        ],
      },
    })
    expect(doc).not.toBeNull()
    const json = JSON.stringify(doc)
    expect(json).not.toContain('javascript:')
    expect(json).not.toContain('html-embed')
    expect(json).not.toContain('tracker.example')
    expect(docToPlainText(doc!)).toBe('click\n\nkept')
  })

  it('renders lists and headings as readable plain text', () => {
    const doc = parseRichTextDoc({
      root: {
        type: 'root',
        children: [
          { type: 'heading', tag: 'h2', children: [{ type: 'text', text: 'Стъпки' }] },
          {
            type: 'list',
            listType: 'number',
            children: [
              { type: 'listitem', children: [{ type: 'text', text: 'Посещение' }] },
              { type: 'listitem', children: [{ type: 'text', text: 'Среща' }] },
            ],
          },
        ],
      },
    })
    expect(docToPlainText(doc!)).toBe('Стъпки\n\n1. Посещение\n2. Среща')
  })

  it('rejects what is not a document', () => {
    expect(parseRichTextDoc('not json')).toBeNull()
    expect(parseRichTextDoc({ root: { type: 'paragraph' } })).toBeNull()
  })
})
