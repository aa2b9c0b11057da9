import { sql } from 'drizzle-orm'

import { db, dbKind } from '../../db/client.server'
import pkg from '../../package.json'
import { searchEngineKind } from '../../search/engines'

/** Liveness for operators and load balancers: 503 when the database does not answer in 2 s. */
export async function loader() {
  const base = { db: dbKind(), search: searchEngineKind(), version: pkg.version }
  try {
    await Promise.race([
      db.execute(sql`select 1`),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000)),
    ])
    return Response.json({ status: 'ok', ...base }, { headers: { 'Cache-Control': 'no-store' } })
  } catch {
    return Response.json({ status: 'error', ...base }, { status: 503, headers: { 'Cache-Control': 'no-store' } })
  }
}
