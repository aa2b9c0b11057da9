import { Form, Link } from '@remix-run/react'
import { useState, type FormEvent, type ReactNode } from 'react'

import { PostLinkButton } from '../../components/forms'
import { useT } from '../i18n/useT'
import { sameSofiaDay } from '../platform/sofia-time'
import { mentionSpans } from './privacy'
import { EDIT_WINDOW_MS, MESSAGE_MAX_LENGTH, type Ack, type ChatMessageView } from './types'

type ChangeResult = Ack<{ message: ChatMessageView }>

interface Props {
  message: ChatMessageView
  meId: string
  members: { userId: string; name: string }[]
  canModerate: boolean
  canWrite: boolean
  /** The no-JS edit form is open for this message (?edit=seq). */
  editingByUrl: boolean
  live: {
    edit: (seq: number, body: string) => Promise<ChangeResult>
    remove: (seq: number) => Promise<ChangeResult>
  } | null
  now: number
}

/** The body with @mentions of members emphasised; text only, never HTML. */
function MessageBody({ body, members }: { body: string; members: Props['members'] }) {
  const parts: ReactNode[] = []
  let at = 0
  for (const span of mentionSpans(body, members)) {
    parts.push(
      body.slice(at, span.start),
      <strong key={span.start} className="chat-mention">
        {body.slice(span.start, span.end)}
      </strong>,
    )
    at = span.end
  }
  parts.push(body.slice(at))
  return <p className="chat-body">{parts}</p>
}

export function ChatMessageItem({ message, meId, members, canModerate, canWrite, editingByUrl, live, now }: Props) {
  const { t, tk, time, dateTime } = useT()
  const [editing, setEditing] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const own = message.authorId === meId
  const withinWindow = now - Date.parse(message.createdAt) < EDIT_WINDOW_MS
  const mayEdit = own && withinWindow && canWrite && !message.deletedAt
  const mayDelete = !message.deletedAt && ((own && withinWindow) || canModerate)
  const showEditForm = mayEdit && (editing || editingByUrl)
  const sameDay = sameSofiaDay(message.createdAt, now)
  const errorId = `m${message.seq}-error`

  async function submitEdit(event: FormEvent<HTMLFormElement>) {
    if (!live) return
    event.preventDefault()
    const body = String(new FormData(event.currentTarget).get('body') ?? '')
    const result = await live.edit(message.seq, body)
    if (result.ok) {
      setEditing(false)
      setError(null)
    } else setError(tk(result.error))
  }

  async function submitDelete(event: FormEvent<HTMLFormElement>) {
    if (!live) return
    event.preventDefault()
    if (!window.confirm(t('chat.message.confirmDelete'))) return
    const result = await live.remove(message.seq)
    setError(result.ok ? null : tk(result.error))
  }

  return (
    <li
      id={`m${message.seq}`}
      className={`chat-message${own ? ' chat-message-own' : ''}${message.deletedAt ? ' chat-message-deleted' : ''}`}
    >
      <div className="chat-meta">
        <strong>{message.authorName || t('chat.message.formerMember')}</strong>{' '}
        <time dateTime={message.createdAt} title={dateTime(message.createdAt)}>
          {sameDay ? time(message.createdAt) : dateTime(message.createdAt)}
        </time>
        {message.editedAt && !message.deletedAt ? <span className="muted"> · {t('chat.message.edited')}</span> : null}
        {canModerate && (message.editedAt || message.deletedAt) ? (
          <>
            {' '}
            · <Link to={`?revisions=${message.seq}#revisions`}>{t('chat.message.revisions')}</Link>
          </>
        ) : null}
      </div>
      {message.deletedAt ? (
        <p className="chat-body muted">{t('chat.message.deleted')}</p>
      ) : showEditForm ? (
        <Form
          method="post"
          className="chat-edit"
          onSubmit={submitEdit}
          aria-label={t('chat.message.editLabel', { seq: message.seq })}
        >
          <input type="hidden" name="intent" value="edit" />
          <input type="hidden" name="seq" value={message.seq} />
          <label htmlFor={`edit-${message.seq}`} className="visually-hidden">
            {t('chat.composer.label')}
          </label>
          <textarea
            id={`edit-${message.seq}`}
            name="body"
            rows={2}
            maxLength={MESSAGE_MAX_LENGTH}
            defaultValue={message.body}
            aria-describedby={error ? errorId : undefined}
          />
          <div className="row">
            <button type="submit" className="button">
              {t('common.save')}
            </button>
            {live ? (
              <button type="button" className="button button-secondary" onClick={() => setEditing(false)}>
                {t('common.cancel')}
              </button>
            ) : (
              <Link to={`.#m${message.seq}`} className="button button-secondary">
                {t('common.cancel')}
              </Link>
            )}
          </div>
        </Form>
      ) : (
        <MessageBody body={message.body} members={members} />
      )}
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {(mayEdit && !showEditForm) || mayDelete ? (
        <div className="chat-actions row">
          {mayEdit && !showEditForm ? (
            live ? (
              <button
                type="button"
                className="link-button"
                onClick={() => setEditing(true)}
                aria-label={t('chat.message.editLabel', { seq: message.seq })}
              >
                {t('common.edit')}
              </button>
            ) : (
              <Link
                to={`?edit=${message.seq}#m${message.seq}`}
                aria-label={t('chat.message.editLabel', { seq: message.seq })}
              >
                {t('common.edit')}
              </Link>
            )
          ) : null}
          {mayDelete ? (
            <PostLinkButton
              fields={{ intent: 'delete', seq: message.seq }}
              onSubmit={submitDelete}
              aria-label={t('chat.message.deleteLabel', { seq: message.seq })}
            >
              {t('common.delete')}
            </PostLinkButton>
          ) : null}
        </div>
      ) : null}
    </li>
  )
}
