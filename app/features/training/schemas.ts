import { z } from 'zod'

import { INSTITUTION_KINDS, LOCALES, ROLES } from '../../../db/schema/identity'
import { COURSE_COLORS, QUESTION_KINDS } from '../../../db/schema/training'
import {
  choiceField,
  choicesField,
  optionalIdField,
  optionalText,
  optionalTextOrNull,
  requiredText,
} from '../platform/fields'
import { isUuid, many } from '../platform/params'
import { validateRichTextDoc } from '../richtext/schema'

const int = (min: number, max: number) =>
  z.coerce
    .number({ invalid_type_error: 'errors.number' })
    .int('errors.number')
    .min(min, 'training.error.range')
    .max(max, 'training.error.range')
const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === '1', z.boolean())
const optionalUrl = optionalTextOrNull(500).refine(
  (v) => v === null || /^https:\/\/[^\s]+$/i.test(v),
  'training.error.videoUrl',
)

export const CourseSchema = z.object({
  title: requiredText(160),
  summary: optionalText(1000),
  language: choiceField(LOCALES),
  coverColor: choiceField(COURSE_COLORS),
  estimatedMinutes: int(5, 6000),
  audienceRoles: choicesField(ROLES),
  audienceKinds: choicesField(INSTITUTION_KINDS),
  prerequisiteCourseId: optionalIdField,
})
export type CourseInput = z.infer<typeof CourseSchema>

export const ModuleSchema = z.object({ title: requiredText(160) })

/** A lesson image's upload form: its text description, read as the privacy guard checks it (the file is apart). */
export const LessonImageSchema = z.object({ altText: optionalText(300) })

export const LessonSettingsSchema = z
  .object({
    title: requiredText(160),
    estimatedMinutes: int(1, 600),
    videoUrl: optionalUrl,
    quizEnabled: checkbox,
    quizPassPercent: z.preprocess((v) => (v === '' || v === undefined ? 70 : v), int(1, 100)),
    quizMaxAttempts: z.preprocess((v) => (v === '' || v === undefined ? null : v), int(1, 50).nullable()),
    quizShuffle: checkbox,
  })
  .transform(({ quizEnabled, quizPassPercent, ...rest }) => ({
    ...rest,
    quizPassPercent: quizEnabled ? quizPassPercent : null,
  }))
export type LessonSettingsInput = z.infer<typeof LessonSettingsSchema>

/**
 * The lesson form: its settings, the module it moves to (an unknown id is ignored), and the body —
 * the editor's JSON when JavaScript ran (checked against the schema), else the textarea's plain text.
 */
export const LessonSchema = LessonSettingsSchema.and(
  z
    .object({
      moduleId: z.string().optional(),
      body: z.string().optional().default(''),
      bodyJson: z.string().optional(),
    })
    .transform(({ moduleId, body: text, bodyJson }, ctx) => {
      const valid = bodyJson?.trim() ? validateRichTextDoc(bodyJson) : null
      if (valid && !valid.ok) {
        ctx.addIssue({ code: 'custom', path: ['body'], message: valid.problem.key })
        return z.NEVER
      }
      const doc = valid?.ok ? valid.doc : null
      return { moduleId: isUuid(moduleId) ? moduleId : undefined, body: { doc, text, fromEditor: !!doc } }
    }),
)

/** How many option rows the no-JS question form offers; empty rows are ignored. */
export const OPTION_ROWS = 6

export const QuestionSchema = z
  .object({
    kind: choiceField(QUESTION_KINDS),
    prompt: requiredText(1000),
    explanation: optionalText(2000),
    ...Object.fromEntries(Array.from({ length: OPTION_ROWS }, (_, i) => [`option${i}`, optionalText(500)])),
    correct: many(z.string(), OPTION_ROWS),
    // Each row's option id (empty for a new option): stored as the option's identity, so only an id is taken.
    optionIds: many(
      z.string().refine((id) => id === '' || isUuid(id), 'errors.invalid'),
      OPTION_ROWS,
    ).optional(),
  })
  .transform((v, ctx) => {
    const record = v as unknown as Record<string, string>
    const ids = v.optionIds ?? []
    const options = Array.from({ length: OPTION_ROWS }, (_, i) => ({
      row: i,
      text: record[`option${i}`] ?? '',
      id: ids[i] || '',
    }))
      .filter((o) => o.text !== '')
      .map((o) => ({ id: o.id || crypto.randomUUID(), text: o.text, correct: v.correct.includes(String(o.row)) }))
    if (options.length < 2) ctx.addIssue({ code: 'custom', path: ['option0'], message: 'training.error.twoOptions' })
    const correctCount = options.filter((o) => o.correct).length
    if (correctCount === 0) ctx.addIssue({ code: 'custom', path: ['correct'], message: 'training.error.noCorrect' })
    if (v.kind === 'single' && correctCount > 1)
      ctx.addIssue({ code: 'custom', path: ['correct'], message: 'training.error.singleOneCorrect' })
    return { kind: v.kind, prompt: v.prompt, explanation: v.explanation, options }
  })
export type QuestionInput = z.infer<typeof QuestionSchema>

/** The question form: the question, and the id of the one it edits (none, or an unknown one: a new question). */
export const QuestionFormSchema = QuestionSchema.and(
  z.object({ questionId: z.unknown().transform((v) => (isUuid(v) ? v : undefined)) }),
)

/** A module, lesson or question the button acts on. */
export const IdSchema = z.object({ id: z.string().uuid('errors.choice') })
export const MoveSchema = IdSchema.extend({ direction: choiceField(['up', 'down']) })

export const PublishSchema = z.object({ changeNote: optionalText(500) })

export const AssignSchema = z.object({
  target: z
    .string({ required_error: 'errors.required' })
    .regex(/^(team|institution):[0-9a-f-]{36}$/i, 'errors.choice')
    .transform((v) => {
      const [kind, id] = v.split(':') as ['team' | 'institution', string]
      return { kind, id }
    }),
  dueDate: z
    .string()
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))), 'errors.date'),
})

/** A learner's quiz: fields `q.<questionKey>`, one value per ticked option. */
export const QuizSchema = z.record(z.unknown()).transform((raw) => {
  const chosen: Record<string, string[]> = {}
  for (const [name, value] of Object.entries(raw))
    if (name.startsWith('q.')) chosen[name.slice(2)] = [value].flat().filter((v): v is string => typeof v === 'string')
  return chosen
})

/** The grant of one more quiz attempt on the analytics page. */
export const ExtraAttemptSchema = z.object({
  enrolmentId: z.string().optional().default(''),
  lessonKey: z.string().optional().default(''),
})

export const CatalogueFilterSchema = z.object({
  q: z.string().trim().max(200).optional().default(''),
  language: z
    .enum(['', ...LOCALES])
    .optional()
    .default(''),
})
