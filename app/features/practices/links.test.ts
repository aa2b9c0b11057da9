import { describe, expect, it } from 'vitest'

import { paragraphNode, plainTextToDoc, textNode, type RichTextDoc } from '../richtext/document'
import { linkedPracticeSlugs } from './links'

const withLink = (url: string, label: string): RichTextDoc => {
  const doc = plainTextToDoc('Вижте:')
  doc.root.children.push(paragraphNode([{ type: 'link', url, children: [textNode(label)] } as never]))
  return doc
}

describe('linked practices', () => {
  it('finds practice addresses in links and in typed text, once each, in order', () => {
    const typed = plainTextToDoc(
      'Помогна ни /practices/zdravni-mediatori-po-domovete, а също http://localhost:3000/practices/uroci-za-nagrazhdane.\nИ пак /practices/zdravni-mediatori-po-domovete',
    )
    expect(linkedPracticeSlugs(typed)).toEqual(['zdravni-mediatori-po-domovete', 'uroci-za-nagrazhdane'])
    expect(linkedPracticeSlugs(withLink('/practices/transport-do-uchilishte', 'транспорт'))).toEqual([
      'transport-do-uchilishte',
    ])
  })

  it('ignores other addresses, the new-practice form and look-alikes', () => {
    const doc = plainTextToDoc('/practices/new и /cases/С-2026-0001 и /practicesx/abc и example/practices/abc')
    expect(linkedPracticeSlugs(doc, null)).toEqual([])
  })
})
