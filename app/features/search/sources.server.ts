import type { SearchSources } from '../../../search/documents'
import { caseSearchSource } from '../cases/search.server'
import { eventSearchSource } from '../events/search.server'
import { practiceSearchSource } from '../practices/search.server'
import { courseSearchSource } from '../training/search.server'

/**
 * Every kind of searchable document and the feature that builds it; a feature adds its source here, as
 * it adds its jobs to JOBS (app/services.server.ts). Passed to the outbox worker and to the reindex.
 */
export const SEARCH_SOURCES: SearchSources = {
  practice: practiceSearchSource,
  case: caseSearchSource,
  event: eventSearchSource,
  course: courseSearchSource,
}
