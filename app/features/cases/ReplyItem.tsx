import { Form, Link } from '@remix-run/react'
import { RichTextView } from '../../components/RichText'
import { useT } from '../i18n/useT'
import type { CasePage } from './page.server'
import { caseUrl } from './codes'

type Reply = CasePage['replies'][number]

interface ReplyItemProps {
  reply: Reply
  code: string
  page: number
  accepted: boolean
  permissions: CasePage['permissions']
  firstUnread: boolean
}

export function ReplyItem({ reply, code, page, accepted, permissions, firstUnread }: ReplyItemProps) {
  const { t, dateTime, tk } = useT()
  const anchor = `reply-${reply.number}`
  return (
    <li id={anchor} className={`reply${reply.hiddenAt ? ' reply-hidden' : ''}${accepted ? ' reply-accepted' : ''}`} aria-labelledby={`${anchor}-head`}>
      {firstUnread ? (
        <p className="unread-divider" id="first-unread">
          {t('cases.replies.firstUnread')}
        </p>
      ) : null}
      <header className="reply-head" id={`${anchor}-head`}>
        <a href={`#${anchor}`} className="reply-number">
          {t('cases.replies.number', { number: reply.number })}
        </a>{' '}
        <strong>{reply.authorName}</strong> <span className="muted">· {reply.institutionName} · {tk(`role.${reply.authorRole}`)} · </span>
        <time dateTime={new Date(reply.createdAt).toISOString()} className="muted">
          {dateTime(reply.createdAt)}
        </time>
        {reply.editedAt ? <span className="muted"> · {t('cases.meta.edited')}</span> : null}
        {accepted ? <span className="status status-ok"> ✓ {t('cases.solution.badge')}</span> : null}
      </header>
      {reply.hiddenAt && !reply.bodyDoc ? (
        <p className="muted">{t('cases.hidden.post')}</p>
      ) : (
        <>
          {reply.hiddenAt ? <p className="status status-bad">{t('cases.hidden.visibleToYou')}</p> : null}
          {reply.quotedNumber ? (
            <blockquote className="reply-quote">
              <p className="muted">{t('cases.replies.quoted', { name: reply.quotedAuthorName ?? '', number: reply.quotedNumber })}</p>
              <p>{reply.quotedExcerpt ?? t('cases.hidden.post')}</p>
            </blockquote>
          ) : null}
          <RichTextView doc={reply.bodyDoc} />
        </>
      )}
      <div className="row reply-actions">
        {permissions.reply && !reply.hiddenAt ? (
          <Link to={`${caseUrl(code, { page })}${page > 1 ? '&' : '?'}quote=${reply.number}#reply-form`} preventScrollReset>
            {t('cases.replies.quote')}
            <span className="visually-hidden"> {t('cases.replies.number', { number: reply.number })}</span>
          </Link>
        ) : null}
        {reply.canEdit ? (
          <Link to={`/cases/${encodeURIComponent(code)}/replies/${reply.id}/edit`}>
            {t('cases.replies.edit')}
            <span className="visually-hidden"> {t('cases.replies.number', { number: reply.number })}</span>
          </Link>
        ) : null}
        {permissions.flag ? (
          <Link to={`/cases/${encodeURIComponent(code)}/flag?reply=${reply.id}`}>
            {t('cases.replies.flag')}
            <span className="visually-hidden"> {t('cases.replies.number', { number: reply.number })}</span>
          </Link>
        ) : null}
        {permissions.accept && !reply.hiddenAt ? (
          <Form method="post" className="inline-form">
            <input type="hidden" name="replyId" value={reply.id} />
            <button type="submit" name="intent" value={accepted ? 'unaccept' : 'accept'} className="link-button">
              {t(accepted ? 'cases.solution.unmark' : 'cases.solution.mark')}
              <span className="visually-hidden"> {t('cases.replies.number', { number: reply.number })}</span>
            </button>
          </Form>
        ) : null}
        {permissions.moderate ? (
          <Form method="post" className="inline-form">
            <input type="hidden" name="replyId" value={reply.id} />
            <button type="submit" name="intent" value={reply.hiddenAt ? 'unhide' : 'hide'} className="link-button">
              {t(reply.hiddenAt ? 'cases.moderation.unhide' : 'cases.moderation.hide')}
              <span className="visually-hidden"> {t('cases.replies.number', { number: reply.number })}</span>
            </button>
          </Form>
        ) : null}
      </div>
    </li>
  )
}
