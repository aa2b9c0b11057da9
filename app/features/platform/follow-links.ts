import { useNavigate } from '@remix-run/react'
import { useCallback, type MouseEvent } from 'react'

/** An address of a file (a calendar entry, a spreadsheet, a certificate), which a resource route answers. */
const FILE = /\.[a-z0-9]{1,5}$/i

/**
 * A click handler for a part of the page whose markup the server rendered outside React (kept fragments): a plain
 * click on a link to this site is followed as `<Link>` follows it — a client-side navigation, keeping the scroll
 * where the link says `data-keep-scroll` — and anything else (a new tab, a download, another site, an anchor on this
 * page, a file) is left to the browser, as is every link without JavaScript.
 */
export function useFollowLinks() {
  const navigate = useNavigate()
  return useCallback(
    (event: MouseEvent<HTMLElement>) => {
      if (event.defaultPrevented || event.button !== 0) return
      if (event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return
      const link = (event.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null
      if (!link || !event.currentTarget.contains(link)) return
      if ((link.target && link.target !== '_self') || link.hasAttribute('download')) return
      const url = new URL(link.href)
      if (url.origin !== window.location.origin || FILE.test(url.pathname)) return
      const here = window.location
      if (url.hash && url.pathname === here.pathname && url.search === here.search) return
      event.preventDefault()
      navigate(url.pathname + url.search + url.hash, { preventScrollReset: link.hasAttribute('data-keep-scroll') })
    },
    [navigate],
  )
}
