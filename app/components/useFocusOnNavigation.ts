import { useLocation } from '@remix-run/react'
import { useEffect, useRef } from 'react'

/** Where a screen reader should start on a page the client router has just shown. */
function startOfPage(): HTMLElement | null {
  return (
    document.querySelector<HTMLElement>('.flash') ??
    document.querySelector<HTMLElement>('main h1') ??
    document.getElementById('main')
  )
}

/**
 * After the client router shows another page — or a form's answer left the focus nowhere (the focused button was
 * part of what changed) — the focus goes where a full page load would start a screen reader: the flash message when
 * there is one, else the page's heading. The same page with other filters or an anchor keeps the focus where it is;
 * a refused form's summary takes the focus itself (ErrorSummary).
 */
export function useFocusOnNavigation() {
  const location = useLocation()
  const shown = useRef<{ key: string; pathname: string } | null>(null)
  useEffect(() => {
    const before = shown.current
    shown.current = { key: location.key, pathname: location.pathname }
    if (!before || before.key === location.key) return
    const active = document.activeElement
    const lost = !active || active === document.body
    if (before.pathname === location.pathname && !lost) return
    if (document.querySelector('.error-summary')) return
    const target = startOfPage()
    if (!target) return
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1')
    target.focus({ preventScroll: true })
  }, [location.key, location.pathname])
}
