import { z } from 'zod'

import {
  AGE_BANDS,
  CASE_OUTCOMES,
  CASE_STATUSES,
  EDUCATION_STAGES,
  FLAG_REASONS,
  SITUATION_TAGS,
} from '../../../db/schema/cases'
import { currentInstitutionKind, INSTITUTION_KINDS } from '../../../db/schema/identity'
import { isDistrictCode } from '../platform/districts'
import { choiceField, choicesField, optionalText, requiredText } from '../platform/fields'
import { isUuid, many } from '../platform/params'
import { richTextFields } from '../richtext/fields'

export const TITLE_MAX = 160
export const TEXT_MAX = 20_000

/** The case fields besides the rich-text description. */
export const CaseFieldsSchema = z.object({
  title: requiredText(TITLE_MAX, 5),
  districtCode: z.string({ required_error: 'errors.choice' }).refine(isDistrictCode, 'errors.choice'),
  ageBand: choiceField(AGE_BANDS),
  educationStage: choiceField(EDUCATION_STAGES),
  tags: choicesField(SITUATION_TAGS),
  institutionIds: many(z.string().refine(isUuid, 'errors.choice'), 20),
})
export type CaseFields = z.infer<typeof CaseFieldsSchema>

/** The whole case form: the fields and the description, whose errors come back together. */
export const CaseSchema = CaseFieldsSchema.and(richTextFields({ description: { required: true, max: TEXT_MAX } }))

/** An id from a hidden field, or null when there is none (a malformed one is ignored). */
const optionalId = z.unknown().transform((v) => (isUuid(v) ? v : null))

const MentionIdsSchema = many(z.string().refine(isUuid), 20)

const replyBody = richTextFields({ body: { required: true, max: TEXT_MAX } })

export const ReplySchema = z
  .object({
    quotedReplyId: optionalId,
    /** Colleagues picked in the mention field; anything malformed is ignored (typed @names still count). */
    mentions: z.unknown().transform((v) => MentionIdsSchema.safeParse(v).data ?? []),
  })
  .and(replyBody)
export const ReplyEditSchema = replyBody

export const AcceptSchema = z.object({
  replyId: z.string({ required_error: 'errors.invalid' }).refine(isUuid, 'errors.invalid'),
})
/** Hiding or showing a post: a reply, or the opening post when there is no reply id. */
export const PostSchema = z.object({ replyId: optionalId })
export const FlagDecisionSchema = z.object({
  flagId: z.string({ required_error: 'errors.400' }).refine(isUuid, 'errors.400'),
})
export const HideFlaggedSchema = FlagDecisionSchema.extend({
  code: z.string().optional().default(''),
  replyId: optionalId,
})
/** A reply's id, or none for the opening post; anything else is refused (never taken for the opening post). */
const postReplyId = z
  .union([z.string().refine(isUuid, 'errors.invalid'), z.literal('')])
  .optional()
  .transform((v) => v || null)
/** The post whose edit history is erased: on the history page, and from the moderation queue with its case's code. */
export const PostHistorySchema = z.object({ replyId: postReplyId })
export const FlaggedPostHistorySchema = PostHistorySchema.extend({ code: z.string().optional().default('') })

export const StatusSchema = z
  .object({
    status: choiceField(CASE_STATUSES),
    outcome: z.union([choiceField(CASE_OUTCOMES), z.literal('')]).optional(),
    overrideReason: z.string().trim().max(500, 'errors.tooLong').optional(),
  })
  .transform((v) => ({ status: v.status, outcome: v.outcome || null, overrideReason: v.overrideReason || null }))

export const FlagSchema = z.object({
  replyId: postReplyId,
  reason: choiceField(FLAG_REASONS),
  note: optionalText(500),
})

export const SCOPES = ['all', 'mine', 'watching'] as const
export const SORTS = ['activity', 'newest'] as const

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => ((values as readonly unknown[]).includes(v) ? v : undefined), z.enum(values).optional())

/** Listing filters from the query string; anything unknown is ignored rather than an error. */
export const CaseFiltersSchema = z.object({
  status: optionalEnum(CASE_STATUSES),
  district: z.preprocess((v) => (isDistrictCode(v) ? v : undefined), z.string().optional()),
  tag: optionalEnum(SITUATION_TAGS),
  kind: z.preprocess(currentInstitutionKind, optionalEnum(INSTITUTION_KINDS)),
  scope: optionalEnum(SCOPES),
  sort: optionalEnum(SORTS),
  q: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 100) : undefined),
    z.string().optional(),
  ),
  page: z.preprocess((v) => Math.max(1, Math.min(10_000, Number.parseInt(String(v ?? '1'), 10) || 1)), z.number()),
})
export type CaseFilters = z.infer<typeof CaseFiltersSchema>

export function filtersFromUrl(url: URL): CaseFilters {
  return CaseFiltersSchema.parse(Object.fromEntries(url.searchParams))
}
