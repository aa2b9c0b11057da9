import { eq } from 'drizzle-orm'
import { fileURLToPath } from 'node:url'
import { closeDatabase, db, migrateDatabase } from './client.server'
import { users } from './schema'
import { seedCases } from './seeds/cases'
import { seedChat } from './seeds/chat'
import { seedEvents } from './seeds/events'
import { seedIdentity } from './seeds/identity'
import { seedPractices } from './seeds/practices'
import { seedTraining } from './seeds/training'

/** Realistic Bulgarian demo data; does nothing when the demo accounts already exist. */
export async function seedDemoData(): Promise<boolean> {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'admin@demo.bg')).limit(1)
  if (existing) return false
  await db.transaction(async (tx) => {
    const identity = await seedIdentity(tx)
    await seedTraining(tx, identity)
    await seedCases(tx, identity)
    await seedChat(tx, identity)
    await seedEvents(tx, identity)
    await seedPractices(tx, identity)
  })
  return true
}

async function main() {
  await migrateDatabase()
  const seeded = await seedDemoData()
  console.log(seeded ? 'Demo data seeded (accounts: admin@, coordinator@, trainer@, staff@demo.bg).' : 'Demo data already present; nothing to do.')
  await closeDatabase()
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    console.error(error)
    process.exit(1)
  })
}
