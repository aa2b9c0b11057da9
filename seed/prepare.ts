import { sql } from 'drizzle-orm'

import { getEnv } from '../app/env.server'
import { demoAccountsRefusal, recheckDemoAccounts } from '../app/features/identity/demo-accounts.server'
import { logger } from '../app/features/platform/logger.server'
import { db, migrateDatabase, queryRows } from '../db/client.server'
import { seedDemoData } from './seed'

/**
 * Start-up: apply migrations; seed demo data only into an empty *embedded* database
 * (never into PostgreSQL unless `npm run db:seed` is run by hand); refuse to serve a public (https)
 * site while any account still has the public demo password.
 */
export async function prepareDatabase() {
  await migrateDatabase()
  const env = getEnv()
  const embedded = !env.DATABASE_URL
  if (embedded && (env.SEED_DEMO ?? true) && env.NODE_ENV !== 'test') {
    const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from users`)
    if (row.n === 0) {
      await seedDemoData()
      logger.info('empty embedded database: demo data seeded')
    }
  }
  const demoAccounts = await recheckDemoAccounts()
  if (demoAccounts > 0 && env.appUrl.startsWith('https:')) throw new Error(demoAccountsRefusal(demoAccounts))
}
