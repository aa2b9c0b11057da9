import { execSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

import { getEnv } from '../lib/env.server'

/** Builds when there is no build yet, or when a folder the build bundles is newer than the build. */
function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs)
  }
  return newest
}

const buildFile = path.resolve(getEnv().BUILD_DIR, 'index.js')
const BUNDLED = ['app', 'lib', 'db', 'search']
const stale =
  !existsSync(buildFile) ||
  Math.max(...BUNDLED.map((dir) => newestMtime(path.resolve(dir)))) > statSync(buildFile).mtimeMs
if (stale) {
  console.log('Building the app (remix build)…')
  execSync('npx remix build', { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
}
