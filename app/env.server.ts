import { z } from 'zod'

const booleanFlag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : v === 'true' || v === '1'))

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  APP_URL: z.string().url().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  SESSION_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  COOKIE_SECURE: booleanFlag,
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional().or(z.literal('').transform(() => undefined)),
  MAIL_FROM: z.string().default('Институции без граници <no-reply@iwb.local>'),
  MEILI_HOST: z.string().url().optional().or(z.literal('').transform(() => undefined)),
  MEILI_API_KEY: z.string().optional(),
  REALTIME_ADAPTER: z.enum(['memory', 'postgres', 'redis']).optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//).optional().or(z.literal('').transform(() => undefined)),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RUN_JOBS: booleanFlag,
  SEED_DEMO: booleanFlag,
  RATE_LIMIT: booleanFlag,
  BACKUP_DIR: z.string().min(1).default('./backups'),
  BACKUP_INTERVAL_HOURS: z.coerce.number().int().min(0).max(24 * 30).default(24),
  BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(14),
  BACKUP_PG_TOOLS: z.string().optional().or(z.literal('').transform(() => undefined)),
})

export type Env = z.infer<typeof EnvSchema> & { appUrl: string; sessionSecret: string; cookieSecure: boolean }

let cached: Env | undefined

/** Validates process.env once; stops with a readable message on a bad value. */
export function getEnv(): Env {
  if (cached) return cached
  const parsed = EnvSchema.safeParse(process.env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    const message = `Invalid configuration:\n${lines.join('\n')}`
    console.error(message)
    throw new Error(message)
  }
  const env = parsed.data
  if (env.NODE_ENV === 'production' && env.DATABASE_URL && !env.SESSION_SECRET) {
    throw new Error('Invalid configuration:\n  SESSION_SECRET: required in production with DATABASE_URL')
  }
  cached = {
    ...env,
    appUrl: env.APP_URL ?? `http://localhost:${env.PORT}`,
    // The embedded demo mode runs without configuration; a real deployment must set its own secret.
    sessionSecret: env.SESSION_SECRET ?? 'embedded-demo-secret-change-me',
    cookieSecure: env.COOKIE_SECURE ?? env.NODE_ENV === 'production',
  }
  return cached
}

/** For tests that change process.env between cases. */
export function resetEnvCache() {
  cached = undefined
}
