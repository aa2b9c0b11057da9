import { Link } from '@remix-run/react'
import { useT } from '../i18n/useT'

/** Previous / next links that keep the other query parameters. */
export function Pagination({ page, pages, search, label }: { page: number; pages: number; search: string; label?: string }) {
  const { t } = useT()
  if (pages <= 1) return null
  const href = (p: number) => {
    const params = new URLSearchParams(search)
    if (p === 1) params.delete('page')
    else params.set('page', String(p))
    const qs = params.toString()
    return qs ? `?${qs}` : '?'
  }
  return (
    <nav className="pagination" aria-label={label ?? t('common.pagination')}>
      {page > 1 ? (
        <Link to={href(page - 1)} rel="prev">
          {t('common.previous')}
        </Link>
      ) : null}
      <span aria-current="page">{t('common.page', { page, pages })}</span>
      {page < pages ? (
        <Link to={href(page + 1)} rel="next">
          {t('common.next')}
        </Link>
      ) : null}
    </nav>
  )
}
