import { getEnv, type Env } from '../../env.server'
import { logger } from '../platform/logger.server'

export type AdapterKind = 'memory' | 'postgres' | 'redis'

export interface ChosenAdapter {
  kind: AdapterKind
  /** Passed to `io.adapter()`; undefined keeps socket.io's in-memory adapter. */
  adapter?: unknown
  close: () => Promise<void>
}

/** REALTIME_ADAPTER wins; otherwise REDIS_URL picks Redis; otherwise one process, in memory. */
export function adapterKind(env: Env = getEnv()): AdapterKind {
  return env.REALTIME_ADAPTER ?? (env.REDIS_URL ? 'redis' : 'memory')
}

/**
 * Builds the socket.io adapter that lets several app processes share rooms: PostgreSQL
 * LISTEN/NOTIFY (the database the app already has) or Redis pub/sub.
 */
export async function chooseAdapter(env: Env = getEnv()): Promise<ChosenAdapter> {
  const kind = adapterKind(env)
  if (kind === 'postgres') {
    if (!env.DATABASE_URL)
      throw new Error('Invalid configuration:\n  REALTIME_ADAPTER=postgres needs DATABASE_URL (PostgreSQL)')
    const [{ default: pg }, { createAdapter }] = await Promise.all([
      import('pg'),
      import('@socket.io/postgres-adapter'),
    ])
    const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 4, application_name: 'iwb-realtime' })
    pool.on('error', (error) => logger.error({ err: error.message }, 'realtime adapter pool error'))
    return {
      kind,
      adapter: createAdapter(pool, { channelPrefix: 'iwb_socket_io', heartbeatInterval: 2000, heartbeatTimeout: 6000 }),
      close: () => pool.end(),
    }
  }
  if (kind === 'redis') {
    if (!env.REDIS_URL) throw new Error('Invalid configuration:\n  REALTIME_ADAPTER=redis needs REDIS_URL')
    const [{ createClient }, { createAdapter }] = await Promise.all([
      import('redis'),
      import('@socket.io/redis-adapter'),
    ])
    const pub = createClient({ url: env.REDIS_URL })
    const sub = pub.duplicate()
    for (const client of [pub, sub])
      client.on('error', (error: Error) => logger.error({ err: error.message }, 'realtime adapter redis error'))
    await Promise.all([pub.connect(), sub.connect()])
    return {
      kind,
      adapter: createAdapter(pub, sub, { key: 'iwb-socket.io' }),
      close: async () => {
        await Promise.allSettled([pub.quit(), sub.quit()])
      },
    }
  }
  return { kind: 'memory', close: async () => {} }
}
