import { Link, NavLink, useLocation, useRouteLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'

import type { MessageKey } from '../features/i18n/translate'
import { useT } from '../features/i18n/useT'
import type { RootData } from '../root'
import { PostLinkButton } from './forms'
import { useFocusOnNavigation } from './useFocusOnNavigation'

interface NavItem {
  to: string
  label: MessageKey
  badge?: number
}

/** The notification bell as an inline SVG: every machine draws it, whatever fonts it has (no emoji). */
function BellIcon() {
  return (
    <svg
      className="bell-icon"
      width="20"
      height="20"
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
      <path d="M13.7 21a2 2 0 0 1-3.4 0" />
    </svg>
  )
}

function Badge({ count, label }: { count?: number; label: string }) {
  if (!count) return null
  return (
    <span className="badge" aria-label={label}>
      {count}
    </span>
  )
}

export function AppShell({ children }: { children: ReactNode }) {
  const root = useRouteLoaderData('root') as RootData | undefined
  const { t, locale, dateTime } = useT()
  const location = useLocation()
  useFocusOnNavigation()
  const user = root?.user ?? null
  const badges = root?.badges
  const here = location.pathname + location.search

  const items: NavItem[] = user
    ? [
        { to: '/cases', label: 'nav.cases', badge: badges?.cases },
        { to: '/actions', label: 'nav.actions' },
        { to: '/practices', label: 'nav.practices' },
        { to: '/training', label: 'nav.training' },
        { to: '/events', label: 'nav.events' },
        { to: '/chat', label: 'nav.chat', badge: badges?.chat },
        { to: '/teams', label: 'nav.teams' },
        ...(user.role === 'admin' || user.role === 'coordinator'
          ? ([
              { to: '/reports', label: 'nav.reports' },
              { to: '/foreign-schools', label: 'nav.foreignSchools' },
            ] satisfies NavItem[])
          : []),
      ]
    : [
        { to: '/events', label: 'nav.events' },
        { to: '/practices', label: 'nav.practices' },
      ]

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      {root?.demo ? (
        <aside className="demo-banner" aria-label={t('demo.banner.label')}>
          <strong>{t('demo.banner.label')}</strong>
          {t('demo.banner.text')}
        </aside>
      ) : null}
      <header className="site-header">
        <div className="header-top">
          <a className="brand" href="/">
            <span className="brand-mark" aria-hidden="true">
              ИБГ
            </span>
            <span className="brand-name">{t('app.name')}</span>
          </a>
          <form className="header-search" method="get" action="/search" role="search" aria-label={t('nav.siteSearch')}>
            <label htmlFor="site-search" className="visually-hidden">
              {t('nav.search')}
            </label>
            <input id="site-search" type="search" name="q" placeholder={t('nav.search')} />
            <button type="submit">{t('common.search')}</button>
          </form>
          <div className="header-actions">
            <PostLinkButton
              fields={{ lang: locale === 'bg' ? 'en' : 'bg', redirectTo: here }}
              action="/set-language"
              reloadDocument
              lang={locale === 'bg' ? 'en' : 'bg'}
              aria-label={t('nav.switchToLabel')}
            >
              {t('nav.switchTo')}
            </PostLinkButton>
            {user ? (
              <>
                {user.role === 'admin' || user.role === 'coordinator' ? (
                  <NavLink to={user.role === 'admin' ? '/admin' : '/admin/approvals'} className="header-link">
                    {t(user.role === 'admin' ? 'nav.admin' : 'nav.approvals')}
                    <Badge count={badges?.approvals} label={t('nav.approvals')} />
                  </NavLink>
                ) : null}
                <NavLink
                  to="/notifications"
                  className="header-link"
                  aria-label={t('notifications.bell', { count: badges?.notifications ?? 0 })}
                >
                  <BellIcon />
                  <Badge count={badges?.notifications} label={t('notifications.unread')} />
                </NavLink>
                <NavLink to="/account" className="header-link">
                  <span className="visually-hidden">{t('nav.userMenu', { name: '' })}</span>
                  {user.name}
                </NavLink>
                <PostLinkButton action="/logout">{t('nav.signOut')}</PostLinkButton>
              </>
            ) : (
              <>
                <NavLink to="/login" className="header-link">
                  {t('nav.signIn')}
                </NavLink>
                <NavLink to="/signup" className="header-link">
                  {t('nav.signUp')}
                </NavLink>
              </>
            )}
          </div>
        </div>
        <nav aria-label={t('nav.main')} className="main-nav">
          <ul>
            {items.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} prefetch="intent">
                  {t(item.label)}
                  <Badge count={item.badge} label={t(item.label)} />
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      {/* Always in the page, so that a message arriving with the client router's answer is announced. */}
      <div id="flash-region" role="status">
        {root?.flash ? (
          <div className={`flash flash-${root.flash.kind}`}>{t(root.flash.key as MessageKey, root.flash.params)}</div>
        ) : null}
      </div>
      {root?.backupWarning ? (
        <div className="flash flash-error" role="status">
          {root.backupWarning.lastOkAt
            ? t('backup.stale.since', { date: dateTime(root.backupWarning.lastOkAt) })
            : t('backup.stale.never')}{' '}
          <Link to="/admin/backups">{t('backup.stale.link')}</Link>
        </div>
      ) : null}
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>{t('footer.project')}</p>
        <p>{t('footer.privacy')}</p>
      </footer>
    </>
  )
}
