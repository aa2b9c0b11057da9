import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { freshDatabase } from '../../support/fresh-database'

export interface RunningApp {
  url: string
  stop: () => Promise<void>
  process: ChildProcess
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port
      srv.close(() => resolve(port))
    })
  })
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'inherit', 'inherit'] })
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`)),
    )
  })
}

/** A fresh PostgreSQL database for one run, migrated and seeded with the demo data. */
export async function freshPostgresDatabase(baseUrl: string, name: string): Promise<string> {
  const url = await freshDatabase(baseUrl, name)
  await run(process.execPath, ['--import', 'tsx', 'scripts/db-seed.ts'], { ...process.env, DATABASE_URL: url })
  return url
}

// A first start seeds the embedded database: on a loaded 2-core machine that took 72 s (2026-12-05).
async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 180_000) {
  const started = Date.now()
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`app server exited with ${child.exitCode}`)
    try {
      const res = await fetch(`${url}/healthz`)
      if (res.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`app server did not become healthy within ${timeoutMs} ms`)
}

/**
 * Starts the production build (`server.ts`) on a free port: PGlite in a temporary folder (seeded on
 * first start) unless a DATABASE_URL is given.
 */
export async function startApp(
  options: { databaseUrl?: string; env?: NodeJS.ProcessEnv; port?: number } = {},
): Promise<RunningApp> {
  const port = options.port ?? (await freePort())
  const dataDir = options.databaseUrl ? null : mkdtempSync(path.join(tmpdir(), 'iwb-e2e-'))
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    RATE_LIMIT: 'false',
    // No automatic backup during browser runs: admins then see the missing-backup banner, which the crawl checks too.
    BACKUP_INTERVAL_HOURS: '0',
    BACKUP_DIR: path.join(tmpdir(), `iwb-e2e-backups-${port}`),
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : { DATA_DIR: dataDir!, DATABASE_URL: '' }),
    ...options.env,
  }
  // The server as production runs it (test:e2e builds it first: scripts/ensure-build.ts).
  const child = spawn(
    process.execPath,
    ['--enable-source-maps', path.resolve(process.env.BUILD_DIR || 'build', 'server.js')],
    {
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  )
  const url = `http://127.0.0.1:${port}`
  await waitForHealth(url, child)
  return {
    url,
    process: child,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM')
        await new Promise((r) => child.once('exit', r))
      }
      if (dataDir) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
