import { and, eq, ne } from 'drizzle-orm'

import type { DbOrTx } from '../../../db/client.server'
import { caseReplies, caseThreads } from '../../../db/schema'
import { linkedPracticeSlugs } from '../practices/links'
import type { RichTextDoc } from '../richtext/document'
import { RICH_TEXT_HTML_VERSION, richTextHtml } from '../richtext/html.server'

/** A post as pages show it, rendered when it is written: its HTML and the practices it links to (cards under it). */
export interface RenderedPost {
  html: string
  practices: string[]
}

export function renderPost(doc: RichTextDoc): RenderedPost {
  return { html: richTextHtml(doc), practices: linkedPracticeSlugs(doc) }
}

/** The stored columns of a case description written with this document. */
export function descriptionColumns(doc: RichTextDoc) {
  const { html, practices } = renderPost(doc)
  return { descriptionHtml: html, descriptionPractices: practices, htmlVersion: RICH_TEXT_HTML_VERSION }
}

/** The stored columns of a reply written with this document. */
export function replyColumns(doc: RichTextDoc) {
  const { html, practices } = renderPost(doc)
  return { bodyHtml: html, bodyPractices: practices, htmlVersion: RICH_TEXT_HTML_VERSION }
}

/** Whether stored HTML is from the current renderer (else the document is read and rendered again). */
export const isCurrentHtml = (version: number) => version === RICH_TEXT_HTML_VERSION

/**
 * A post whose stored HTML is missing or from an older renderer: rendered now and stored, so it is rendered once per
 * renderer version. The write is skipped when the row already has current HTML: an edit made since this read wrote
 * its own, which must not be replaced by the HTML of the older text.
 */
export async function refreshPostHtml(
  runner: DbOrTx,
  post: { kind: 'description' | 'reply'; id: string; doc: RichTextDoc },
): Promise<RenderedPost> {
  const rendered = renderPost(post.doc)
  if (post.kind === 'description')
    await runner
      .update(caseThreads)
      .set(descriptionColumns(post.doc))
      .where(and(eq(caseThreads.id, post.id), ne(caseThreads.htmlVersion, RICH_TEXT_HTML_VERSION)))
  else
    await runner
      .update(caseReplies)
      .set(replyColumns(post.doc))
      .where(and(eq(caseReplies.id, post.id), ne(caseReplies.htmlVersion, RICH_TEXT_HTML_VERSION)))
  return rendered
}
