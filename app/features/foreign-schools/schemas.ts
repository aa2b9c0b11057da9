import { z } from 'zod'

import { FOREIGN_COUNT_FIELDS, type ForeignCountField } from '../../../db/schema/foreign-schools'
import { emailField as email, isoDateField, requiredText } from '../platform/fields'

export const NewRoundSchema = z
  .object({
    title: requiredText(200, 3),
    periodStart: isoDateField,
    periodEnd: isoDateField,
  })
  .superRefine((value, ctx) => {
    if (value.periodEnd < value.periodStart)
      ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'foreign.error.periodOrder' })
  })
export type NewRoundInput = z.infer<typeof NewRoundSchema>

export const AddSchoolSchema = z.object({
  name: requiredText(200, 2),
  contactEmail: email,
})
export type AddSchoolInput = z.infer<typeof AddSchoolSchema>

export const SchoolIdSchema = z.object({
  schoolId: z.string({ required_error: 'errors.choice' }).uuid('errors.choice'),
})

/** A count a school reports: a whole number from 0 to 100 000 (an empty field is an error, not a zero). */
const count = z
  .string({ required_error: 'errors.required' })
  .trim()
  .min(1, 'errors.required')
  .regex(/^\d+$/, 'foreign.error.count')
  .transform(Number)
  .pipe(z.number().int().min(0).max(100_000, 'foreign.error.count'))

export const AnswerSchema = z.object({
  ...(Object.fromEntries(FOREIGN_COUNT_FIELDS.map((f) => [f, count])) as Record<ForeignCountField, typeof count>),
  comment: z.string().trim().max(2000, 'errors.tooLong').default(''),
})
export type AnswerInput = z.infer<typeof AnswerSchema>
