/** The app's logger door; the logger lives below the app so that db/ and search/ log the same way. */
export { logger } from '../../../lib/logger.server'
