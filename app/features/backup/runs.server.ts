import { and, desc, eq, gte } from 'drizzle-orm'

import { db, dbKind } from '../../../db/client.server'
import { backupRuns } from '../../../db/schema/backups'
import { getEnv } from '../../env.server'
import { can, requirePermission, type Actor } from '../identity/permissions'
import { backupDir } from './backup.server'

/** Admins are warned when the last successful backup is older than this. */
export const STALE_AFTER_MS = 2 * 24 * 3600_000

/** The last backup attempts, newest first, with the settings that produce them (admins only). */
export async function backupOverview(actor: Actor, limit = 30) {
  requirePermission(actor, 'backup:read')
  const env = getEnv()
  const runs = await db.select().from(backupRuns).orderBy(desc(backupRuns.startedAt)).limit(limit)
  return {
    runs: runs.map((r) => ({
      ...r,
      startedAt: r.startedAt.toISOString(),
      finishedAt: r.finishedAt?.toISOString() ?? null,
      deletedAt: r.deletedAt?.toISOString() ?? null,
    })),
    settings: {
      embedded: dbKind() === 'pglite',
      dir: backupDir(),
      intervalHours: env.BACKUP_INTERVAL_HOURS,
      keep: env.BACKUP_KEEP,
    },
  }
}

/**
 * For the banner: null unless the actor is an admin and no backup has succeeded in the last two
 * days; then when the last successful one was made (null: never).
 */
export async function staleBackupWarning(
  actor: Actor | null,
  now = new Date(),
): Promise<{ lastOkAt: string | null } | null> {
  if (!can(actor, 'backup:read')) return null
  const [recent] = await db
    .select({ id: backupRuns.id })
    .from(backupRuns)
    .where(and(eq(backupRuns.status, 'ok'), gte(backupRuns.startedAt, new Date(now.getTime() - STALE_AFTER_MS))))
    .limit(1)
  if (recent) return null
  const [last] = await db
    .select({ at: backupRuns.startedAt })
    .from(backupRuns)
    .where(eq(backupRuns.status, 'ok'))
    .orderBy(desc(backupRuns.startedAt))
    .limit(1)
  return { lastOkAt: last?.at.toISOString() ?? null }
}
