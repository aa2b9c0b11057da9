import { spawn } from 'node:child_process'

import { serverNodeArgs } from '../lib/env.server'
import { serverBundle } from './build-server'

import './ensure-build'

// The server runs in production mode; the embedded database and demo data need no configuration. Cluster workers
// inherit its node options (the heap bound).
const child = spawn(process.execPath, ['--enable-source-maps', ...serverNodeArgs(), serverBundle()], {
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production' },
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))
