import { z } from 'zod'
import { fromSofiaLocal } from '../events/time'
import { MESSAGE_MAX_LENGTH } from './types'

const uuidList = (max: number) =>
  z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().uuid('errors.invalid')).max(max, 'errors.invalid'))

export const RETENTION_CHOICES = [90, 180, 365, 730, 1825] as const

const optionalText = z.string().trim().optional().transform((v) => v || undefined)

/** Date and time inputs in Sofia time → an instant; both empty → no schedule. */
function scheduleOf(date: string | undefined, time: string | undefined, ctx: z.RefinementCtx): Date | null {
  if (!date && !time) return null
  const at = fromSofiaLocal(date ?? '', time || '09:00')
  if (!at) {
    ctx.addIssue({ code: 'custom', path: ['scheduledDate'], message: 'errors.date' })
    return null
  }
  return at
}

export const CreateRoomSchema = z
  .object({
    title: z.string().trim().min(3, 'errors.tooShort').max(120, 'errors.tooLong'),
    caseCode: optionalText,
    memberIds: uuidList(50),
    scheduledDate: optionalText,
    scheduledTime: optionalText,
  })
  .transform((v, ctx) => ({ title: v.title, caseCode: v.caseCode ?? null, memberIds: v.memberIds, scheduledAt: scheduleOf(v.scheduledDate, v.scheduledTime, ctx) }))

const seq = z.coerce.number({ invalid_type_error: 'errors.invalid' }).int('errors.invalid').min(1, 'errors.invalid')
const body = z.string().max(MESSAGE_MAX_LENGTH * 2, 'chat.error.tooLong')

export const RoomActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('post'), body, clientId: z.string().uuid('errors.invalid') }),
  z.object({ intent: z.literal('redact'), body }),
  z.object({ intent: z.literal('edit'), seq, body }),
  z.object({ intent: z.literal('delete'), seq }),
  z.object({ intent: z.literal('invite'), userIds: uuidList(50) }),
  z.object({ intent: z.literal('remove'), userId: z.string().uuid('errors.invalid') }),
  z.object({ intent: z.literal('leave') }),
  z.object({
    intent: z.literal('settings'),
    retentionDays: z.coerce.number().refine((n) => (RETENTION_CHOICES as readonly number[]).includes(n), 'errors.choice'),
    closed: z.enum(['on']).optional(),
  }),
])
