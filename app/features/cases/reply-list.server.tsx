import { renderToStaticMarkup } from 'react-dom/server'
import { StaticRouter } from 'react-router-dom/server.js'

import type { Locale } from '../../../db/schema/identity'
import { LocaleProvider } from '../i18n/useT'
import { keptFragment } from '../platform/fragments.server'
import type { CasePage } from './page.server'
import { ReplyItem, type ReplyItemProps } from './ReplyItem'

/**
 * A page of replies as HTML, each reply rendered once for what it shows and how (its data, the page's language, the
 * viewer's buttons) and kept (`keptFragment`): staff opening a busy case all day get its replies from memory, and the
 * page renders only what is theirs. The browser keeps the markup; `useFollowLinks` makes its links client-side
 * navigations, and its buttons submit the page's hidden forms (`ReplyForms`).
 */
export function replyListHtml(
  page: Pick<CasePage, 'replies' | 'thread' | 'page' | 'permissions' | 'firstUnread' | 'practiceCards'>,
  locale: Locale,
): string {
  // Joined once at the end: a string built by `+=` is a rope that React's UTF-8 encoding walks at twice the cost.
  const html: string[] = []
  // A slot per reply, language and set of buttons; the rest of what a reply shows is compared when it is served.
  const slot = `case-reply\u0000${locale}\u0000${JSON.stringify(page.permissions)}\u0000`
  for (const reply of page.replies) {
    const props: ReplyItemProps = {
      reply,
      code: page.thread.code,
      page: page.page,
      accepted: page.thread.acceptedReplyId === reply.id,
      permissions: page.permissions,
      firstUnread: page.firstUnread?.number === reply.number,
      practiceCards: Object.fromEntries(
        (reply.body?.practices ?? []).flatMap((slug) =>
          page.practiceCards[slug] ? [[slug, page.practiceCards[slug]]] : [],
        ),
      ),
    }
    html.push(
      keptFragment(slot + reply.id, props, (input) =>
        renderToStaticMarkup(
          <LocaleProvider value={locale}>
            <StaticRouter location="/">
              <ReplyItem {...input} />
            </StaticRouter>
          </LocaleProvider>,
        ),
      ),
    )
  }
  return html.join('')
}
