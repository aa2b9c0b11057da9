/** Text for an HTML text node or attribute value. */
export const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** What server.ts puts in the load context of every request for pages that carry stored HTML. */
export interface PageHtmlContext {
  /** Whether this request renders a page (not a data request of the client-side router). */
  documentRequest?: boolean
  /** HTML the page renders that its data leaves out, by key (entry.server.tsx hands it to `RichTextHtml`). */
  pageHtml?: Map<string, string>
}

/**
 * Stored HTML for loader data: when the server renders the page, the HTML goes into the page only (the browser keeps
 * it when it hydrates) and the data carries null, so no post's text is sent twice; data requests carry the HTML.
 */
export function pageOnlyHtml(context: unknown, key: string, html: string): string | null {
  const page = context as PageHtmlContext | undefined
  if (!page?.documentRequest || !page.pageHtml) return html
  page.pageHtml.set(key, html)
  return null
}
