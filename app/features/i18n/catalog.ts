import * as actions from '../actions/messages'
import * as backup from '../backup/messages'
import * as cases from '../cases/messages'
import * as chat from '../chat/messages'
import * as events from '../events/messages'
import * as foreignSchools from '../foreign-schools/messages'
import * as home from '../home/messages'
import * as identity from '../identity/messages'
import * as notifications from '../notifications/messages'
import * as platform from '../platform/messages'
import * as practices from '../practices/messages'
import * as privacy from '../privacy/messages'
import * as reports from '../reports/messages'
import * as search from '../search/messages'
import * as teams from '../teams/messages'
import * as training from '../training/messages'

/** Every domain keeps its strings in its own messages.ts; add new domains here. */
export const catalogs = {
  bg: {
    ...platform.bg,
    ...identity.bg,
    ...notifications.bg,
    ...events.bg,
    ...cases.bg,
    ...privacy.bg,
    ...training.bg,
    ...practices.bg,
    ...search.bg,
    ...chat.bg,
    ...backup.bg,
    ...teams.bg,
    ...actions.bg,
    ...home.bg,
    ...foreignSchools.bg,
    ...reports.bg,
  },
  en: {
    ...platform.en,
    ...identity.en,
    ...notifications.en,
    ...events.en,
    ...cases.en,
    ...privacy.en,
    ...training.en,
    ...practices.en,
    ...search.en,
    ...chat.en,
    ...backup.en,
    ...teams.en,
    ...actions.en,
    ...home.en,
    ...foreignSchools.en,
    ...reports.en,
  },
}

export type MessageKey = keyof typeof catalogs.bg
