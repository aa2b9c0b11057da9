import { z } from 'zod'

import { currentInstitutionKind, INSTITUTION_KINDS } from '../../../db/schema/identity'
import { SEARCH_DOC_TYPES } from '../../../db/schema/search'
import { DEFAULT_PER_PAGE, MAX_PAGE, MAX_PER_PAGE, SORTS } from '../../../search/engine'
import { choiceField, choicesField, districtCodesField } from '../platform/fields'
import { many, perPageField, positiveIntField } from '../platform/params'

const single = (value: unknown) => (Array.isArray(value) ? value[value.length - 1] : value)

/** The query string of /search and GET /api/v1/search. */
export const SearchParamsSchema = z.object({
  q: z.preprocess(single, z.string().max(200, 'errors.tooLong').optional().default('')),
  type: choicesField(SEARCH_DOC_TYPES),
  tag: many(z.string().regex(/^[a-z0-9_-]{1,40}$/, 'errors.choice'), 20),
  district: districtCodesField(),
  kind: many(z.preprocess(currentInstitutionKind, choiceField(INSTITUTION_KINDS)), INSTITUTION_KINDS.length),
  sort: z.preprocess(single, choiceField(SORTS).optional()),
  page: z.preprocess(single, positiveIntField(MAX_PAGE, 1)),
  perPage: z.preprocess(single, perPageField(MAX_PER_PAGE, DEFAULT_PER_PAGE)),
})
export type SearchParams = z.infer<typeof SearchParamsSchema>

/** Reads repeated query parameters (?type=a&type=b) the way forms send them. */
export function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key)
    out[key] = all.length > 1 ? all : all[0]
  }
  return out
}
