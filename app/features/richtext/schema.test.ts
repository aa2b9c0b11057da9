import { createHeadlessEditor } from '@lexical/headless'
import { $createLinkNode } from '@lexical/link'
import { $createListItemNode, $createListNode } from '@lexical/list'
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text'
import { $createLineBreakNode, $createParagraphNode, $createTextNode, $getRoot } from 'lexical'
import { describe, expect, it } from 'vitest'

import { docToGuardText, parseRichTextDoc } from './document'
import { $createImageNode, RICH_TEXT_NODES } from './lexical-nodes'
import { validateRichTextDoc } from './schema'

/**
 * Everything the toolbar can make, exported as the browser sends it (Lexical's JSON through the client's whitelist).
 */
function everythingFromTheEditor() {
  const editor = createHeadlessEditor({
    namespace: 'test',
    nodes: [...RICH_TEXT_NODES],
    onError: (e) => {
      throw e
    },
  })
  editor.update(
    () => {
      const nested = $createListNode('number').append($createListItemNode().append($createTextNode('вложена стъпка')))
      $getRoot().append(
        $createHeadingNode('h3').append($createTextNode('План')),
        $createParagraphNode().append(
          $createTextNode('Удебелен').toggleFormat('bold'),
          $createLineBreakNode(),
          $createLinkNode('https://mon.bg').append($createTextNode('МОН')),
        ),
        $createListNode('bullet').append(
          $createListItemNode().append($createTextNode('първо')),
          $createListItemNode().append(nested),
        ),
        $createQuoteNode().append($createTextNode('цитат')),
        $createParagraphNode().append($createImageNode('/uploads/training/a.png', 'Карта')),
      )
    },
    { discrete: true },
  )
  return parseRichTextDoc(editor.getEditorState().toJSON())!
}

describe('the document schema', () => {
  it('accepts everything the editor makes, unchanged', () => {
    const sent = everythingFromTheEditor()
    const checked = validateRichTextDoc(JSON.stringify(sent))
    expect(checked).toEqual({ ok: true, doc: sent })
  })

  it('the guard text holds the visible text, then link addresses and image descriptions', () => {
    expect(docToGuardText(everythingFromTheEditor())).toBe(
      'План\n\nУдебелен\nМОН\n\n- първо\n1. вложена стъпка\n\nцитат\n\n[Карта]\n\nhttps://mon.bg\n\nКарта',
    )
  })

  it('refuses what it does not know, with a message that says what', () => {
    const paragraph = (children: unknown[]) => ({ root: { type: 'root', children: [{ type: 'paragraph', children }] } })
    expect(validateRichTextDoc('{')).toEqual({ ok: false, problem: { key: 'richtext.error.invalid' } })
    expect(validateRichTextDoc(paragraph([{ type: 'mention', userId: 'x' }]))).toEqual({
      ok: false,
      problem: { key: 'richtext.error.nodeType' },
    })
    expect(validateRichTextDoc(paragraph([{ type: 'text', text: 'x', onclick: 'y' }]))).toEqual({
      ok: false,
      problem: { key: 'richtext.error.invalid' },
    })
    expect(validateRichTextDoc(paragraph([{ type: 'link', url: 'javascript:alert(1)', children: [] }]))).toEqual({
      ok: false,
      problem: { key: 'richtext.error.link' },
    })
    expect(
      validateRichTextDoc(paragraph([{ type: 'image', src: 'https://tracker.example/p.gif', altText: '' }])),
    ).toEqual({ ok: false, problem: { key: 'richtext.error.image' } })
    const textInList = {
      root: {
        type: 'root',
        children: [{ type: 'list', listType: 'bullet', children: [{ type: 'text', text: '0641051235' }] }],
      },
    }
    expect(validateRichTextDoc(textInList).ok).toBe(false)
    let deep: unknown = { type: 'text', text: 'x' }
    for (let i = 0; i < 40; i++)
      deep = { type: 'listitem', children: [{ type: 'list', listType: 'bullet', children: [deep] }] }
    expect(
      validateRichTextDoc({
        root: { type: 'root', children: [{ type: 'list', listType: 'bullet', children: [deep] }] },
      }),
    ).toEqual({ ok: false, problem: { key: 'richtext.error.tooLarge' } })
  })

  it('stores texts normalised: invisible characters gone, full-width digits as digits', () => {
    const checked = validateRichTextDoc({
      root: {
        type: 'root',
        children: [{ type: 'paragraph', children: [{ type: 'text', text: 'стая\u200B ５, ДГ № 45' }] }],
      },
    })
    expect(checked.ok && checked.doc.root.children[0].children?.[0].text).toBe('стая 5, ДГ № 45')
  })
})
