import { deflateSync } from 'node:zlib'

import { describe, expect, it } from 'vitest'

import { pdfTexts } from '../support/pdf'

/** A PDF object holding `content` as a compressed stream, as pdf-lib writes one. */
function streamObject(id: number, content: string): { object: string; lastByte: number } {
  const data = deflateSync(Buffer.from(content, 'latin1'))
  const dictionary = `<<\n/Filter /FlateDecode\n/Length ${data.length}\n>>`
  const object = `${id} 0 obj\n${dictionary}\nstream\n${data.toString('latin1')}\nendstream\nendobj\n`
  return { object, lastByte: data[data.length - 1] }
}

describe('the PDF text the tests read', () => {
  it('reads every stream by its /Length, also one whose compressed bytes end in a carriage return', () => {
    const map = '1 beginbfchar\n<0041> <0416>\nendbfchar'
    // Vary the drawing until its compressed stream ends with byte 13, the case a search for "\r?\nendstream" broke.
    let drawing = streamObject(2, '<0041> Tj')
    for (let pad = 0; drawing.lastByte !== 13; pad++) drawing = streamObject(2, `<0041> Tj\n% ${pad}`)
    const pdf = `%PDF-1.7\n${streamObject(1, map).object}${drawing.object}%%EOF`
    expect(pdfTexts(new Uint8Array(Buffer.from(pdf, 'latin1')))).toEqual(['Ж'])
  })
})
