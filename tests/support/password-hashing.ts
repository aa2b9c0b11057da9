import crypto from 'node:crypto'
import { syncBuiltinESMExports } from 'node:module'

/**
 * Counts scrypt runs (the slow part of a password check) while `run` executes: node:crypto's export is
 * wrapped, and syncBuiltinESMExports passes the wrapper on to modules that imported it by name.
 */
export async function countPasswordHashes(run: () => Promise<unknown>): Promise<number> {
  const real = crypto.scrypt
  let calls = 0
  crypto.scrypt = ((...args: unknown[]) => {
    calls++
    return (real as (...a: unknown[]) => void)(...args)
  }) as typeof crypto.scrypt
  syncBuiltinESMExports()
  try {
    await run()
  } finally {
    crypto.scrypt = real
    syncBuiltinESMExports()
  }
  return calls
}
