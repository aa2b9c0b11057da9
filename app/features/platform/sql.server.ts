/** A text with LIKE's wildcards (`%`, `_`) and its escape (`\`) escaped, to be matched as written. */
export function escapeLike(value: string) {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/** Whether a database error is a unique constraint's (PostgreSQL 23505; PGlite and drizzle may wrap it in `cause`). */
export function isUniqueViolation(error: unknown) {
  const e = error as { code?: string; cause?: { code?: string } } | null | undefined
  return e?.code === '23505' || e?.cause?.code === '23505'
}
