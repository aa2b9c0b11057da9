import { z } from 'zod'

import { EMAIL_PREFERENCES, INSTITUTION_KINDS, LOCALES, POSITIONS, ROLES } from '../../../db/schema/identity'
import {
  choiceField,
  emailField,
  idField,
  optionalDistrictField,
  optionalIdField,
  optionalText,
  requiredText,
} from '../platform/fields'
import { DEMO_PASSWORD } from './demo'
import { DISPLAY_NAME_MAX, isDisplayName, tidyDisplayName } from './display-name'

const email = emailField
const newPassword = z
  .string({ required_error: 'errors.required' })
  .min(10, 'auth.error.passwordShort')
  .max(200, 'errors.tooLong')
  // The demo password is published: an account that takes it would count as a demo account again.
  .refine((v) => v !== DEMO_PASSWORD, 'auth.error.passwordPublic')
const positionKind = choiceField(POSITIONS).default('other')
const displayName = z
  .string({ required_error: 'errors.required' })
  .transform(tidyDisplayName)
  .superRefine((name, ctx) => {
    const message = !name
      ? 'errors.required'
      : name.length > DISPLAY_NAME_MAX
        ? 'errors.tooLong'
        : isDisplayName(name)
          ? null
          : 'auth.error.displayName'
    if (message) ctx.addIssue({ code: 'custom', message })
  })
export const LoginSchema = z.object({ email, password: z.string().min(1, 'errors.required') })

/** The language switch in the header: any other value keeps the language as it is. */
export const LanguageSchema = z.object({ lang: z.string().optional(), redirectTo: z.string().optional() })

export const SignupSchema = z
  .object({
    name: displayName,
    email,
    password: newPassword,
    passwordConfirm: z.string(),
    institutionId: idField,
    teamId: optionalIdField,
    positionKind,
    position: optionalText(120),
    note: optionalText(1000),
    locale: choiceField(LOCALES).default('bg'),
  })
  .refine((v) => v.password === v.passwordConfirm, {
    path: ['passwordConfirm'],
    message: 'auth.error.passwordMismatch',
  })

export const ForgotPasswordSchema = z.object({ email })

export const ResetPasswordSchema = z
  .object({ password: newPassword, passwordConfirm: z.string() })
  .refine((v) => v.password === v.passwordConfirm, {
    path: ['passwordConfirm'],
    message: 'auth.error.passwordMismatch',
  })

export const ProfileSchema = z.object({
  name: displayName,
  positionKind,
  position: optionalText(120),
  locale: choiceField(LOCALES),
  emailPreference: choiceField(EMAIL_PREFERENCES),
})

export const ChangePasswordSchema = z
  .object({ currentPassword: z.string().min(1, 'errors.required'), password: newPassword, passwordConfirm: z.string() })
  .refine((v) => v.password === v.passwordConfirm, {
    path: ['passwordConfirm'],
    message: 'auth.error.passwordMismatch',
  })

export const ReviewSchema = z.object({
  userId: idField,
  decision: choiceField(['approve', 'reject']),
  reason: optionalText(500),
})

/** The user list's buttons: each acts on one user; a role change names the role. */
export const UserIdSchema = z.object({ userId: idField })
export const PositionSchema = UserIdSchema.extend({ positionKind, position: optionalText(120) })
export const RoleSchema = UserIdSchema.extend({
  role: choiceField(ROLES),
})

export const InstitutionSchema = z.object({
  id: z
    .string()
    .uuid()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  name: requiredText(200),
  kind: choiceField(INSTITUTION_KINDS),
  districtCode: optionalDistrictField,
})

/** The confirmation an admin ticks before anonymising an account (a form without JavaScript asks the same). */
export const EraseAccountSchema = z.object({
  confirm: z.literal('on', { errorMap: () => ({ message: 'admin.erase.confirmRequired' }) }),
})
