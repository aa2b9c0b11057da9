import { renderToStaticMarkup } from 'react-dom/server'

import { richTextBody } from '../../components/RichText'
import type { RichTextDoc } from './document'

/**
 * The version of the renderer behind stored HTML: change it when `richTextBody` renders differently, and stored HTML
 * of an older version is rendered again from its document when next read.
 */
export const RICH_TEXT_HTML_VERSION = 1

/**
 * A whitelisted document (validated when it was written) rendered to HTML by the page's own renderer: texts escaped,
 * links and images only as `isSafeUrl`/`isSafeImageSrc` allow. Mention tokens (`@{id}`) stay tokens: pages put the
 * person's current name in when they show it.
 */
export function richTextHtml(doc: RichTextDoc): string {
  return renderToStaticMarkup(<>{richTextBody(doc)}</>)
}
