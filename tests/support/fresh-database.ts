import postgres from 'postgres'

/** Runs statements one by one on a connection of their own to `baseUrl` (statements no transaction may hold). */
async function onAdminConnection(baseUrl: string, statements: readonly string[]): Promise<void> {
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} })
  try {
    for (const statement of statements) await admin.unsafe(statement)
  } finally {
    await admin.end()
  }
}

const dropStatement = (name: string) => `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`

/** A new, empty database `name` beside the one `baseUrl` names (dropped first if a run left it); its URL. */
export async function freshDatabase(baseUrl: string, name: string): Promise<string> {
  await onAdminConnection(baseUrl, [dropStatement(name), `CREATE DATABASE "${name}"`])
  const url = new URL(baseUrl)
  url.pathname = `/${name}`
  return url.toString()
}

/** Drops the databases `names` beside the one `baseUrl` names, where they exist (a run's clean-up). */
export async function dropDatabases(baseUrl: string, ...names: string[]): Promise<void> {
  await onAdminConnection(baseUrl, names.map(dropStatement))
}
