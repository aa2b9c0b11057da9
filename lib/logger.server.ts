import pino from 'pino'

import { getEnv } from './env.server'
import { logSerializers } from './log-safety'

/**
 * Structured logs. Callers pass ids and codes only; the redact list is a safety net for
 * fields that must never reach a log (people's names, e-mails, phones, free text, secrets), and the serializers for
 * what an error or a path may carry (values a failed query was given, link tokens: log-safety.ts).
 */
export const logger = pino({
  level: getEnv().logLevel,
  base: { service: 'iwb' },
  serializers: logSerializers,
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
