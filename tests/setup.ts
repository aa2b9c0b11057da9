import { beforeAll } from 'vitest'

import { ensureTestDatabase } from './support/database'

process.env.TZ ??= 'Europe/Sofia'
// The shared per-IP counters would trip across unrelated tests; the rate-limit tests turn them on.
process.env.RATE_LIMIT ??= 'false'

beforeAll(async () => {
  await ensureTestDatabase()
})
