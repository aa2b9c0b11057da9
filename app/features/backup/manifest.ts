import { createHash } from 'node:crypto'

import { z } from 'zod'

const FileSchema = z.object({
  path: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
})

export const ManifestSchema = z.object({
  format: z.literal('iwb-backup'),
  formatVersion: z.literal(1),
  app: z.object({ name: z.string(), version: z.string() }),
  createdAt: z.string().datetime(),
  source: z.object({ db: z.enum(['pglite', 'postgres']), serverVersion: z.string() }),
  database: z.object({ file: z.enum(['database.sql', 'database.dump']), format: z.enum(['sql', 'pg_dump-custom']) }),
  migrations: z.object({ count: z.number().int().nonnegative(), tag: z.string().nullable(), when: z.number() }),
  rowCounts: z.record(z.number().int().nonnegative()),
  /** Days after which this archive is deleted: the longest retention of the personal data in it. */
  retentionDays: z.number().int().positive(),
  /** How long the site waited for the database while the snapshot was taken. */
  blockedMs: z.number().nonnegative(),
  files: z.array(FileSchema),
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
})

export type Manifest = z.infer<typeof ManifestSchema>
export type ManifestFile = z.infer<typeof FileSchema>

/** sha256 over the list of files, in the `sha256sum` format (hash, two spaces, path), sorted by path. */
export function manifestChecksum(files: ManifestFile[]): string {
  const lines = [...files].sort((a, b) => (a.path < b.path ? -1 : 1)).map((f) => `${f.sha256}  ${f.path}  ${f.bytes}\n`)
  return createHash('sha256').update(lines.join('')).digest('hex')
}
