import { closeDatabase, migrateDatabase } from './client.server'

await migrateDatabase()
console.log('Migrations applied.')
await closeDatabase()
