import { Form, Link } from '@remix-run/react'

import { RichTextHtml } from '../../components/RichText'
import { useT } from '../i18n/useT'
import { positionText } from '../identity/position'
import { PracticeLinkCards } from '../practices/PracticeLinkCards'
import { caseUrl } from './codes'
import type { CasePage } from './page.server'

type Reply = CasePage['replies'][number]
/** A post's HTML (null on the page the server sent: the markup is there already) and its linked practices. */
interface PostBodyData {
  html: string | null
  practices: readonly string[]
}

/** A post's text (stored HTML) and the cards of the practices it links to. */
export function PostBody({
  body,
  pageKey,
  cards,
}: {
  body: PostBodyData
  pageKey: string
  cards: CasePage['practiceCards']
}) {
  return (
    <>
      <RichTextHtml html={body.html} pageKey={pageKey} />
      <PracticeLinkCards slugs={body.practices} cards={cards} />
    </>
  )
}

/** Forms shared by every reply's buttons (form="…"), so a 100-reply page does not carry 100 forms. */
export const REPLY_FORMS = {
  accept: 'reply-accept-form',
  unaccept: 'reply-unaccept-form',
  hide: 'reply-hide-form',
  unhide: 'reply-unhide-form',
} as const

export interface ReplyItemProps {
  reply: Reply
  code: string
  page: number
  accepted: boolean
  permissions: CasePage['permissions']
  firstUnread: boolean
  practiceCards: CasePage['practiceCards']
}

/**
 * One reply, as the case page shows it. The server renders it to HTML and keeps it (`replyListHtml`), so it holds no
 * state and no handlers: its links are followed by the list's `useFollowLinks`, its buttons submit `ReplyForms`.
 */
export function ReplyItem({ reply, code, page, accepted, permissions, firstUnread, practiceCards }: ReplyItemProps) {
  const { t, tk, dateTime } = useT()
  const position = { positionKind: reply.authorPositionKind, position: reply.authorPosition }
  const byline = positionText(tk, position) || tk(`role.${reply.authorRole}`)
  const anchor = `reply-${reply.number}`
  const number = t('cases.replies.number', { number: reply.number })
  const base = `/cases/${encodeURIComponent(code)}`
  return (
    <li
      id={anchor}
      className={`reply${reply.hiddenAt ? ' reply-hidden' : ''}${accepted ? ' reply-accepted' : ''}`}
      aria-labelledby={`${anchor}-head`}
    >
      {firstUnread ? (
        <p className="unread-divider" id="first-unread">
          {t('cases.replies.firstUnread')}
        </p>
      ) : null}
      <header className="reply-head" id={`${anchor}-head`}>
        <a href={`#${anchor}`} className="reply-number">
          {number}
        </a>{' '}
        <strong>{reply.authorName}</strong>
        <span className="muted">{` · ${byline} · ${reply.institutionName} · `}</span>
        <time dateTime={new Date(reply.createdAt).toISOString()} className="muted">
          {dateTime(reply.createdAt)}
        </time>
        {reply.editedAt ? <span className="muted">{` · ${t('cases.meta.edited')}`}</span> : null}
        {accepted ? <span className="status status-ok">{` ✓ ${t('cases.solution.badge')}`}</span> : null}
      </header>
      {!reply.body ? (
        <p className="muted">{t('cases.hidden.post')}</p>
      ) : (
        <>
          {reply.hiddenAt ? <p className="status status-bad">{t('cases.hidden.visibleToYou')}</p> : null}
          {reply.quotedNumber ? (
            <blockquote className="reply-quote">
              <p className="muted">
                {t('cases.replies.quoted', { name: reply.quotedAuthorName ?? '', number: reply.quotedNumber })}
              </p>
              <p>{reply.quotedExcerpt ?? t('cases.hidden.post')}</p>
            </blockquote>
          ) : null}
          <PostBody body={reply.body} pageKey={anchor} cards={practiceCards} />
        </>
      )}
      <div className="row reply-actions">
        {permissions.reply && !reply.hiddenAt ? (
          <Link
            to={`${caseUrl(code, { page })}${page > 1 ? '&' : '?'}quote=${reply.number}#reply-form`}
            preventScrollReset
            data-keep-scroll
            aria-label={`${t('cases.replies.quote')} ${number}`}
          >
            {t('cases.replies.quote')}
          </Link>
        ) : null}
        {reply.canEdit ? (
          <Link to={`${base}/replies/${reply.id}/edit`} aria-label={`${t('cases.replies.edit')} ${number}`}>
            {t('cases.replies.edit')}
          </Link>
        ) : null}
        {permissions.flag ? (
          <Link to={`${base}/flag?reply=${reply.id}`} aria-label={`${t('cases.replies.flag')} ${number}`}>
            {t('cases.replies.flag')}
          </Link>
        ) : null}
        {permissions.accept && !reply.hiddenAt ? (
          <button
            type="submit"
            form={accepted ? REPLY_FORMS.unaccept : REPLY_FORMS.accept}
            name="replyId"
            value={reply.id}
            className="link-button"
            aria-label={`${t(accepted ? 'cases.solution.unmark' : 'cases.solution.mark')} ${number}`}
          >
            {t(accepted ? 'cases.solution.unmark' : 'cases.solution.mark')}
          </button>
        ) : null}
        {permissions.moderate ? (
          <button
            type="submit"
            form={reply.hiddenAt ? REPLY_FORMS.unhide : REPLY_FORMS.hide}
            name="replyId"
            value={reply.id}
            className="link-button"
            aria-label={`${t(reply.hiddenAt ? 'cases.moderation.unhide' : 'cases.moderation.hide')} ${number}`}
          >
            {t(reply.hiddenAt ? 'cases.moderation.unhide' : 'cases.moderation.hide')}
          </button>
        ) : null}
      </div>
    </li>
  )
}

/** The hidden forms the reply buttons submit (one per action, carrying its intent). */
export function ReplyForms({ permissions }: { permissions: CasePage['permissions'] }) {
  const forms: [string, string][] = []
  if (permissions.accept) forms.push([REPLY_FORMS.accept, 'accept'], [REPLY_FORMS.unaccept, 'unaccept'])
  if (permissions.moderate) forms.push([REPLY_FORMS.hide, 'hide'], [REPLY_FORMS.unhide, 'unhide'])
  return (
    <>
      {forms.map(([id, intent]) => (
        <Form key={id} id={id} method="post" hidden>
          <input type="hidden" name="intent" value={intent} />
        </Form>
      ))}
    </>
  )
}
