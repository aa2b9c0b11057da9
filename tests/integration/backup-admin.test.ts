import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { desc, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { takeBackup } from '../../app/features/backup/backup.server'
import { staleBackupWarning } from '../../app/features/backup/runs.server'
import { loader as backupsLoader } from '../../app/routes/admin.backups'
import { backupRuns } from '../../db/schema'
import { makeUser } from '../../seed/builders/identity'
import { db } from '../support/database'
import { context, getRequest, payloadOf, sessionCookieFor, settle, statusOf } from '../support/http'

const DAY = 24 * 3600_000

describe('backups for admins', () => {
  it('a failing backup is recorded with its reason and listed on /admin/backups; staff may not see the page', async () => {
    const admin = await makeUser(db, { role: 'admin' })
    const staff = await makeUser(db, { role: 'staff' })
    const blocker = path.join(mkdtempSync(path.join(tmpdir(), 'iwb-backup-admin-')), 'not-a-folder')
    writeFileSync(blocker, 'a file where the backup folder should be')
    await expect(takeBackup({ trigger: 'schedule', dir: blocker })).rejects.toThrow()
    const [failed] = await db
      .select()
      .from(backupRuns)
      .where(eq(backupRuns.status, 'failed'))
      .orderBy(desc(backupRuns.startedAt))
      .limit(1)
    expect(failed).toMatchObject({ trigger: 'schedule', fileName: null })
    expect(failed.error).toBeTruthy()

    const page = payloadOf<{ runs: { id: string; status: string; error: string | null }[] }>(
      await backupsLoader({
        request: getRequest('/admin/backups', { cookie: await sessionCookieFor(admin.id) }),
        params: {},
        context,
      }),
    )
    expect(page.runs.find((r) => r.id === failed.id)).toMatchObject({ status: 'failed', error: failed.error })
    const forbidden = await settle(async () =>
      backupsLoader({
        request: getRequest('/admin/backups', { cookie: await sessionCookieFor(staff.id) }),
        params: {},
        context,
      }),
    )
    expect(statusOf(forbidden)).toBe(403)
  })

  it('warns admins, and only admins, when the last successful backup is more than two days old', async () => {
    const admin = await makeUser(db, { role: 'admin' })
    const coordinator = await makeUser(db, { role: 'coordinator' })
    // Far in the future, so that backups other tests make do not count.
    const at = new Date('2100-01-01T03:00:00Z')
    await db.insert(backupRuns).values({
      trigger: 'schedule',
      status: 'ok',
      startedAt: at,
      finishedAt: at,
      fileName: 'iwb-backup-21000101-030000Z.tar.gz',
      byteSize: 1,
    })
    expect(await staleBackupWarning(admin, new Date(at.getTime() + DAY))).toBeNull()
    expect(await staleBackupWarning(admin, new Date(at.getTime() + 3 * DAY))).toEqual({ lastOkAt: at.toISOString() })
    expect(await staleBackupWarning(coordinator, new Date(at.getTime() + 3 * DAY))).toBeNull()
    expect(await staleBackupWarning(null, new Date(at.getTime() + 3 * DAY))).toBeNull()
  })
})
