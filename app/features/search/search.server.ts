import type { Audience, SearchResult } from '../../../search/engine'
import { searchEngine } from '../../../search/engines'
import { can, type Actor } from '../identity/permissions'
import type { SearchParams } from './schemas'

/** Public callers search public documents; signed-in staff also staff-only ones (cases). */
export function audienceFor(actor: Actor | null | undefined): Audience {
  return can(actor, 'staff:access') ? 'staff' : 'public'
}

/** Runs a search for this actor: the audience (access filter) is derived here, never taken from the request. */
export function searchFor(actor: Actor | null | undefined, params: SearchParams): Promise<SearchResult> {
  return searchEngine().search({
    q: params.q,
    audience: audienceFor(actor),
    filters: { types: params.type, tags: params.tag, districts: params.district, institutionKinds: params.kind },
    sort: params.sort,
    page: params.page,
    perPage: params.perPage,
  })
}
