import { eq } from 'drizzle-orm'

import { db } from '../db/client.server'
import { users } from '../db/schema'
import { seedActions } from './demo/actions'
import { seedCases } from './demo/cases'
import { seedChat } from './demo/chat'
import { seedEvents } from './demo/events'
import { seedIdentity } from './demo/identity'
import { seedPractices } from './demo/practices'
import { seedTeamsWork } from './demo/teams'
import { seedTraining } from './demo/training'

/** Realistic Bulgarian demo data; does nothing when the demo accounts already exist. */
export async function seedDemoData(): Promise<boolean> {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'admin@demo.bg')).limit(1)
  if (existing) return false
  await db.transaction(async (tx) => {
    const identity = await seedIdentity(tx)
    await seedTraining(tx, identity)
    await seedCases(tx, identity)
    const conference = await seedChat(tx, identity)
    await seedActions(tx, identity, conference)
    await seedEvents(tx, identity)
    await seedPractices(tx, identity)
    await seedTeamsWork(tx, identity)
  })
  return true
}
