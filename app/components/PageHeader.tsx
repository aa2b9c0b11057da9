import { Link } from '@remix-run/react'
import { Fragment, type ReactNode } from 'react'

/** A link a page offers its reader: a button (`secondary`: the quieter one) or, with `look: 'link'`, a plain link. */
export interface PageLink {
  to: string
  label: string
  look?: 'secondary' | 'link'
}

const LOOK_CLASS = { primary: 'button', secondary: 'button button-secondary', link: undefined } as const

/** A page's links, side by side; those the reader may not use are given as `false` and left out. */
export function PageLinks({ links }: { links: readonly (PageLink | false)[] }) {
  return (
    <>
      {links.map((link) =>
        link ? (
          <Link key={link.to} to={link.to} className={LOOK_CLASS[link.look ?? 'primary']}>
            {link.label}
          </Link>
        ) : null,
      )}
    </>
  )
}

/** The way back to the list a page belongs to: "← list". */
export function BackLink({ to, label }: { to: string; label: string }) {
  return (
    <p>
      <Link to={to}>← {label}</Link>
    </p>
  )
}

/**
 * The top of a page, the same on every page: the way up (`back`: "← list", or `crumbs`: "list / item"), the one
 * `<h1>` with the page's own links beside it, and the lead paragraph.
 */
export function PageHeader({
  title,
  back,
  crumbs,
  links,
  lead,
}: {
  title: ReactNode
  back?: { to: string; label: string }
  crumbs?: readonly { to: string; label: string }[]
  links?: readonly (PageLink | false)[]
  lead?: ReactNode
}) {
  return (
    <>
      {back ? <BackLink {...back} /> : null}
      {crumbs ? (
        <p className="breadcrumbs">
          {crumbs.map((crumb, i) => (
            <Fragment key={crumb.to}>
              {i > 0 ? ' / ' : null}
              <Link to={crumb.to}>{crumb.label}</Link>
            </Fragment>
          ))}
        </p>
      ) : null}
      {links ? (
        <div className="row page-head">
          <h1>{title}</h1>
          <PageLinks links={links} />
        </div>
      ) : (
        <h1>{title}</h1>
      )}
      {lead ? <p className="lead">{lead}</p> : null}
    </>
  )
}
