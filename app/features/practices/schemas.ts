import { z } from 'zod'

import { normaliseCaseCode } from '../cases/codes'
import { isDistrictCode } from '../platform/districts'
import { many, positiveIntField } from '../platform/params'
import { richTextFields } from '../richtext/fields'
import { AGE_BANDS, EDUCATION_STAGES, INSTITUTION_KINDS, PRACTICE_SECTIONS, SITUATION_TAGS } from './vocabulary'

const choice = { errorMap: () => ({ message: 'errors.choice' }) }

export const TITLE_MAX = 160
export const SUMMARY_MAX = 600
export const SECTION_MAX = 30_000
export const COMMENT_MAX = 2_000

/** The practice fields besides the four rich-text sections. */
export const PracticeFieldsSchema = z.object({
  title: z
    .string({ required_error: 'errors.required' })
    .trim()
    .min(5, 'errors.tooShort')
    .max(TITLE_MAX, 'errors.tooLong'),
  summary: z
    .string({ required_error: 'errors.required' })
    .trim()
    .min(20, 'errors.tooShort')
    .max(SUMMARY_MAX, 'errors.tooLong'),
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

const section = { max: SECTION_MAX }
const required = { required: true, max: SECTION_MAX } as const

/**
 * The whole practice form: the fields and the four sections (problem and actions required); all errors come back
 * together.
 */
export const PracticeSchema = PracticeFieldsSchema.and(
  richTextFields({ problem: required, actions: required, results: section, resources: section }),
).transform(({ problem, actions, results, resources, ...fields }) => ({
  ...fields,
  sections: { problem, actions, results, resources },
}))

/** The rich-text fields the privacy guard may redact in one click. */
export const PRACTICE_TEXT_FIELDS = ['title', 'summary', ...PRACTICE_SECTIONS] as const

/** A practice sent back to its author carries a comment. */
export const ReturnSchema = z.object({
  comment: z
    .string({ required_error: 'errors.required' })
    .trim()
    .min(5, 'errors.tooShort')
    .max(COMMENT_MAX, 'errors.tooLong'),
})

/** GET /api/v1/practices query string. */
export const PracticeListParamsSchema = z.object({
  page: positiveIntField(10_000, 1),
  perPage: positiveIntField(50, 20),
  sort: z.enum(['newest', 'useful'], choice).optional().default('newest'),
})
