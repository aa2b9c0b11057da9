import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'

import { FilterBar, FilterButtons, FilterSearch, FilterSelect } from '~/components/filters'
import { PageHeader } from '~/components/PageHeader'
import { Pagination } from '~/components/Pagination'
import { useT } from '~/features/i18n/useT'
import { can } from '~/features/identity/permissions'
import { getSessionUser } from '~/features/identity/session.server'
import { invariantResponse } from '~/features/platform/http.server'
import { pageTitle } from '~/features/platform/meta'
import { searchLibrary } from '~/features/practices/library.server'
import { PracticeLanguageTag } from '~/features/practices/PracticeLanguage'
import { listMyWork } from '~/features/practices/practices.server'
import { queryObject, SearchParamsSchema } from '~/features/search/schemas'
import { FacetFilters, SearchHitItem } from '~/features/search/SearchResults'
import type { Locale } from '../../db/schema/identity'

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
  const { result, degraded, languages } = await searchLibrary(user, params)
  return { params, result, degraded, languages, myWork, canCreate: can(user, 'practice:create') }
}

/** Practices in the reader's hands, each linked and followed by what the page says of it (no list when none). */
function WorkList<T extends { slug: string; title: string; language: Locale }>({
  id,
  title,
  items,
  children,
}: {
  id: string
  title: string
  items: readonly T[]
  children: (practice: T) => ReactNode
}) {
  if (items.length === 0) return null
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <ul>
        {items.map((p) => (
          <li key={p.slug}>
            <Link to={`/practices/${p.slug}`} lang={p.language}>
              {p.title}
            </Link>{' '}
            <PracticeLanguageTag language={p.language} /> {children(p)}
          </li>
        ))}
      </ul>
    </section>
  )
}

export default function PracticeLibrary() {
  const { params, result, degraded, languages, myWork, canCreate } = useLoaderData<typeof loader>()
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
          <WorkList id="awaiting-review" title={t('practices.awaitingReview')} items={myWork.awaitingReview}>
            {(p) => (
              <span className="muted">
                {t('practices.awaitingReviewBy', {
                  author: p.authorName,
                  date: p.submittedAt ? date(p.submittedAt) : '',
                })}
              </span>
            )}
          </WorkList>
          <WorkList id="my-work" title={t('practices.myWork')} items={myWork.mine}>
            {(p) => <span className="status">{t(`practices.status.${p.status}`)}</span>}
          </WorkList>
        </div>
      ) : null}

      <div className="search-layout">
        <FilterBar
          values={params}
          prefix="practice"
          className="search-filters panel"
          role="search"
          aria-label={t('practices.search.label')}
        >
          <FilterSearch label={t('practices.search.label')} maxLength={200} />
          <FilterSelect
            name="sort"
            label={t('practices.sort.label')}
            all={false}
            options={[
              { value: 'relevance', label: t('practices.sort.relevance') },
              { value: 'newest', label: t('practices.sort.newest') },
              { value: 'popular', label: t('practices.sort.useful') },
            ]}
          />
          <FacetFilters facets={result.facets} selected={params} showType={false} />
          <FilterButtons
            apply={t('practices.filters.apply')}
            reset={{ to: '/practices', label: t('practices.filters.clear') }}
          />
        </FilterBar>
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
              <SearchHitItem key={hit.id} hit={hit} showType={false} language={languages[hit.id]} />
            ))}
          </ol>
          <Pagination page={result.page} perPage={result.perPage} total={result.total} />
        </div>
      </div>
    </section>
  )
}
