/**
 * What the HTTP benches share: a bare Node server that answers every request with the same bytes the app
 * sent (the baseline, measured in the same run on the same machine), a load run that records latency, the
 * CPU time and peak RSS of the server's processes, and a printout of app and baseline side by side.
 *
 * Other work on the machine (other processes, other benches) slows both alike; the ratio app/baseline and
 * the CPU time per request are the figures that travel.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import path from 'node:path'

import autocannon from 'autocannon'

import { getEnv, serverNodeArgs } from '../../../lib/env.server'

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * The production server (`<buildDir>/server.js`, plain node) on `port`, in production mode with `env`; resolves when
 * /healthz answers (up to 3 minutes: several processes start slowly on a busy machine). SERVER_NODE_ARGS (e.g.
 * "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles it.
 */
export async function startAppServer(options: {
  port: number
  buildDir: string
  env: Record<string, string>
}): Promise<ChildProcess> {
  const health = `http://127.0.0.1:${options.port}/healthz`
  const answers = () =>
    fetch(health).then(
      (r) => r.ok,
      () => false,
    )
  if (await answers()) throw new Error(`port ${options.port} is taken: set PORT`)
  // As `npm start` runs it (its heap bound, from the same HEAP_LIMIT_MB), plus SERVER_NODE_ARGS.
  const nodeArgs = [...serverNodeArgs(getEnv()), ...(process.env.SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean)]
  const child = spawn(process.execPath, [...nodeArgs, path.resolve(options.buildDir, 'server.js')], {
    env: { ...process.env, NODE_ENV: 'production', PORT: String(options.port), LOG_LEVEL: 'warn', ...options.env },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  stopOnExit(child)
  for (let i = 0; i < 720; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`)
    if (await answers()) return child
    await sleep(250)
  }
  throw new Error('server did not start')
}

export async function stopServer(child: ChildProcess) {
  if (child.exitCode !== null) return
  child.kill('SIGTERM')
  await new Promise((r) => child.once('exit', r))
}

export function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

/** A server process and every process it started (cluster workers), for CPU and memory accounting. */
export function processTree(pid: number): number[] {
  const out = [pid]
  for (const task of safeList(`/proc/${pid}/task`)) {
    const children = safeRead(`/proc/${pid}/task/${task}/children`).trim()
    for (const child of children ? children.split(' ') : []) out.push(...processTree(Number(child)))
  }
  return out
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir)
  } catch {
    return []
  }
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return ''
  }
}

/** CPU time (user + system) a process has used, in ms. */
function cpuMs(pid: number): number {
  const stat = safeRead(`/proc/${pid}/stat`)
  if (!stat) return 0
  const fields = stat.split(') ')[1].split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100 // utime, stime in clock ticks (USER_HZ = 100)
}

function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(safeRead(`/proc/${pid}/status`))
  return match ? Number(match[1]) * 1024 : 0
}

/** CPU used by a process tree since the start, and the peak RSS of its biggest process and of all together. */
export function sampler(rootPid: number) {
  const startCpu = new Map<number, number>()
  const cpuNow = new Map<number, number>()
  let peakOne = 0
  let peakAll = 0
  const read = () => {
    let all = 0
    for (const pid of processTree(rootPid)) {
      const rss = rssBytes(pid)
      all += rss
      peakOne = Math.max(peakOne, rss)
      const cpu = cpuMs(pid)
      if (!startCpu.has(pid)) startCpu.set(pid, cpuNow.has(pid) ? cpuNow.get(pid)! : cpu)
      cpuNow.set(pid, cpu)
    }
    peakAll = Math.max(peakAll, all)
  }
  for (const pid of processTree(rootPid)) startCpu.set(pid, cpuMs(pid))
  read()
  const timer = setInterval(read, 100)
  return {
    stop() {
      clearInterval(timer)
      read()
      let cpu = 0
      for (const [pid, now] of cpuNow) cpu += now - (startCpu.get(pid) ?? now)
      return { cpuMs: cpu, peakRss: peakOne, peakRssAll: peakAll }
    },
  }
}

export interface CannedResponse {
  status: number
  headers: Record<string, string>
  body: Buffer
}

/** Fetches a response as the app sends it (status, the headers that matter to a client, the raw body bytes). */
export async function captureResponse(url: string, init: RequestInit = {}): Promise<CannedResponse> {
  const { request } = await import('node:http')
  return new Promise((resolve, reject) => {
    const headers = Object.fromEntries(new Headers(init.headers).entries())
    const req = request(url, { method: init.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const kept: Record<string, string> = {}
        for (const name of ['content-type', 'content-encoding', 'location', 'cache-control', 'vary']) {
          const value = res.headers[name]
          if (typeof value === 'string') kept[name] = value
        }
        resolve({ status: res.statusCode ?? 0, headers: kept, body: Buffer.concat(chunks) })
      })
      res.on('error', reject)
    })
    req.on('error', reject)
    if (init.body) req.write(String(init.body))
    req.end()
  })
}

const BARE_SERVER = `
const http = require('node:http')
const fs = require('node:fs')
const canned = JSON.parse(fs.readFileSync(process.argv[1], 'utf8'))
const body = Buffer.from(canned.body, 'base64')
const headers = { ...canned.headers, 'content-length': String(body.length) }
http.createServer((req, res) => {
  req.resume()
  req.on('end', () => { res.writeHead(canned.status, headers); res.end(body) })
}).listen(0, '127.0.0.1', function () { console.log('PORT ' + this.address().port) })
`

/** A server the bench started ends with the bench, also when the bench is interrupted. */
export function stopOnExit(child: ChildProcess) {
  const stop = () => child.exitCode === null && child.kill('SIGTERM')
  process.once('exit', stop)
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      stop()
      process.exit(130)
    })
}

/** The baseline: a bare Node HTTP server (its own process) answering every request with these bytes. */
export async function startBareServer(
  canned: CannedResponse,
): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const file = path.join(tmpdir(), `iwb-bare-${process.pid}-${Date.now()}.json`)
  writeFileSync(file, JSON.stringify({ ...canned, body: canned.body.toString('base64') }))
  const child: ChildProcess = spawn(process.execPath, ['-e', BARE_SERVER, file], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      const match = /PORT (\d+)/.exec(chunk.toString())
      if (match) resolve(Number(match[1]))
    })
    child.once('exit', (code) => reject(new Error(`bare server exited with ${code}`)))
  })
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM')
      await new Promise((r) => child.once('exit', r))
      rmSync(file, { force: true })
    },
  }
}

export interface LoadFigures {
  requests: number
  ok: number
  other: number
  errors: number
  rps: number
  p50: number
  p95: number
  p99: number
  cpuPerRequest: number
  peakRss: number
  peakRssAll: number
}

export interface LoadOptions {
  url: string
  /** The server's (primary) process: its tree's CPU and memory are measured. */
  pid: number
  connections: number
  /** Seconds to run, or… */
  duration?: number
  /** …how many requests to send (CPU time per request does not depend on how busy the machine is). */
  amount?: number
  method?: 'GET' | 'POST'
  headers?: Record<string, string>
  body?: string
  /** Each request built anew (e.g. a different e-mail per registration). */
  requests?: autocannon.Request[]
  /** Which statuses count as success (2xx by default). */
  ok?: (status: number) => boolean
}

/** A closed-loop run: `connections` clients sending back to back for `duration` seconds. */
export async function load(options: LoadOptions): Promise<LoadFigures> {
  const probe = sampler(options.pid)
  const latencies: number[] = []
  let ok = 0
  let other = 0
  const isOk = options.ok ?? ((s: number) => s >= 200 && s < 300)
  const started = performance.now()
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        ...(options.amount ? { amount: options.amount } : { duration: options.duration ?? 10 }),
        timeout: 30,
        method: options.method ?? 'GET',
        ...(options.headers ? { headers: options.headers } : {}),
        ...(options.body ? { body: options.body } : {}),
        ...(options.requests ? { requests: options.requests } : {}),
      },
      (error, res) => (error ? reject(error) : resolve(res)),
    )
    instance.on('response', (_client, status, _bytes, responseTime) => {
      latencies.push(responseTime)
      if (isOk(status)) ok++
      else other++
    })
  })
  const used = probe.stop()
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  return {
    requests: result.requests.total,
    ok,
    other,
    errors: result.errors + result.timeouts,
    rps: ok / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    cpuPerRequest: used.cpuMs / Math.max(1, result.requests.total),
    peakRss: used.peakRss,
    peakRssAll: used.peakRssAll,
  }
}

/** The machine as the run saw it: other processes share the two cores, so say how busy it was. */
export function machineNote(before: number) {
  const load = `load average ${before.toFixed(1)} before / ${loadavg()[0].toFixed(1)} after`
  return `${cpus().length} cores, ${load} (other processes share the CPUs)`
}

export const loadNow = () => loadavg()[0]

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`

/** One scenario's figures beside the baseline's, with the ratio app/baseline. */
export function comparison(title: string, app: LoadFigures, baseline: LoadFigures, extra: string[] = []) {
  const row = (label: string, a: string, b: string, ratio = '') =>
    `  ${label.padEnd(20)}${a.padStart(12)}${b.padStart(14)}${ratio.padStart(10)}`
  const pct = (a: number, b: number) => (b > 0 ? `${((a / b) * 100).toFixed(1)} %` : '—')
  const times = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(1)}×` : '—')
  return [
    title,
    row('', 'app', 'bare Node', 'ratio'),
    row('requests/s', app.rps.toFixed(0), baseline.rps.toFixed(0), pct(app.rps, baseline.rps)),
    row(
      'CPU ms/request',
      app.cpuPerRequest.toFixed(2),
      baseline.cpuPerRequest.toFixed(2),
      times(app.cpuPerRequest, baseline.cpuPerRequest),
    ),
    row('latency p50 ms', app.p50.toFixed(1), baseline.p50.toFixed(1)),
    row('latency p95 ms', app.p95.toFixed(1), baseline.p95.toFixed(1)),
    row('latency p99 ms', app.p99.toFixed(1), baseline.p99.toFixed(1)),
    row('peak RSS', mb(app.peakRss), mb(baseline.peakRss)),
    ...(app.peakRssAll > app.peakRss ? [row('peak RSS, all procs', mb(app.peakRssAll), '')] : []),
    row('responses', `${app.ok} ok`, `${baseline.ok} ok`),
    ...(app.other || app.errors ? [`  app: ${app.other} other statuses, ${app.errors} errors/timeouts`] : []),
    ...extra.map((line) => `  ${line}`),
  ].join('\n')
}
