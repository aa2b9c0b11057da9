import { and, desc, eq } from 'drizzle-orm'

import { db, type DbOrTx } from '../../../db/client.server'
import { auditLog } from '../../../db/schema'

export interface AuditEntry {
  actorId: string | null
  action: string
  targetType?: string
  targetId?: string
  details?: Record<string, string | number | boolean | null>
}

/** Writes one security or moderation event; pass the caller's transaction so it commits with the change. */
export async function recordAudit(runner: DbOrTx, entry: AuditEntry) {
  await runner.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    details: entry.details ?? {},
  })
}

export async function listAudit(
  options: { limit?: number; offset?: number; targetType?: string; targetId?: string } = {},
) {
  const where = options.targetType
    ? and(
        eq(auditLog.targetType, options.targetType),
        options.targetId ? eq(auditLog.targetId, options.targetId) : undefined,
      )
    : undefined
  return db
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(options.limit ?? 100)
    .offset(options.offset ?? 0)
}
