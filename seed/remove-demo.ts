import { removeDemoAccounts } from '../app/features/identity/demo-accounts.server'
import { closeDatabase, migrateDatabase } from '../db/client.server'

/** `npm run db:remove-demo`: no account keeps the public demo password (see README, Deployment). */
await migrateDatabase()
const count = await removeDemoAccounts()
console.log(
  count
    ? `${count} account(s) with the demo password disabled and signed out.`
    : 'No account has the demo password; nothing to do.',
)
await closeDatabase()
