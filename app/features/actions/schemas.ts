import { z } from 'zod'

import { RETENTION_ANSWERS } from '../../../db/schema/actions'
import { choiceField, optionalText, requiredText } from '../platform/fields'
import { isUuid } from '../platform/params'

export const ACTION_TEXT_MAX = 300
export const REASON_MAX = 500
/** Rows the "agreed actions" part of the conference minutes form starts with, and how many it may grow to. */
export const MINUTES_ACTION_ROWS = 5
export const MINUTES_ACTION_ROWS_MAX = 30

/** A Sofia calendar day as a date input sends it (yyyy-mm-dd), and a real one. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const d = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value
}

/** An owner as a picker sends it: `user:<id>` or `institution:<id>`. */
export type OwnerRef = { type: 'user' | 'institution'; id: string }

export function parseOwner(value: unknown): OwnerRef | null {
  if (typeof value !== 'string') return null
  const [type, id] = value.split(':')
  if ((type !== 'user' && type !== 'institution') || !isUuid(id)) return null
  return { type, id }
}

export const ownerValue = (owner: OwnerRef) => `${owner.type}:${owner.id}`

const text = requiredText(ACTION_TEXT_MAX, 3)
const owner = z.unknown().transform((v, ctx) => {
  const parsed = parseOwner(v)
  if (!parsed) ctx.addIssue({ code: 'custom', message: 'actions.error.ownerRequired' })
  return parsed ?? { type: 'user' as const, id: '' }
})
const dueDate = z.unknown().refine(isCalendarDate, 'errors.date') as unknown as z.ZodType<string>

export const ActionSchema = z.object({ text, owner, dueDate })
export type ActionInput = z.infer<typeof ActionSchema>

const actionId = z.string({ required_error: 'errors.400' }).refine(isUuid, 'errors.400')

export const ActionIdSchema = z.object({ actionId })

export const DropActionSchema = z.object({
  actionId,
  reason: requiredText(REASON_MAX, 3),
})

export const AnswerCheckSchema = z.object({
  actionId,
  answer: choiceField(RETENTION_ANSWERS),
  note: optionalText(REASON_MAX),
})

/** Field names of one row of the minutes' actions: action-1-text, action-1-owner, action-1-due. */
export const minutesActionField = (row: number, field: 'text' | 'owner' | 'due') => `action-${row}-${field}`

const ROW_FIELD = /^action-(\d+)-(?:text|owner|due)$/

/**
 * How many action rows a sent minutes form had (rows added with "one more row" included): the highest row
 * number among its fields, at least the starting rows, at most the maximum.
 */
export function minutesActionRowCount(values: Record<string, unknown>): number {
  let rows = MINUTES_ACTION_ROWS
  for (const key of Object.keys(values)) {
    const row = Number(ROW_FIELD.exec(key)?.[1] ?? 0)
    if (row > rows && row <= MINUTES_ACTION_ROWS_MAX) rows = row
  }
  return rows
}

/**
 * The minutes' action rows: a row with nothing in it is skipped; a row with anything in it needs all
 * three fields. Errors name the row's own field.
 */
export const MinutesActionsSchema = z.record(z.unknown()).transform((form, ctx) => {
  const rows: (ActionInput & { row: number })[] = []
  for (let row = 1, count = minutesActionRowCount(form); row <= count; row++) {
    const raw = {
      text: typeof form[minutesActionField(row, 'text')] === 'string' ? form[minutesActionField(row, 'text')] : '',
      owner: form[minutesActionField(row, 'owner')] ?? '',
      dueDate: form[minutesActionField(row, 'due')] ?? '',
    }
    if (!String(raw.text).trim() && !raw.owner && !raw.dueDate) continue
    const parsed = ActionSchema.safeParse(raw)
    if (parsed.success) rows.push({ ...parsed.data, row })
    else
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] === 'dueDate' ? 'due' : (issue.path[0] as 'text' | 'owner')
        ctx.addIssue({ code: 'custom', message: issue.message, path: [minutesActionField(row, key)] })
      }
  }
  return { actions: rows }
})

/** The text fields of every row a minutes form may have (the guard's redaction and its findings' labels). */
export const MINUTES_ACTION_TEXT_FIELDS = Array.from({ length: MINUTES_ACTION_ROWS_MAX }, (_, i) =>
  minutesActionField(i + 1, 'text'),
)
