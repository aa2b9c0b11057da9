import { createContext, useContext, type HTMLAttributes, type ReactNode } from 'react'

import {
  isSafeImageSrc,
  isSafeUrl,
  TEXT_FORMAT,
  type RichTextDoc,
  type RichTextNode,
} from '../features/richtext/document'

function renderText(node: RichTextNode, key: number): ReactNode {
  let out: ReactNode = node.text ?? ''
  const format = typeof node.format === 'number' ? node.format : 0
  if (format & TEXT_FORMAT.code) out = <code>{out}</code>
  if (format & TEXT_FORMAT.bold) out = <strong>{out}</strong>
  if (format & TEXT_FORMAT.italic) out = <em>{out}</em>
  if (format & TEXT_FORMAT.underline) out = <u>{out}</u>
  if (format & TEXT_FORMAT.strikethrough) out = <s>{out}</s>
  return <span key={key}>{out}</span>
}

function renderChildren(node: RichTextNode): ReactNode[] {
  return (node.children ?? []).map(renderNode)
}

/** Whitelisted node types only; anything else renders as its children (or nothing). */
function renderNode(node: RichTextNode, key: number): ReactNode {
  switch (node.type) {
    case 'text':
      return renderText(node, key)
    case 'linebreak':
      return <br key={key} />
    case 'tab':
      return <span key={key}>{'\t'}</span>
    case 'paragraph':
      return <p key={key}>{renderChildren(node)}</p>
    case 'heading': {
      const Tag = node.tag === 'h2' || node.tag === 'h4' ? node.tag : 'h3'
      return <Tag key={key}>{renderChildren(node)}</Tag>
    }
    case 'quote':
      return <blockquote key={key}>{renderChildren(node)}</blockquote>
    case 'list':
      return node.listType === 'number' ? (
        <ol key={key}>{renderChildren(node)}</ol>
      ) : (
        <ul key={key}>{renderChildren(node)}</ul>
      )
    case 'listitem':
      return <li key={key}>{renderChildren(node)}</li>
    case 'link':
    case 'autolink':
      return isSafeUrl(node.url) ? (
        <a key={key} href={node.url} rel="noopener noreferrer nofollow">
          {renderChildren(node)}
        </a>
      ) : (
        <span key={key}>{renderChildren(node)}</span>
      )
    case 'image':
      return isSafeImageSrc(node.src) ? (
        <img key={key} src={node.src} alt={typeof node.altText === 'string' ? node.altText : ''} loading="lazy" />
      ) : null
    default:
      return <span key={key}>{renderChildren(node)}</span>
  }
}

/** The content of a rich-text document (the one renderer: `RichTextView` and the stored HTML both use it). */
export function richTextBody(doc: RichTextDoc): ReactNode[] {
  return doc.root.children.map(renderNode)
}

/** Renders a stored rich-text document on the server and in the browser — never user HTML. */
export function RichTextView({ doc, className }: { doc: RichTextDoc | null | undefined; className?: string }) {
  if (!doc) return null
  return <div className={className ?? 'rich-text'}>{richTextBody(doc)}</div>
}

/**
 * Markup the server puts in the page but leaves out of the page's data, which would carry each post's text a second
 * time (app/features/platform/page-html.server.ts); keyed by post.
 */
const PageHtmlContext = createContext<ReadonlyMap<string, string> | null>(null)
export const PageHtmlProvider = PageHtmlContext.Provider

/**
 * Markup the server rendered (a post's stored HTML, a case page's kept replies) in an element of this page. `html` is
 * null on the page the server sent: the markup is already there, and hydration keeps it (data loaded later, after a
 * post or a navigation, carries the HTML).
 */
export function PageHtml({
  as: Tag = 'div',
  html,
  pageKey,
  ...props
}: {
  as?: 'div' | 'ol'
  html: string | null
  pageKey: string
} & Omit<HTMLAttributes<HTMLElement>, 'dangerouslySetInnerHTML' | 'children'>) {
  const fromPage = useContext(PageHtmlContext)
  return (
    <Tag
      {...props}
      dangerouslySetInnerHTML={{ __html: html ?? fromPage?.get(pageKey) ?? '' }}
      suppressHydrationWarning
    />
  )
}

/**
 * Stored HTML of a rich-text document (rendered from the whitelisted document by `richTextBody`, when it was written:
 * app/features/richtext/html.server.tsx).
 */
export function RichTextHtml({
  html,
  pageKey,
  className,
}: {
  html: string | null
  pageKey: string
  className?: string
}) {
  return <PageHtml html={html} pageKey={pageKey} className={className ?? 'rich-text'} />
}
