import type { Server as HttpServer } from 'node:http'

import { rawClient } from '../db/client.server'
import { searchEngine } from '../search/engines'
import { drainSearchOutbox } from '../search/worker'
import { sendActionReminders } from './features/actions/reminders.server'
import { runScheduledBackup, takeBackup } from './features/backup/backup.server'
import { startControlServer, type ControlRequest } from './features/backup/control.server'
import { attachRealtime } from './features/chat/realtime.server'
import { eraseExpiredConversations } from './features/chat/retention.server'
import { eraseExpiredRegistrations, sendDueReminders } from './features/events/jobs.server'
import { eraseExpiredSignupRequests } from './features/identity/erasure.server'
import { purgeExpiredSessions } from './features/identity/session.server'
import { sendDailyDigests } from './features/notifications/inbox.server'
import { deliverDueEmails, purgeOldEmails, releaseStuckEmails } from './features/notifications/mail.server'
import { startJobs, type Job } from './features/platform/jobs.server'
import { logger } from './features/platform/logger.server'
import { purgeStaleRateLimits } from './features/platform/rate-limit.server'
import { SEARCH_SOURCES } from './features/search/sources.server'
import { sendCourseDueReminders } from './features/training/reminders.server'

/** Every background job of the app; features add theirs here. */
export const JOBS: Job[] = [
  { name: 'email-outbox', everyMs: 5_000, run: deliverDueEmails },
  { name: 'email-release-stuck', everyMs: 60_000, run: releaseStuckEmails },
  { name: 'email-retention', everyMs: 3_600_000, run: () => purgeOldEmails() },
  { name: 'notification-digest', everyMs: 600_000, run: sendDailyDigests },
  { name: 'session-purge', everyMs: 3_600_000, run: purgeExpiredSessions },
  { name: 'signup-retention', everyMs: 3_600_000, run: () => eraseExpiredSignupRequests() },
  { name: 'rate-limit-purge', everyMs: 3_600_000, run: purgeStaleRateLimits },
  { name: 'search-outbox', everyMs: 2_000, run: () => drainSearchOutbox(SEARCH_SOURCES) },
  { name: 'chat-retention', everyMs: 3_600_000, run: eraseExpiredConversations },
  { name: 'event-reminders', everyMs: 300_000, run: () => sendDueReminders() },
  { name: 'event-retention', everyMs: 3_600_000, run: () => eraseExpiredRegistrations() },
  { name: 'course-due-reminders', everyMs: 3_600_000, run: sendCourseDueReminders },
  { name: 'case-action-reminders', everyMs: 600_000, run: () => sendActionReminders() },
  { name: 'backup', everyMs: 600_000, run: () => runScheduledBackup() },
]

async function controlRequest(request: ControlRequest): Promise<unknown> {
  if (request.command === 'ping') return { pid: process.pid }
  if (request.command === 'backup') return takeBackup({ trigger: 'manual', dir: request.dir })
  throw new Error('unknown command')
}

export interface Services {
  stop: () => Promise<void>
}

/**
 * Called by server.ts once the HTTP server exists: background jobs and (later) realtime.
 * Lives in the Remix build so that it shares module state with the routes.
 */
export async function startServices(options: { httpServer: HttpServer; runJobs: boolean }): Promise<Services> {
  // Index settings (Meilisearch) are applied on start; an engine that is down must not stop the site.
  searchEngine()
    .prepare()
    .catch((error: unknown) =>
      logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'search engine settings not applied yet; retried before the next write',
      ),
    )
  const stopJobs = options.runJobs ? startJobs(JOBS) : () => {}
  const realtime = await attachRealtime(options.httpServer)
  // The embedded database can be opened by this process only: `npm run db:backup` asks it here. A database in memory
  // has no folder another process could back up or restore into, and every such process would share one socket.
  const raw = rawClient()
  const onDisk = raw.kind === 'pglite' && !raw.dataDir.startsWith('memory://')
  const control = onDisk ? await startControlServer(controlRequest) : null
  return {
    stop: async () => {
      stopJobs()
      await control?.close()
      await realtime.close()
    },
  }
}
