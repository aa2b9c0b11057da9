import { describe, expect, it } from 'vitest'

import type { FormState } from '../../components/forms'
import { docToGuardText, plainTextToDoc } from '../richtext/document'
import { checkText } from './check'
import { redactSubmission } from './guard.server'
import { answeredText, textsAfterRedaction } from './PrivacyFindings'

const DESCRIPTION = 'Майката Мария Иванова, телефон 0888123456, живее на ул. Вапцаров 12.'
const staff = { id: 'u1', role: 'staff', institutionId: 'i1', teamId: null } as const

/** The redact button's answer to a case form with these texts, as the browser gets it. */
function redactedAnswer(title: string, description: string): FormState {
  const form = new FormData()
  form.set('title', title)
  form.set('description', description)
  form.set('descriptionJson', JSON.stringify(plainTextToDoc(description)))
  form.set('districtCode', 'lyulin')
  return redactSubmission(form, ['title', 'description'], staff).data
}

describe('the live privacy check after the redact button', () => {
  it('starts again from the redacted texts the answer brings, where it found personal data before', () => {
    const typed = { title: 'Среща с майката', description: docToGuardText(plainTextToDoc(DESCRIPTION)) }
    expect(checkText(typed.description).findings.map((f) => f.type)).toEqual(['name', 'phone', 'address'])
    const answer = redactedAnswer(typed.title, DESCRIPTION)
    const after = textsAfterRedaction({ redaction: null, texts: typed, started: true }, answer)
    expect(after).toEqual({
      redaction: answer.privacy!.nonce,
      started: true,
      texts: { title: 'Среща с майката', description: 'Майката [ИМЕ], телефон [ТЕЛЕФОН], живее на [АДРЕС].' },
    })
    expect(checkText(after.texts.description!).findings).toEqual([])
  })

  it('keeps a field the answer does not carry as typed, and leaves the check closed until a field reports', () => {
    const answer = redactedAnswer('Иван Петров', 'Без лични данни.')
    const after = textsAfterRedaction(
      { redaction: null, texts: { title: 'Иван Петров', other: 'x' }, started: false },
      answer,
    )
    expect(after.texts).toEqual({ title: '[ИМЕ]', other: 'x' })
    expect(after.started).toBe(false)
  })

  it("reads a rich-text field from the answer's document, as the editor reports it (link addresses too)", () => {
    const doc = plainTextToDoc('Профил')
    doc.root.children[0]!.children = [
      { type: 'link', version: 1, url: 'https://example.org/a', children: doc.root.children[0]!.children },
    ]
    const answer: FormState = { values: { body: 'Профил', bodyJson: JSON.stringify(doc) } }
    expect(answeredText(answer, 'body')).toBe(docToGuardText(doc))
    expect(answeredText(answer, 'body')).toContain('https://example.org/a')
    expect(answeredText({ values: { title: 'Заглавие' } }, 'title')).toBe('Заглавие')
    expect(answeredText({ values: {} }, 'title')).toBeUndefined()
  })
})
