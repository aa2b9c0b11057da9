/** `npm run db:seed`: migrates the database and loads the demo data unless it is there already. */
import { closeDatabase, migrateDatabase } from '../db/client.server'
import { seedDemoData } from '../seed/seed'

async function main() {
  await migrateDatabase()
  const seeded = await seedDemoData()
  console.log(
    seeded
      ? 'Demo data seeded (accounts: admin@, coordinator@, trainer@, staff@demo.bg).'
      : 'Demo data already present; nothing to do.',
  )
  await closeDatabase()
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
