import { z } from 'zod'

import { TEAM_KINDS } from '../../../db/schema/identity'
import type { RoundCount } from '../../../db/schema/teams'
import { choiceField, districtCodesField, idField, isoDateField, optionalText, requiredText } from '../platform/fields'

export const TeamSchema = z.object({
  name: requiredText(200),
  kind: choiceField(TEAM_KINDS),
  description: optionalText(1000),
  districtCodes: districtCodesField(),
})
export type TeamFields = z.infer<typeof TeamSchema>

export const MemberSchema = z.object({ userId: idField })
export const CaseTeamSchema = z.object({ teamId: idField })

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
    teamId: idField,
    roundDate: isoDateField,
    districtCodes: districtCodesField().refine((v) => v.length > 0, 'rounds.error.district'),
    householdsVisited: count(ROUND_MAXIMA.householdsVisited),
    childrenMet: count(ROUND_MAXIMA.childrenMet),
    childrenOutOfSchool: count(ROUND_MAXIMA.childrenOutOfSchool),
    referred: count(ROUND_MAXIMA.referred),
    enrolled: count(ROUND_MAXIMA.enrolled),
    returned: count(ROUND_MAXIMA.returned),
    note: optionalText(1000),
  })
  .refine((v) => v.childrenOutOfSchool <= v.childrenMet, {
    path: ['childrenOutOfSchool'],
    message: 'rounds.error.moreThanMet',
  })
export type RoundInput = z.infer<typeof RoundSchema>

export const RecognitionSchema = z.object({
  title: requiredText(120),
  citation: requiredText(1000),
  periodStart: isoDateField,
  periodEnd: isoDateField,
})
