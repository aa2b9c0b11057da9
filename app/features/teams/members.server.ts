import { eq } from 'drizzle-orm'

import type { DbOrTx } from '../../../db/client.server'
import { users } from '../../../db/schema'

/** The ids of a team's members (approved or not: a disabled member's past work still counts). */
export async function teamMemberIds(runner: DbOrTx, teamId: string): Promise<string[]> {
  const rows = await runner.select({ id: users.id }).from(users).where(eq(users.teamId, teamId))
  return rows.map((r) => r.id)
}
