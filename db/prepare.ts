import { sql } from 'drizzle-orm'
import { db, migrateDatabase, queryRows } from './client.server'
import { seedDemoData } from './seed'
import { logger } from '../app/features/platform/logger.server'

/**
 * Start-up: apply migrations; seed demo data only into an empty *embedded* database
 * (never into PostgreSQL unless `npm run db:seed` is run by hand).
 */
export async function prepareDatabase() {
  await migrateDatabase()
  const embedded = !process.env.DATABASE_URL
  if (!embedded || process.env.SEED_DEMO === 'false' || process.env.NODE_ENV === 'test') return
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from users`)
  if (row.n === 0) {
    await seedDemoData()
    logger.info('empty embedded database: demo data seeded')
  }
}
