/** The app's configuration door; the schema lives below the app so that db/ and search/ read the same one. */
export { getEnv, resetEnvCache, serverNodeArgs, type Env } from '../lib/env.server'
