/**
 * Splits a plain SQL dump into statements: semicolons inside quotes, quoted names, dollar-quoted
 * bodies and comments do not end a statement. Enough for pg_dump's output, not a full SQL parser.
 */
export function* splitStatements(script: string): Generator<string> {
  let start = 0
  let i = 0
  const n = script.length
  while (i < n) {
    const c = script[i]
    if (c === "'" || c === '"') {
      const close = c
      i++
      while (i < n) {
        if (script[i] === close) {
          if (script[i + 1] === close) i += 2
          else break
        } else i++
      }
      i++
    } else if (c === '-' && script[i + 1] === '-') {
      const end = script.indexOf('\n', i)
      i = end === -1 ? n : end + 1
    } else if (c === '/' && script[i + 1] === '*') {
      const end = script.indexOf('*/', i + 2)
      i = end === -1 ? n : end + 2
    } else if (c === '$') {
      const tag = /^\$([A-Za-z_][A-Za-z_0-9]*)?\$/.exec(script.slice(i, i + 64))
      if (tag) {
        const end = script.indexOf(tag[0], i + tag[0].length)
        i = end === -1 ? n : end + tag[0].length
      } else i++
    } else if (c === ';') {
      const statement = script.slice(start, i + 1).trim()
      if (statement && !isOnlyComments(statement)) yield statement
      i++
      start = i
    } else i++
  }
  const rest = script.slice(start).trim()
  if (rest && !isOnlyComments(rest)) yield rest
}

function isOnlyComments(text: string) {
  return text.split('\n').every((line) => line.trim() === '' || line.trim().startsWith('--'))
}

/** Settings newer servers write into dumps that PostgreSQL 15 does not know (PGlite is PostgreSQL 18). */
const UNKNOWN_TO_OLDER_SERVERS = /^SET\s+transaction_timeout\s*=/i

/** Statements of a PGlite (or newer pg_dump) script that every supported server accepts. */
export function* portableStatements(script: string): Generator<string> {
  const withoutMeta = script.replace(/^\\(?:un)?restrict\b.*$/gm, '')
  for (const statement of splitStatements(withoutMeta)) {
    const code = statement.replace(/^(--[^\n]*\n|\s)+/, '')
    if (UNKNOWN_TO_OLDER_SERVERS.test(code)) continue
    yield statement
  }
}

/** Groups statements into batches of about `size` characters, to send them a batch at a time. */
export function* batches(statements: Iterable<string>, size = 1 << 20): Generator<string> {
  let batch: string[] = []
  let length = 0
  for (const statement of statements) {
    batch.push(statement)
    length += statement.length
    if (length >= size) {
      yield batch.join('\n')
      batch = []
      length = 0
    }
  }
  if (batch.length) yield batch.join('\n')
}
