import { execSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

import { getEnv } from '../lib/env.server'
import { buildServer, serverBundle } from './build-server'

/** Builds when there is no build yet, or when a folder the build bundles is newer than the build. */
function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs)
  }
  return newest
}

const newest = (sources: string[]) =>
  Math.max(
    ...sources.map((source) => (statSync(source).isDirectory() ? newestMtime(source) : statSync(source).mtimeMs)),
  )
const staleAgainst = (built: string, sources: string[]) =>
  !existsSync(built) || newest(sources.map((source) => path.resolve(source))) > statSync(built).mtimeMs

const buildFile = path.resolve(getEnv().BUILD_DIR, 'index.js')
if (staleAgainst(buildFile, ['app', 'lib', 'db', 'search'])) {
  console.log('Building the app (remix build)…')
  execSync('npx remix build', { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
}
if (staleAgainst(serverBundle(), ['server.ts', 'app', 'lib', 'db', 'search', 'seed'])) {
  console.log('Building the server (build/server.js)…')
  await buildServer()
}
