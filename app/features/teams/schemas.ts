import { z } from 'zod'

import { TEAM_KINDS } from '../../../db/schema/identity'
import type { RoundCount } from '../../../db/schema/teams'
import { isDistrictCode } from '../platform/districts'
import { many } from '../platform/params'

const choice = { errorMap: () => ({ message: 'errors.choice' }) }
const uuid = z.string({ required_error: 'errors.required' }).uuid('errors.choice')

export const TeamSchema = z.object({
  name: z.string({ required_error: 'errors.required' }).trim().min(1, 'errors.required').max(200, 'errors.tooLong'),
  kind: z.enum(TEAM_KINDS, choice),
  description: z.string().trim().max(1000, 'errors.tooLong').optional().default(''),
  districtCodes: many(z.string().refine(isDistrictCode, 'errors.choice'), 24),
})
export type TeamFields = z.infer<typeof TeamSchema>

export const MemberSchema = z.object({ userId: uuid })
export const CaseTeamSchema = z.object({ teamId: uuid })

/** The most a single round can record of each count (one team, one day); more is a typing slip. */
export const ROUND_MAXIMA = {
  householdsVisited: 300,
  childrenMet: 500,
  childrenOutOfSchool: 500,
  referred: 500,
  enrolled: 500,
  returned: 500,
} as const satisfies Record<RoundCount, number>

const count = (max: number) =>
  z.preprocess(
    (v) => (v === undefined || v === '' ? 0 : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v),
    z
      .number({ invalid_type_error: 'rounds.error.count' })
      .int('rounds.error.count')
      .min(0, 'rounds.error.count')
      .max(max, 'rounds.error.tooMany'),
  )

export const RoundSchema = z
  .object({
    teamId: uuid,
    roundDate: z.string({ required_error: 'errors.required' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'errors.date'),
    districtCodes: many(z.string().refine(isDistrictCode, 'errors.choice'), 24).refine(
      (v) => v.length > 0,
      'rounds.error.district',
    ),
    householdsVisited: count(ROUND_MAXIMA.householdsVisited),
    childrenMet: count(ROUND_MAXIMA.childrenMet),
    childrenOutOfSchool: count(ROUND_MAXIMA.childrenOutOfSchool),
    referred: count(ROUND_MAXIMA.referred),
    enrolled: count(ROUND_MAXIMA.enrolled),
    returned: count(ROUND_MAXIMA.returned),
    note: z.string().trim().max(1000, 'errors.tooLong').optional().default(''),
  })
  .refine((v) => v.childrenOutOfSchool <= v.childrenMet, {
    path: ['childrenOutOfSchool'],
    message: 'rounds.error.moreThanMet',
  })
export type RoundInput = z.infer<typeof RoundSchema>

const isoDate = z.string({ required_error: 'errors.required' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'errors.date')

export const RecognitionSchema = z.object({
  title: z.string({ required_error: 'errors.required' }).trim().min(1, 'errors.required').max(120, 'errors.tooLong'),
  citation: z
    .string({ required_error: 'errors.required' })
    .trim()
    .min(1, 'errors.required')
    .max(1000, 'errors.tooLong'),
  periodStart: isoDate,
  periodEnd: isoDate,
})
