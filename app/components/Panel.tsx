import type { ReactNode } from 'react'

/** A block of a page in the panel style, named by its heading (the section is `aria-labelledby` it). */
export function Panel({
  headingId,
  title,
  className,
  children,
}: {
  headingId: string
  title: string
  className?: string
  children: ReactNode
}) {
  return (
    <section className={className ? `panel ${className}` : 'panel'} aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  )
}
