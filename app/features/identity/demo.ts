/** The password of every seeded demo account. It is public (README), so it must never guard real data. */
export const DEMO_PASSWORD = 'demo-password-2026'

/** How an operator takes the demo accounts out of service (package.json script). */
export const REMOVE_DEMO_COMMAND = 'npm run db:remove-demo'
