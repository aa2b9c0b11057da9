/** The app's logger door; the logger lives below the app so that db/ and search/ log the same way. */
export { logger } from '../../../lib/logger.server'
/** Link tokens masked, and texts without the values they quote, for whatever staff or logs may read. */
export { MASKED_TOKEN, maskLinkTokens, scrubLogText } from '../../../lib/log-safety'
