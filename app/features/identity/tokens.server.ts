import { createHash, randomBytes } from 'node:crypto'

/** An unguessable URL-safe token (256 bits by default). */
export function newToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}

/** Tokens are stored hashed, so a copy of the database opens no session and resets no password. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}
