import type { ReactNode } from 'react'

/** A symbol before its words (plain-language pages): the words carry the meaning, screen readers skip the symbol. */
export function IconText({ icon, children }: { icon: string; children: ReactNode }) {
  return (
    <>
      <span className="icon" aria-hidden="true">
        {icon}
      </span>{' '}
      {children}
    </>
  )
}
