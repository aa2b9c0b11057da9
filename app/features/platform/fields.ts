import { z } from 'zod'

/** A required e-mail address as every form reads it (trimmed, at most 254 characters). */
export const emailField = z
  .string({ required_error: 'errors.required' })
  .trim()
  .min(1, 'errors.required')
  .max(254, 'errors.tooLong')
  .email('errors.email')
