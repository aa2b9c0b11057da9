import { z } from 'zod'
import { isDistrictCode } from '../platform/districts'
import { normaliseCaseCode } from '../cases/codes'
import { positiveInt } from '../search/schemas'
import { AGE_BANDS, EDUCATION_STAGES, INSTITUTION_KINDS, SITUATION_TAGS } from './vocabulary'

const choice = { errorMap: () => ({ message: 'errors.choice' }) }

/** Checkbox groups send one value or many; both become an array. */
const many = <T extends z.ZodTypeAny>(item: T, max: number) =>
  z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(max, 'errors.tooLong'))

export const TITLE_MAX = 160
export const SUMMARY_MAX = 600
export const SECTION_MAX = 30_000
export const COMMENT_MAX = 2_000

/** The practice fields besides the four rich-text sections (read with readRichText). */
export const PracticeFieldsSchema = z.object({
  title: z.string({ required_error: 'errors.required' }).trim().min(5, 'errors.tooShort').max(TITLE_MAX, 'errors.tooLong'),
  summary: z.string({ required_error: 'errors.required' }).trim().min(20, 'errors.tooShort').max(SUMMARY_MAX, 'errors.tooLong'),
  situationTags: many(z.enum(SITUATION_TAGS, choice), SITUATION_TAGS.length),
  ageBands: many(z.enum(AGE_BANDS, choice), AGE_BANDS.length),
  educationStages: many(z.enum(EDUCATION_STAGES, choice), EDUCATION_STAGES.length),
  institutionKinds: many(z.enum(INSTITUTION_KINDS, choice), INSTITUTION_KINDS.length),
  districts: many(z.string().refine(isDistrictCode, 'errors.choice'), 24),
  /** Case codes, one per line or separated by commas (e.g. С-2026-0042). */
  caseCodes: z
    .string()
    .optional()
    .default('')
    .transform((raw, ctx) => {
      const parts = raw.split(/[\s,;]+/).filter(Boolean)
      const codes = parts.map((p) => normaliseCaseCode(p))
      if (codes.some((c) => !c)) ctx.addIssue({ code: 'custom', message: 'errors.caseCodes' })
      if (codes.length > 20) ctx.addIssue({ code: 'custom', message: 'errors.tooLong' })
      return [...new Set(codes.filter((c): c is string => !!c))]
    }),
  sourceCaseCode: z
    .string()
    .optional()
    .transform((v) => (v ? normaliseCaseCode(v) : null)),
  /** The version the editor started from; a newer one means someone else saved in between. */
  version: z.coerce.number().int().min(0).optional(),
})
export type PracticeFields = z.infer<typeof PracticeFieldsSchema>

export const ReviewSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('publish') }),
  z.object({ intent: z.literal('return'), comment: z.string({ required_error: 'errors.required' }).trim().min(5, 'errors.tooShort').max(COMMENT_MAX, 'errors.tooLong') }),
  z.object({ intent: z.literal('submit') }),
  z.object({ intent: z.literal('withdraw') }),
  z.object({ intent: z.literal('archive') }),
  z.object({ intent: z.literal('restore') }),
  z.object({ intent: z.literal('useful') }),
  z.object({ intent: z.literal('notUseful') }),
])

/** GET /api/v1/practices query string. */
export const PracticeListParamsSchema = z.object({
  page: positiveInt(10_000, 1),
  perPage: positiveInt(50, 20),
  sort: z.enum(['newest', 'useful'], choice).optional().default('newest'),
})
