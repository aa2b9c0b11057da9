import { describe, expect, it } from 'vitest'
import { z } from 'zod'

import { formAnswer, formValues, intent, NO_INPUT, runIntent } from './forms.server'
import { positiveInt, queryInt, routeParam, uuidParam } from './params'
import { Refusal } from './refusal.server'

function form(fields: Record<string, string | string[]>) {
  const data = new FormData()
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) data.append(k, x)
  return data
}

const statusOf = (thrown: unknown) => (thrown instanceof Response ? thrown.status : null)
async function thrownBy(fn: () => unknown) {
  try {
    await fn()
  } catch (error) {
    return error
  }
}

describe('form values', () => {
  it('keep a repeated name as a list, a single one as text, and never a password', () => {
    expect(formValues(form({ tags: ['a', 'b'], title: 'Заглавие', password: 'secret', one: ['x'] }))).toEqual({
      tags: ['a', 'b'],
      title: 'Заглавие',
      one: 'x',
    })
  })
})

describe('runIntent', () => {
  const intents = {
    save: intent(z.object({ title: z.string().min(3, 'errors.tooShort') }), ({ title }) => ({ saved: title })),
    locked: intent(NO_INPUT, () => {
      throw new Refusal('cases.error.locked', { status: 409 })
    }),
    capacity: intent(NO_INPUT, () => {
      throw new Refusal('events.error.capacityBelowConfirmed', { field: 'capacity', params: { confirmed: 3 } })
    }),
    gone: intent(NO_INPUT, () => {
      throw new Refusal('chat.error.notFound', { status: 404 })
    }),
  }

  it('runs the named intent with the parsed input', async () => {
    expect(await runIntent(form({ intent: 'save', title: '  Ново  ' }), intents)).toEqual({ saved: '  Ново  ' })
  })

  it('answers 400 with every field error and the values sent when the schema refuses', async () => {
    const answer = await runIntent(form({ intent: 'save', title: 'x', tags: ['a', 'b'] }), intents)
    expect(answer).toMatchObject({
      init: { status: 400 },
      data: { ok: false, fieldErrors: { title: ['errors.tooShort'] }, values: { title: 'x', tags: ['a', 'b'] } },
    })
  })

  it('answers an unknown intent with 400, and serves a form without one from `default`', async () => {
    expect(await runIntent(form({ intent: 'constructor' }), intents)).toMatchObject({
      init: { status: 400 },
      data: { formError: 'errors.400' },
    })
    expect(await runIntent(form({}), { default: intent(NO_INPUT, () => 'default') })).toBe('default')
  })

  it('turns a refusal into the form answer: message, params, field and status', async () => {
    expect(await runIntent(form({ intent: 'locked' }), intents)).toMatchObject({
      init: { status: 409 },
      data: { formError: 'cases.error.locked', fieldErrors: {} },
    })
    expect(await runIntent(form({ intent: 'capacity', capacity: '1' }), intents)).toMatchObject({
      init: { status: 400 },
      data: {
        formError: 'events.error.capacityBelowConfirmed',
        formErrorParams: { confirmed: 3 },
        fieldErrors: { capacity: ['events.error.capacityBelowConfirmed'] },
        values: { capacity: '1' },
      },
    })
  })

  it('throws a 403/404 refusal not tied to a field for the error boundary, and rethrows anything else', async () => {
    expect(statusOf(await thrownBy(() => runIntent(form({ intent: 'gone' }), intents)))).toBe(404)
    const boom = new Error('boom')
    expect(await thrownBy(() => formAnswer(form({}), boom))).toBe(boom)
  })
})

describe('parameters', () => {
  it('reads positive whole numbers and nothing else', () => {
    expect(['3', '0', '-1', '2.5', 'abc', '', null].map((v) => positiveInt(v))).toEqual([
      3,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ])
    expect(positiveInt('101', 100)).toBeUndefined()
    expect(queryInt(new URL('http://x/?page=2'), 'page')).toBe(2)
  })

  it('answers 404 for a missing route parameter or an id that is not a uuid', async () => {
    expect(routeParam({ slug: 'den-na-otvorenite-vrati' }, 'slug')).toBe('den-na-otvorenite-vrati')
    expect(statusOf(await thrownBy(() => routeParam({}, 'slug')))).toBe(404)
    expect(statusOf(await thrownBy(() => uuidParam({ courseId: 'nope' }, 'courseId')))).toBe(404)
    expect(uuidParam({ courseId: '6f9619ff-8b86-4d01-b42d-00cf4fc964ff' }, 'courseId')).toBe(
      '6f9619ff-8b86-4d01-b42d-00cf4fc964ff',
    )
  })
})
