import { z } from 'zod'

const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1'))

const days = (fallback: number) => z.coerce.number().int().min(1).max(3650).default(fallback)

/** Every variable the app, the database door, the search engines and the scripts read (README, Configuration). */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  APP_URL: z.string().url().optional(),
  TRUST_PROXY: z.string().default('loopback'),
  BUILD_DIR: z.string().default('build'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).optional(),
  MIGRATIONS_DIR: z.string().optional(),
  SEED_DEMO: booleanFlag,
  SESSION_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  COOKIE_SECURE: booleanFlag,
  RATE_LIMIT: booleanFlag,
  CASE_PAGE_SIZE: z.coerce.number().int().min(10).max(200).default(25),
  COMPRESSION: booleanFlag,
  PUBLIC_PAGE_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(5),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().default('Институции без граници <no-reply@iwb.local>'),
  MAIL_RETENTION_DAYS: days(30),
  MAIL_PENDING_DAYS: days(7),
  REJECTED_SIGNUP_RETENTION_DAYS: days(30),
  BACKUP_DIR: z.string().min(1).default('./backups'),
  BACKUP_INTERVAL_HOURS: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 30)
    .default(24),
  BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(14),
  BACKUP_PG_TOOLS: z.string().optional(),
  MEILI_HOST: z.string().url().optional(),
  MEILI_API_KEY: z.string().optional(),
  MEILI_INDEX: z.string().default('documents'),
  // A large batch or a settings change takes longer than the client's default wait of 5 s.
  MEILI_TASK_TIMEOUT_MS: z.coerce.number().int().min(1000).default(120_000),
  MEILI_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  REALTIME_ADAPTER: z.enum(['memory', 'postgres', 'redis']).optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  RUN_JOBS: booleanFlag,
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  /** Each server process's old-generation heap in MB (`npm start` passes it to node); 0 leaves V8's own. */
  HEAP_LIMIT_MB: z.coerce
    .number()
    .int()
    .refine((mb) => mb === 0 || (mb >= 64 && mb <= 65_536), 'must be 0 or between 64 and 65536')
    .default(1024),
  /**
   * The project's targets (the funded project's indicators): children reached, participants in training, events and
   * field work.
   */
  TARGET_CHILDREN_REACHED: z.coerce.number().int().min(1).max(1_000_000).default(580),
  TARGET_PARTICIPANTS: z.coerce.number().int().min(1).max(1_000_000).default(90),
  RETENTION_CHECK_MONTHS: z
    .string()
    .regex(/^\s*\d{1,2}(\s*,\s*\d{1,2})*\s*$/, 'must be a comma-separated list of months, e.g. 1,3,6')
    .default('1,3,6')
    .transform((v) => [...new Set(v.split(',').map((m) => Number(m.trim())))].sort((a, b) => a - b))
    .refine((months) => months.every((m) => m >= 1 && m <= 24), 'every month must be between 1 and 24'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
})

type Parsed = z.infer<typeof EnvSchema>

export type Env = Parsed & {
  appUrl: string
  /** PostgreSQL connections this process may open (DATABASE_POOL_SIZE, else its share of the server's). */
  databasePoolSize: number
  sessionSecret: string
  cookieSecure: boolean
  logLevel: NonNullable<Parsed['LOG_LEVEL']>
}

const KEYS = Object.keys(EnvSchema.shape) as (keyof Parsed)[]

let cached: { snapshot: string; env: Env } | undefined

/** The whole server's PostgreSQL connections when DATABASE_POOL_SIZE is not set, shared by its processes. */
const SERVER_POOL = 10

/**
 * One process's share of the server's connections: the processes share the database's two cores, and more
 * connections than it can serve only add backends that take turns (decision 0015: 5 a process with two processes
 * served 250 case pages a second where 10 a process served 217–238).
 */
const poolShare = (processes: number) => Math.max(2, Math.ceil(SERVER_POOL / processes))

/**
 * The one configuration door: process.env validated against the schema above, with every default
 * written once. An empty value counts as unset. Validated again only when a variable changes (tests
 * change them between cases), and never again in production (`resetEnvCache` still drops it); a bad value stops
 * with a readable message.
 */
export function getEnv(): Env {
  // A production server's configuration does not change while it runs, and reading process.env costs a call into
  // the system per variable (1.5 % of a case page's CPU when every request re-read all of them).
  if (cached?.env.NODE_ENV === 'production') return cached.env
  const values = KEYS.map((key) => process.env[key] || undefined)
  const snapshot = JSON.stringify(values)
  if (cached?.snapshot === snapshot) return cached.env
  const parsed = EnvSchema.safeParse(Object.fromEntries(KEYS.map((key, i) => [key, values[i]])))
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
  const derived: Env = {
    ...env,
    appUrl: env.APP_URL ?? `http://localhost:${env.PORT}`,
    databasePoolSize: env.DATABASE_POOL_SIZE ?? poolShare(env.WEB_CONCURRENCY),
    // The embedded demo mode runs without configuration; a real deployment must set its own secret.
    sessionSecret: env.SESSION_SECRET ?? 'embedded-demo-secret-change-me',
    cookieSecure: env.COOKIE_SECURE ?? env.NODE_ENV === 'production',
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
  }
  cached = { snapshot, env: derived }
  return derived
}

/**
 * The node options of a server process: its heap bound (decision 0013). Without one, V8 lets the old generation of a
 * busy process grow to three or four times what is live before collecting it.
 */
export function serverNodeArgs(env: Pick<Env, 'HEAP_LIMIT_MB'> = getEnv()): string[] {
  return env.HEAP_LIMIT_MB > 0 ? [`--max-old-space-size=${env.HEAP_LIMIT_MB}`] : []
}

/** Drops the validated copy (getEnv already re-validates after a change; tests call it to be explicit). */
export function resetEnvCache() {
  cached = undefined
}
