import { z } from 'zod'

import { TEAM_KINDS } from '../../../db/schema/identity'
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
