import { z } from 'zod'

import { LOCALES } from '../../../db/schema/identity'
import { normaliseCaseCode } from '../cases/codes'
import { choiceField, choicesField, districtCodesField, requiredText } from '../platform/fields'
import { perPageField, positiveIntField } from '../platform/params'
import { richTextFields } from '../richtext/fields'
import { AGE_BANDS, EDUCATION_STAGES, INSTITUTION_KINDS, PRACTICE_SECTIONS, SITUATION_TAGS } from './vocabulary'

export const TITLE_MAX = 160
export const SUMMARY_MAX = 600
export const SECTION_MAX = 30_000
export const COMMENT_MAX = 2_000

/** The practice fields besides the four rich-text sections. */
export const PracticeFieldsSchema = z.object({
  title: requiredText(TITLE_MAX, 5),
  summary: requiredText(SUMMARY_MAX, 20),
  /** The language the practice is written in; a post without it keeps the stored one ('bg' for a new practice). */
  language: choiceField(LOCALES).optional(),
  situationTags: choicesField(SITUATION_TAGS),
  ageBands: choicesField(AGE_BANDS),
  educationStages: choicesField(EDUCATION_STAGES),
  institutionKinds: choicesField(INSTITUTION_KINDS),
  districts: districtCodesField(),
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
  comment: requiredText(COMMENT_MAX, 5),
})

/** GET /api/v1/practices query string. */
export const PracticeListParamsSchema = z.object({
  page: positiveIntField(10_000, 1),
  perPage: perPageField(50, 20),
  sort: choiceField(['newest', 'useful']).optional().default('newest'),
})
