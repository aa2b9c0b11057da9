import { Link, useLocation } from '@remix-run/react'

import { useT } from '../features/i18n/useT'
import { pageCount } from '../features/platform/paging'

/** Previous / next links that keep the rest of the query string; hidden when everything fits on one page. */
export function Pagination({
  page,
  perPage,
  total,
  param = 'page',
}: {
  page: number
  perPage: number
  total: number
  param?: string
}) {
  const { t } = useT()
  const location = useLocation()
  const pages = pageCount(total, perPage)
  if (pages <= 1) return null
  const href = (target: number) => {
    const params = new URLSearchParams(location.search)
    if (target === 1) params.delete(param)
    else params.set(param, String(target))
    const query = params.toString()
    return `${location.pathname}${query ? `?${query}` : ''}`
  }
  return (
    <nav className="pagination" aria-label={t('common.pagination')}>
      {page > 1 ? (
        <Link to={href(page - 1)} rel="prev">
          {t('common.previous')}
        </Link>
      ) : null}
      <span aria-current="page">{t('common.page', { page: Math.min(page, pages), pages })}</span>
      {page < pages ? (
        <Link to={href(page + 1)} rel="next">
          {t('common.next')}
        </Link>
      ) : null}
    </nav>
  )
}
