import { describe, expect, it } from 'vitest'
import { z } from 'zod'

import { constraintsOf } from './constraints'
import { choiceField, optionalIdField, optionalText, optionalTextOrNull, requiredText } from './fields'

const count = (min: number, max: number) => z.coerce.number().int().min(min).max(max)

describe('constraintsOf', () => {
  it('reads required, maxLength and min/max from the fields of an object schema', () => {
    const schema = z.object({
      title: requiredText(160, 3),
      summary: optionalText(1000),
      mapUrl: optionalTextOrNull(1000).refine((v) => v === null || v.startsWith('https://')),
      kind: choiceField(['a', 'b']),
      prerequisite: optionalIdField,
      minutes: count(5, 6000),
      seats: count(1, 50).default(5),
    })
    expect(constraintsOf(schema)).toEqual({
      title: { required: true, maxLength: 160 },
      summary: { maxLength: 1000 },
      mapUrl: { maxLength: 1000 },
      kind: { required: true },
      prerequisite: {},
      minutes: { required: true, min: 5, max: 6000 },
      // A default serves a missing field only: a number field sent empty is still refused.
      seats: { required: true, min: 1, max: 50 },
    })
  })

  it('calls a field that turns empty into a value optional', () => {
    const schema = z.object({
      passPercent: z.preprocess((v) => (v === '' ? 70 : v), count(1, 100)),
      maxAttempts: z.preprocess((v) => (v === '' ? null : v), count(1, 50).nullable()),
    })
    expect(constraintsOf(schema)).toEqual({ passPercent: { min: 1, max: 100 }, maxAttempts: { min: 1, max: 50 } })
  })

  it('looks through transforms, refinements and .and(…)', () => {
    const fields = z.object({ title: requiredText(120) }).superRefine(() => undefined)
    const schema = fields.and(z.object({ note: optionalText(500) })).transform((v) => v)
    expect(constraintsOf(schema)).toEqual({ title: { required: true, maxLength: 120 }, note: { maxLength: 500 } })
  })

  it('finds no fields in a schema that is not an object', () => {
    expect(constraintsOf(z.record(z.unknown()))).toEqual({})
  })
})
