import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'

import { Pagination } from '~/components/Pagination'
import { useT } from '~/features/i18n/useT'
import { getSessionUser } from '~/features/identity/session.server'
import { invariantResponse } from '~/features/platform/http.server'
import { logger } from '~/features/platform/logger.server'
import { pageTitle } from '~/features/platform/meta'
import { practiceHitLanguages } from '~/features/practices/practices.server'
import { queryObject, SearchParamsSchema } from '~/features/search/schemas'
import { audienceFor, searchFor } from '~/features/search/search.server'
import { FacetFilters, SearchHitItem } from '~/features/search/SearchResults'
import type { Locale } from '../../db/schema/identity'
import type { SearchResult } from '../../search/engine'

export const meta: MetaFunction = (args) => pageTitle(args, 'search.title')

/** /search?q=…&type=…: every kind of document this visitor may see, with facets. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request)
  const parsed = SearchParamsSchema.safeParse(queryObject(new URL(request.url)))
  invariantResponse(parsed.success, 'Bad request')
  const params = parsed.data
  const audience = audienceFor(user)
  const asked =
    params.q.trim() !== '' || params.type.length + params.tag.length + params.district.length + params.kind.length > 0
  if (!asked) return { params, audience, result: null, languages: {} as Record<string, Locale>, unavailable: false }
  let result: SearchResult
  try {
    result = await searchFor(user, params)
  } catch (error) {
    logger.error({ err: error instanceof Error ? error.message : 'unknown' }, 'search failed')
    return { params, audience, result: null, languages: {}, unavailable: true }
  }
  // The index does not keep a practice's language; its hits' titles and snippets are marked with it.
  return { params, audience, result, languages: await practiceHitLanguages(result.hits), unavailable: false }
}

export default function SearchPage() {
  const { params, audience, result, languages, unavailable } = useLoaderData<typeof loader>()
  const { t, tp } = useT()
  return (
    <section className="search-page">
      <h1>{params.q ? t('search.resultsFor', { q: params.q }) : t('search.title')}</h1>
      <Form method="get" className="search-layout" role="search" aria-label={t('search.title')}>
        <div className="search-filters panel">
          <div className="field">
            <label htmlFor="search-q">{t('search.label')}</label>
            <input
              id="search-q"
              type="search"
              name="q"
              defaultValue={params.q}
              maxLength={200}
              aria-describedby="search-hint"
            />
            <p id="search-hint" className="field-hint">
              {t('search.hint')}
            </p>
          </div>
          {result ? <FacetFilters facets={result.facets} selected={params} showType /> : null}
          <div className="row">
            <button type="submit" className="button">
              {t('common.search')}
            </button>
            {result ? (
              <Link to={`/search?q=${encodeURIComponent(params.q)}`}>{t('practices.filters.clear')}</Link>
            ) : null}
          </div>
        </div>
        <div className="search-results">
          {audience === 'public' ? <p className="muted">{t('search.publicOnly')}</p> : null}
          {unavailable ? (
            <p className="error-summary" role="alert">
              {t('search.unavailable')}
            </p>
          ) : null}
          {!result && !unavailable ? <p>{t('search.enterQuery')}</p> : null}
          {result ? (
            <>
              <p className="muted" role="status">
                {tp('search.results', result.total)}
              </p>
              {result.total === 0 ? <p>{t('search.noResults')}</p> : null}
              <ol className="search-hits" aria-label={t('search.title')}>
                {result.hits.map((hit) => (
                  <SearchHitItem key={`${hit.type}-${hit.id}`} hit={hit} language={languages[hit.id]} />
                ))}
              </ol>
              <Pagination page={result.page} perPage={result.perPage} total={result.total} />
            </>
          ) : null}
        </div>
      </Form>
    </section>
  )
}
