import { AsyncLocalStorage } from 'node:async_hooks'

const SCOPE = Symbol.for('iwb.request-scope')

type Scope = AsyncLocalStorage<Map<string, Promise<unknown>>>

/**
 * What one request has already read, for the loaders of that request (the root's and the page's both ask for the
 * session: one read serves both). server.ts opens a scope per request; outside one (tests, scripts) nothing is kept.
 * One store per process, not per copy of this module: server.ts opens the scope from its own copy while the loaders
 * run in the Remix build's copy; with a store each, the loaders never saw the scope and nothing was kept.
 */
const processWide = globalThis as typeof globalThis & { [SCOPE]?: Scope }
const scope: Scope = (processWide[SCOPE] ??= new AsyncLocalStorage())

/** Runs the rest of a request inside its scope. Only reads are kept: a request that writes opens none. */
export function inRequestScope<T>(method: string, run: () => T): T {
  return method === 'GET' || method === 'HEAD' ? scope.run(new Map(), run) : run()
}

/** The value for `key` computed once per request (the same promise for every caller in that request). */
export function oncePerRequest<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const kept = scope.getStore()
  if (!kept) return compute()
  let value = kept.get(key) as Promise<T> | undefined
  if (!value) {
    value = compute()
    kept.set(key, value)
  }
  return value
}
