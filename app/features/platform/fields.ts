import { z } from 'zod'

import { DISTRICTS, isDistrictCode } from './districts'
import { many } from './params'

/** A required e-mail address as every form reads it (trimmed, at most 254 characters). */
export const emailField = z
  .string({ required_error: 'errors.required' })
  .trim()
  .min(1, 'errors.required')
  .max(254, 'errors.tooLong')
  .email('errors.email')

/**
 * A required text, trimmed, of `min` to `max` characters. Too short says `tooShort`: 'errors.required' when one
 * character is enough, 'errors.tooShort' otherwise; too long says 'errors.tooLong'.
 */
export const requiredText = (max: number, min = 1, tooShort = min > 1 ? 'errors.tooShort' : 'errors.required') =>
  z.string({ required_error: 'errors.required' }).trim().min(min, tooShort).max(max, 'errors.tooLong')

/** An optional text, trimmed, at most `max` characters; absent is ''. */
export const optionalText = (max: number) => z.string().trim().max(max, 'errors.tooLong').optional().default('')

/** An optional text, trimmed, at most `max` characters; absent or empty is null. */
export const optionalTextOrNull = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'errors.tooLong')
    .optional()
    .transform((v) => v || null)

/** One of a fixed list of values (a select, a radio group); anything else says 'errors.choice'. */
export const choiceField = <U extends string, T extends Readonly<[U, ...U[]]>>(values: T) =>
  z.enum(values, { errorMap: () => ({ message: 'errors.choice' }) })

/** A checkbox group of a fixed list of values, each at most once. */
export const choicesField = <U extends string, T extends Readonly<[U, ...U[]]>>(values: T) =>
  many(choiceField(values), values.length)

/** Districts of Sofia picked in a checkbox group. */
export const districtCodesField = () => many(z.string().refine(isDistrictCode, 'errors.choice'), DISTRICTS.length)

/** An optional id of a record picked in a form: absent or empty is null, anything but a uuid 'errors.choice'. */
export const optionalIdField = z
  .string()
  .optional()
  .transform((v) => v || null)
  .refine((v) => v === null || z.string().uuid().safeParse(v).success, 'errors.choice')

/** An optional district of Sofia: absent or empty is null. */
export const optionalDistrictField = z
  .string()
  .optional()
  .transform((v) => v || null)
  .refine((v) => v === null || isDistrictCode(v), 'errors.choice')

/** A calendar day as a date field sends it (yyyy-mm-dd). */
export const isoDateField = z.string({ required_error: 'errors.required' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'errors.date')

/** The id of a record picked in a form: missing says 'errors.required', anything but a uuid 'errors.choice'. */
export const idField = z.string({ required_error: 'errors.required' }).uuid('errors.choice')
