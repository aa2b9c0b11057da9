import { z } from 'zod'

import { many } from '../platform/params'
import { fromSofiaLocal } from '../platform/sofia-time'
import { richTextFields } from '../richtext/fields'
import { MESSAGE_MAX_LENGTH } from './types'

const uuidList = (max: number) => many(z.string().uuid('errors.invalid'), max, 'errors.invalid')

export const RETENTION_CHOICES = [90, 180, 365, 730, 1825] as const

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)

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
  .transform((v, ctx) => ({
    title: v.title,
    caseCode: v.caseCode ?? null,
    memberIds: v.memberIds,
    scheduledAt: scheduleOf(v.scheduledDate, v.scheduledTime, ctx),
  }))

const seq = z.coerce.number({ invalid_type_error: 'errors.invalid' }).int('errors.invalid').min(1, 'errors.invalid')
const body = z.string().max(MESSAGE_MAX_LENGTH * 2, 'chat.error.tooLong')

/** The room page's forms, one schema per intent. */
export const PostSchema = z.object({ body, clientId: z.string().uuid('errors.invalid') })
export const EditSchema = z.object({ seq, body })
export const DeleteSchema = z.object({ seq })
export const InviteSchema = z.object({ userIds: uuidList(50) })
export const RemoveSchema = z.object({ userId: z.string().uuid('errors.invalid') })
export const SettingsSchema = z.object({
  retentionDays: z.coerce.number().refine((n) => (RETENTION_CHOICES as readonly number[]).includes(n), 'errors.choice'),
  closed: z.enum(['on']).optional(),
})

/** The minutes of a case conference: the summary, and the messages to quote (or all of them). */
export const MinutesSchema = z
  .object({
    all: z.string().optional(),
    seq: many(z.unknown(), Infinity),
  })
  .transform(({ all, seq }) => ({
    seqs: all === 'on' ? ('all' as const) : seq.map(Number).filter((n) => Number.isInteger(n) && n > 0),
  }))
  .and(richTextFields({ summary: { required: true } }))
