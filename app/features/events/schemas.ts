import { z } from 'zod'

import { AGE_GROUPS, EVENT_AUDIENCES, EVENT_KINDS } from '../../../db/schema/events'
import { choiceField, isoDateField, optionalDistrictField, optionalTextOrNull, requiredText } from '../platform/fields'
import { fromSofiaLocal } from '../platform/sofia-time'
import { toBulgarianE164 } from '../privacy/phone'
import { richTextFields } from '../richtext/fields'

const uuid = (message = 'errors.choice') => z.string({ required_error: message }).uuid(message)
const count = (min: number, max: number, message: string) =>
  z.coerce
    .number({ invalid_type_error: 'errors.number', required_error: 'errors.required' })
    .int('errors.number')
    .min(min, message)
    .max(max, message)
const checkbox = z
  .string()
  .optional()
  .transform((v) => v === 'on' || v === 'true' || v === 'yes')

/** A Bulgarian phone in any usual spelling, stored as E.164 (+359…); empty is null. */
const phone = optionalTextOrNull(40)
  .refine((v) => v === null || toBulgarianE164(v) !== null, 'events.error.phone')
  .transform((v) => (v === null ? null : toBulgarianE164(v)))

const optionalEmail = optionalTextOrNull(254).refine(
  (v) => v === null || z.string().email().safeParse(v).success,
  'errors.email',
)

const ageGroup = z
  .string()
  .optional()
  .transform((v) => v || null)
  .refine(
    (v): v is (typeof AGE_GROUPS)[number] | null => v === null || (AGE_GROUPS as readonly string[]).includes(v),
    'errors.choice',
  )

const personFields = {
  sessionId: uuid('events.error.sessionRequired'),
  name: requiredText(120, 2, 'events.error.name'),
  phone,
  seats: count(1, 50, 'events.error.seats'),
  ageGroup,
}

const consent = z
  .string({ required_error: 'events.error.consent' })
  .refine((v) => v === 'on' || v === 'true' || v === 'yes', 'events.error.consent')

/**
 * The public registration form (POST /events/:slug/register): an e-mail address or a Bulgarian phone number, at
 * least one; `website` is the honeypot, checked by the route.
 */
export const RegisterSchema = z.object({ ...personFields, email: optionalEmail, consent }).superRefine((value, ctx) => {
  if (value.email === null && value.phone === null)
    ctx.addIssue({ code: 'custom', path: ['email'], message: 'events.error.contactRequired' })
})
export type RegisterInput = z.infer<typeof RegisterSchema>

/** A staff member registers a family on its behalf (POST /events/:slug/family): the family's phone is required. */
export const FamilyRegistrationSchema = z
  .object({ ...personFields, email: optionalEmail, consent })
  .superRefine((value, ctx) => {
    if (value.phone === null) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'events.error.phoneRequired' })
  })

/** An organiser records a registration taken by phone: e-mail optional, no consent box. */
export const ManualRegistrationSchema = z.object({ ...personFields, email: optionalEmail })

const sessionFields = {
  date: isoDateField,
  startTime: z.string({ required_error: 'errors.required' }).regex(/^\d{1,2}:\d{2}$/, 'events.error.time'),
  endTime: z.string({ required_error: 'errors.required' }).regex(/^\d{1,2}:\d{2}$/, 'events.error.time'),
  capacity: count(1, 10_000, 'errors.number'),
  maxSeats: count(1, 50, 'errors.number').default(5),
}

type SessionTimes = { date: string; startTime: string; endTime: string }

/** Turns the Sofia date and times into instants, with field errors where they belong. */
function withInstants<T extends SessionTimes>(value: T, ctx: z.RefinementCtx) {
  const startsAt = fromSofiaLocal(value.date, value.startTime)
  const endsAt = fromSofiaLocal(value.date, value.endTime)
  if (!startsAt) ctx.addIssue({ code: 'custom', path: ['date'], message: 'errors.date' })
  if (!endsAt) ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'events.error.time' })
  if (!startsAt || !endsAt) return z.NEVER
  if (endsAt <= startsAt) {
    ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'events.error.endBeforeStart' })
    return z.NEVER
  }
  if (startsAt.getTime() <= Date.now()) {
    ctx.addIssue({ code: 'custom', path: ['date'], message: 'events.error.startInPast' })
    return z.NEVER
  }
  return { ...value, startsAt, endsAt }
}

/** A date added on the dashboard. */
export const SessionSchema = z.object(sessionFields).transform(withInstants)
export type SessionInput = z.infer<typeof SessionSchema>

const eventFields = {
  kind: choiceField(EVENT_KINDS),
  title: requiredText(160, 3),
  organiserInstitutionId: uuid(),
  districtCode: optionalDistrictField,
  locationAddress: requiredText(300, 3),
  locationMapUrl: optionalTextOrNull(1000).refine(
    (v) => v === null || /^https?:\/\/[^\s]+$/i.test(v),
    'events.error.url',
  ),
  audience: choiceField(EVENT_AUDIENCES),
  retentionDays: count(1, 365, 'errors.number').default(30),
}

const description = richTextFields({ description: {} })

export const EventDetailsSchema = z.object(eventFields)
export type EventDetailsInput = z.infer<typeof EventDetailsSchema>
/** The event's edit form: its details and the rich-text description. */
export const EventFormSchema = EventDetailsSchema.and(description)

/** The "new event" form: the event and its first date. */
const NewEventFieldsSchema = z.object({ ...eventFields, ...sessionFields, publish: checkbox }).transform(withInstants)
export type NewEventInput = z.infer<typeof NewEventFieldsSchema>
export const NewEventSchema = NewEventFieldsSchema.and(description)

export const CapacitySchema = z.object({ sessionId: uuid(), capacity: count(1, 10_000, 'errors.number') })
export const CheckInSchema = z.object({ registrationId: uuid() })
