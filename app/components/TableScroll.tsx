import type { ReactNode } from 'react'

/**
 * The box a table scrolls sideways in on a narrow screen. It takes keyboard focus, so a keyboard user can scroll it
 * with the arrow keys (WCAG 2.1.1; axe `scrollable-region-focusable`), and is a named group — not a region landmark,
 * since the section around it often has the same name. `label` is what a screen reader announces on reaching it:
 * the table's caption or the heading above it.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="group" aria-label={label} tabIndex={0}>
      {children}
    </div>
  )
}
