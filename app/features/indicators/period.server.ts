import { sql, type SQL } from 'drizzle-orm'

import type { IndicatorPeriod } from './scope'

/** `column` (a trusted name such as `c.created_at`, never input) lies in the period: from inclusive, to exclusive. */
export function inPeriod(column: string, period: IndicatorPeriod): SQL {
  const name = sql.raw(column)
  return sql`${name} >= ${period.from.toISOString()} AND ${name} < ${period.to.toISOString()}`
}
