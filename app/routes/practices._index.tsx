import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'

import { PageHeader } from '~/components/PageHeader'
import { Pagination } from '~/components/Pagination'
import { useT } from '~/features/i18n/useT'
import { can } from '~/features/identity/permissions'
import { getSessionUser } from '~/features/identity/session.server'
import { invariantResponse } from '~/features/platform/http.server'
import { pageTitle } from '~/features/platform/meta'
import { searchLibrary } from '~/features/practices/library.server'
import { listMyWork } from '~/features/practices/practices.server'
import { queryObject, SearchParamsSchema } from '~/features/search/schemas'
import { FacetFilters, SearchHitItem } from '~/features/search/SearchResults'

export const meta: MetaFunction = (args) => pageTitle(args, 'practices.title')

const PER_PAGE = 20

/**
 * The library: published practices through the search engine (query, facets, sort); the database when search is down.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request)
  const parsed = SearchParamsSchema.safeParse(queryObject(new URL(request.url)))
  invariantResponse(parsed.success, 'Bad request')
  const params = {
    ...parsed.data,
    type: ['practice' as const],
    perPage: PER_PAGE,
    sort: parsed.data.sort ?? 'relevance',
  }
  const myWork = can(user, 'staff:access') ? await listMyWork(user!) : null
  const { result, degraded } = await searchLibrary(user, params)
  return { params, result, degraded, myWork, canCreate: can(user, 'practice:create') }
}

export default function PracticeLibrary() {
  const { params, result, degraded, myWork, canCreate } = useLoaderData<typeof loader>()
  const { t, tp, date } = useT()
  return (
    <section className="practices">
      <PageHeader
        title={t('practices.title')}
        links={[canCreate && { to: '/practices/new', label: t('practices.new') }]}
        lead={t('practices.intro')}
      />

      {myWork && (myWork.mine.length > 0 || myWork.awaitingReview.length > 0) ? (
        <div className="grid practice-work">
          {myWork.awaitingReview.length > 0 ? (
            <section className="panel" aria-labelledby="awaiting-review">
              <h2 id="awaiting-review">{t('practices.awaitingReview')}</h2>
              <ul>
                {myWork.awaitingReview.map((p) => (
                  <li key={p.slug}>
                    <Link to={`/practices/${p.slug}`}>{p.title}</Link>{' '}
                    <span className="muted">
                      {t('practices.awaitingReviewBy', {
                        author: p.authorName,
                        date: p.submittedAt ? date(p.submittedAt) : '',
                      })}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {myWork.mine.length > 0 ? (
            <section className="panel" aria-labelledby="my-work">
              <h2 id="my-work">{t('practices.myWork')}</h2>
              <ul>
                {myWork.mine.map((p) => (
                  <li key={p.slug}>
                    <Link to={`/practices/${p.slug}`}>{p.title}</Link>{' '}
                    <span className="status">{t(`practices.status.${p.status}`)}</span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
      ) : null}

      <div className="search-layout">
        <Form method="get" className="search-filters panel" role="search" aria-label={t('practices.search.label')}>
          <div className="field">
            <label htmlFor="practice-q">{t('practices.search.label')}</label>
            <input id="practice-q" type="search" name="q" defaultValue={params.q} maxLength={200} />
          </div>
          <div className="field">
            <label htmlFor="practice-sort">{t('practices.sort.label')}</label>
            <select id="practice-sort" name="sort" defaultValue={params.sort}>
              <option value="relevance">{t('practices.sort.relevance')}</option>
              <option value="newest">{t('practices.sort.newest')}</option>
              <option value="popular">{t('practices.sort.useful')}</option>
            </select>
          </div>
          <FacetFilters facets={result.facets} selected={params} showType={false} />
          <div className="row">
            <button type="submit" className="button">
              {t('practices.filters.apply')}
            </button>
            <Link to="/practices">{t('practices.filters.clear')}</Link>
          </div>
        </Form>
        <div className="search-results">
          {degraded ? (
            <p className="notice" role="status">
              {t('practices.searchUnavailable')}
            </p>
          ) : null}
          <p className="muted" role="status">
            {tp('practices.results', result.total)}
          </p>
          {result.hits.length === 0 ? <p>{t('practices.empty')}</p> : null}
          <ol className="search-hits" aria-label={t('practices.title')}>
            {result.hits.map((hit) => (
              <SearchHitItem key={hit.id} hit={hit} showType={false} />
            ))}
          </ol>
          <Pagination page={result.page} perPage={result.perPage} total={result.total} />
        </div>
      </div>
    </section>
  )
}
