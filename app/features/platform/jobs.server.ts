import { logger } from './logger.server'

export interface Job {
  name: string
  everyMs: number
  run: () => Promise<unknown>
}

/**
 * Runs each job on its interval, never overlapping itself. Jobs claim their rows with
 * FOR UPDATE SKIP LOCKED, so running them in several processes at once is safe.
 */
export function startJobs(jobs: Job[]): () => void {
  const timers: NodeJS.Timeout[] = []
  let stopped = false
  for (const job of jobs) {
    let running = false
    const tick = async () => {
      if (running || stopped) return
      running = true
      try {
        await job.run()
      } catch (error) {
        logger.error(
          { job: job.name, err: error instanceof Error ? error.message : String(error) },
          'background job failed',
        )
      } finally {
        running = false
      }
    }
    timers.push(setInterval(tick, job.everyMs))
    setTimeout(tick, 1000).unref()
  }
  return () => {
    stopped = true
    for (const timer of timers) clearInterval(timer)
  }
}
