import { Writable } from 'node:stream'

import { sql } from 'drizzle-orm'
import pino from 'pino'
import { describe, expect, it } from 'vitest'

import { logger } from '../../app/features/platform/logger.server'
import { db } from '../../db/client.server'
import { users } from '../../db/schema'
import { logSerializers, MASKED_TOKEN, safeError, scrubLogText } from '../../lib/log-safety'
import { makeUser } from '../../seed/builders/identity'

const NAME = 'Мария Иванова-Логова'
const EMAIL = 'maria.logova@example.bg'
const PHONE = '0888 123 457'
const EGN = '0641051235'

/** What one error logged under `err` (and a path) writes: the line as JSON text. */
function logLine(fields: Record<string, unknown>): string {
  let written = ''
  const sink = new Writable({
    write(chunk, _encoding, done) {
      written += String(chunk)
      done()
    },
  })
  pino({ serializers: logSerializers }, sink).error(fields, 'request failed')
  return written
}

const leaks = (line: string) => [NAME, EMAIL, PHONE.replace(/ /g, ''), PHONE, EGN].filter((v) => line.includes(v))

describe('log lines keep errors without the values they quote', () => {
  it('a failed query logs its statement and codes, never the parameters drizzle puts in the message', async () => {
    const error = await db
      .execute(sql`SELECT ${`${NAME}, ${EMAIL}, ${PHONE}, ЕГН ${EGN}`}::int`)
      .then(() => null)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Error)
    // The message itself carries them (why this safety net exists).
    expect(leaks(`${(error as Error).message} ${String((error as Error).cause)}`).length).toBeGreaterThan(0)
    const line = logLine({ err: error, path: '/events' })
    expect(leaks(line)).toEqual([])
    const logged = JSON.parse(line) as { err: { type: string; message: string; stack?: string } }
    expect(logged.err.message).toMatch(/Failed query: SELECT \$1::int/)
    expect(logged.err.message).toContain('params: [not logged]')
    expect(logged.err.stack).toMatch(/^\s+at /)
  })

  it('a unique-key refusal logs the key, not its value', async () => {
    const existing = await makeUser(db, { email: EMAIL.replace('maria', `m${Date.now()}`) })
    const error = await db
      .insert(users)
      .values({ ...existing, id: crypto.randomUUID() })
      .then(() => null)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Error)
    const line = logLine({ err: error })
    expect(line).not.toContain(existing.email)
    expect(line).not.toContain(existing.name)
  })

  it('messages given as text are scrubbed too, and a path loses its link token', () => {
    const line = logLine({
      err: `invalid input syntax for type integer: "${NAME}"; Key (email)=(${EMAIL}) already exists; call ${PHONE}`,
      path: '/registrations/Ab3dEfGh1jKlMn0pQr5tUv7wXy',
    })
    expect(leaks(line)).toEqual([])
    expect(line).toContain(`/registrations/${MASKED_TOKEN}`)
    expect(scrubLogText('relation "cases" does not exist')).toBe('relation "cases" does not exist')
    expect(safeError(new TypeError('x is not a function'))).toMatchObject({
      type: 'TypeError',
      message: 'x is not a function',
    })
  })

  it('the app logger runs every line through these serializers', () => {
    const serializers = (logger as unknown as Record<symbol, Record<string, unknown>>)[pino.symbols.serializersSym]
    expect(serializers.err).toBe(safeError)
    expect(serializers.path).toBe(logSerializers.path)
  })
})
