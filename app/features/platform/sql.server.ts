/** A text with LIKE's wildcards (`%`, `_`) and its escape (`\`) escaped, to be matched as written. */
export function escapeLike(value: string) {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/** Whether a database error is a unique constraint's (PostgreSQL 23505; PGlite and drizzle may wrap it in `cause`). */
export function isUniqueViolation(error: unknown) {
  return hasCode(error, '23505')
}

/** Whether a database error is a foreign key's (PostgreSQL 23503): a row still refers to the one deleted. */
export function isForeignKeyViolation(error: unknown) {
  return hasCode(error, '23503')
}

function hasCode(error: unknown, code: string) {
  const e = error as { code?: string; cause?: { code?: string } } | null | undefined
  return e?.code === code || e?.cause?.code === code
}
