/**
 * One job process for the two-process reminder test: connects, says "ready", and on "go" (standard input) runs
 * the action reminders in small batches until nothing is left, then prints how many it sent.
 */
import { sql } from 'drizzle-orm'

import { sendActionReminders } from '../../app/features/actions/reminders.server'
import { db } from '../../db/client.server'

await db.execute(sql`SELECT 1`)
console.log('ready')
process.stdin.once('data', async () => {
  let total = 0
  for (;;) {
    const { reminded } = await sendActionReminders(new Date(), 3)
    if (reminded === 0) break
    total += reminded
  }
  console.log(`reminded ${total}`)
  process.exit(0)
})
