import { describe, expect, it } from 'vitest'

import type { Actor } from '../identity/permissions'
import { formAnswer } from '../platform/forms.server'
import { docToPlainText, plainTextToDoc } from '../richtext/document'
import { checkPrivacy, enforcePrivacy, PrivacyBlockedError, redactDoc, redactSubmission } from './guard.server'

const staff: Actor = { id: 'u1', role: 'staff', institutionId: 'i1', teamId: null }
const coordinator: Actor = { ...staff, id: 'u2', role: 'coordinator' }
const LEAK = 'Майката, тел. 0888 123 456, чака обаждане.'

function form(fields: Record<string, string | string[]>) {
  const data = new FormData()
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) data.append(k, x)
  return data
}

describe('the privacy guard', () => {
  it('reports findings per field; a mention token is shown as the name and is the only exempt span', () => {
    const id = '6f9619ff-8b86-4d01-b42d-00cf4fc964ff'
    const names = new Map([[id, 'Елена Петкова']])
    const check = checkPrivacy(
      { title: 'Без лични данни', body: `@{${id}} ще звънне на 0888 123 456` },
      { mentionNames: names },
    )
    expect(check.clean).toBe(false)
    expect(Object.keys(check.findings)).toEqual(['body'])
    expect(check.findings.body.map((f) => f.type)).toEqual(['phone'])
    expect(check.texts.body).toBe('@Елена Петкова ще звънне на 0888 123 456')
    // The same name typed, not picked, is a name like any other.
    expect(checkPrivacy({ body: '@Елена Петкова ще звънне.' }).findings.body?.map((f) => f.type)).toEqual(['name'])
  })

  it('lets only a coordinator with a reason through', () => {
    expect(() => enforcePrivacy(staff, { body: LEAK })).toThrow(PrivacyBlockedError)
    const asStaff = (() => {
      try {
        enforcePrivacy(staff, { body: LEAK }, { reason: 'Служебен телефон на училището' })
      } catch (error) {
        return error as PrivacyBlockedError
      }
    })()
    expect(asStaff?.overrideProblem).toBe('privacy.override.notAllowed')
    expect(() => enforcePrivacy(coordinator, { body: LEAK }, { reason: 'да' })).toThrow(PrivacyBlockedError)
    expect(
      enforcePrivacy(coordinator, { body: LEAK }, { reason: 'Служебен телефон на училището' }).override,
    ).not.toBeNull()
    expect(enforcePrivacy(staff, { body: 'Чисто.' }, { reason: 'x' }).override).toBeNull()
  })

  it('answers 422 with the text intact and positions in the checked text', () => {
    const submitted = form({ body: `Ред едно\n${LEAK}` })
    const error = (() => {
      try {
        enforcePrivacy(staff, { body: String(submitted.get('body')) })
      } catch (e) {
        return e as PrivacyBlockedError
      }
    })()!
    const response = formAnswer(submitted, error)
    expect(response.init?.status).toBe(422)
    expect(response.data.values.body).toBe(`Ред едно\n${LEAK}`)
    expect(response.data.privacy.fields.body[0]).toMatchObject({
      type: 'phone',
      text: '0888 123 456',
      line: 2,
      column: 15,
    })
    expect(response.data.privacy.canOverride).toBe(false)
  })

  it('redacts plain fields and editor documents, keeping formatting and checkbox lists', () => {
    const doc = plainTextToDoc(LEAK)
    expect(docToPlainText(redactDoc(doc))).toBe('Майката, тел. [ТЕЛЕФОН], чака обаждане.')
    const result = redactSubmission(
      form({ title: 'ул. „Опълченска“ 12', body: LEAK, bodyJson: JSON.stringify(doc), tags: ['a', 'b'] }),
      ['title', 'body'],
      staff,
    )
    expect(result.data.values.title).toBe('[АДРЕС]')
    expect(result.data.values.body).toBe('Майката, тел. [ТЕЛЕФОН], чака обаждане.')
    expect(JSON.parse(String(result.data.values.bodyJson)).root.children[0].children[0].text).toBe(
      'Майката, тел. [ТЕЛЕФОН], чака обаждане.',
    )
    expect(result.data.values.tags).toEqual(['a', 'b'])
  })

  it('keeps the texts it is told to keep, in plain fields and in documents', () => {
    const text = '@Елена Петкова: майката звъни от 0888 123 456.'
    const keep = ['@Елена Петкова']
    expect(docToPlainText(redactDoc(plainTextToDoc(text), { keep }))).toBe(
      '@Елена Петкова: майката звъни от [ТЕЛЕФОН].',
    )
    expect(redactSubmission(form({ body: text }), ['body'], staff, { keep }).data.values.body).toBe(
      '@Елена Петкова: майката звъни от [ТЕЛЕФОН].',
    )
    expect(redactSubmission(form({ body: text }), ['body'], staff).data.values.body).toBe(
      '@[ИМЕ]: майката звъни от [ТЕЛЕФОН].',
    )
  })
})
