import { existsSync } from 'node:fs'

import type { TestProject } from 'vitest/node'

import { freshPostgresDatabase, startApp, type RunningApp } from './app-server'

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
    chromium: string | null
  }
}

export function findChromium(): string | null {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ].filter(Boolean) as string[]
  return candidates.find((p) => existsSync(p)) ?? null
}

let app: RunningApp | undefined

/** One production server for all browser tests (PGlite, or PostgreSQL when DATABASE_URL is set). */
export default async function setup(project: TestProject) {
  const chromium = findChromium()
  if (!chromium) {
    if (process.env.CI) throw new Error('Browser tests need Chromium in CI: apt-get install -y chromium')
    console.warn(
      '\n[e2e] skipped: no Chromium found (install it with `apt-get install -y chromium`, or set CHROMIUM_PATH)\n',
    )
  }
  const databaseUrl = process.env.DATABASE_URL
    ? await freshPostgresDatabase(process.env.DATABASE_URL, 'iwb_e2e')
    : undefined
  app = await startApp({ databaseUrl })
  project.provide('baseUrl', app.url)
  project.provide('chromium', chromium)
  return async () => {
    await app?.stop()
  }
}
