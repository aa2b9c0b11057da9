import { useEffect, useState, type ReactNode } from 'react'

/**
 * "Print": without JavaScript a link to the page's print layout (`href`), whose hint says how to print; once the
 * page is interactive, a button that opens the print dialog. The first render is the link on both sides.
 */
export function PrintButton({ href, label }: { href: string; label: ReactNode }) {
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  return hydrated ? (
    <button type="button" className="button button-secondary" onClick={() => window.print()}>
      {label}
    </button>
  ) : (
    <a className="button button-secondary" href={href}>
      {label}
    </a>
  )
}
