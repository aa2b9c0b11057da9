import pino from 'pino'

import { getEnv } from './env.server'

/**
 * Structured logs. Callers pass ids and codes only; the redact list is a safety net for
 * fields that must never reach a log (people's names, e-mails, phones, free text, secrets).
 */
export const logger = pino({
  level: getEnv().logLevel,
  base: { service: 'iwb' },
  redact: {
    paths: [
      'email',
      '*.email',
      'name',
      '*.name',
      'phone',
      '*.phone',
      'password',
      '*.password',
      'text',
      '*.text',
      'body',
      '*.body',
      'req.headers.cookie',
      'req.headers.authorization',
      'headers.cookie',
    ],
    censor: '[redacted]',
  },
})
