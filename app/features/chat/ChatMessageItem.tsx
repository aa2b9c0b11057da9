import { Form, Link } from '@remix-run/react'
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react'

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

/** Where focus goes after the edit form opens or closes, or the message is deleted. */
type FocusTarget = 'textarea' | 'editButton' | 'item'

export function ChatMessageItem({ message, meId, members, canModerate, canWrite, editingByUrl, live, now }: Props) {
  const { t, tk, time, dateTime } = useT()
  // A page opened with ?edit=seq keeps its form open once the live handlers take over (Cancel then closes it).
  const [editing, setEditing] = useState(editingByUrl)
  const [error, setError] = useState<string | null>(null)
  const itemRef = useRef<HTMLLIElement>(null)
  const editButtonRef = useRef<HTMLButtonElement>(null)
  const textareaRef = useRef<HTMLTextAreaElement>(null)
  // Asked for only by the person's own step, so a re-render (a new message, the clock) never moves focus.
  const [focusRequest, requestFocus] = useState<{ target: FocusTarget } | null>(null)
  const own = message.authorId === meId
  const withinWindow = now - Date.parse(message.createdAt) < EDIT_WINDOW_MS
  const mayEdit = own && withinWindow && canWrite && !message.deletedAt
  const mayDelete = !message.deletedAt && ((own && withinWindow) || canModerate)
  const showEditForm = mayEdit && (live ? editing : editingByUrl)
  const sameDay = sameSofiaDay(message.createdAt, now)
  const errorId = `m${message.seq}-error`

  // The element that had focus is gone once the form opens or closes: focus follows the person's step
  // (the text box to edit in, then back to this message's Edit button), never to <body>.
  useEffect(() => {
    const item = itemRef.current
    if (!focusRequest || !item) return
    const box = textareaRef.current
    if (focusRequest.target === 'textarea' && box) {
      box.focus()
      box.setSelectionRange(box.value.length, box.value.length)
      return
    }
    // Without its Edit button (the edit window has just closed) another action of the message, else the log.
    const candidates =
      focusRequest.target === 'editButton'
        ? [editButtonRef.current, item.querySelector<HTMLElement>('.chat-actions button, .chat-actions a')]
        : [item.hasAttribute('tabindex') ? item : null]
    const target = [...candidates, item.closest<HTMLElement>('.chat-log')].find((el) => el != null)
    target?.focus()
  }, [focusRequest])

  function startEditing() {
    setEditing(true)
    requestFocus({ target: 'textarea' })
  }

  function stopEditing() {
    setEditing(false)
    setError(null)
    requestFocus({ target: 'editButton' })
  }

  async function submitEdit(event: FormEvent<HTMLFormElement>) {
    if (!live) return
    event.preventDefault()
    const body = String(new FormData(event.currentTarget).get('body') ?? '')
    const result = await live.edit(message.seq, body)
    if (result.ok) stopEditing()
    else setError(tk(result.error))
  }

  function onEditKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Escape' && live && !event.nativeEvent.isComposing) {
      event.preventDefault()
      stopEditing()
    }
  }

  async function submitDelete(event: FormEvent<HTMLFormElement>) {
    if (!live) return
    event.preventDefault()
    if (!window.confirm(t('chat.message.confirmDelete'))) return
    const result = await live.remove(message.seq)
    if (result.ok) requestFocus({ target: 'item' })
    setError(result.ok ? null : tk(result.error))
  }

  return (
    <li
      ref={itemRef}
      id={`m${message.seq}`}
      // A deleted message takes focus from its Delete button, which is gone, and reads "This message was deleted".
      tabIndex={message.deletedAt ? -1 : undefined}
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
            ref={textareaRef}
            id={`edit-${message.seq}`}
            name="body"
            rows={2}
            maxLength={MESSAGE_MAX_LENGTH}
            defaultValue={message.body}
            // Without JavaScript the form opens on a page of its own (?edit=seq): the browser focuses the box.
            autoFocus={editingByUrl}
            onKeyDown={onEditKeyDown}
            aria-describedby={error ? errorId : undefined}
          />
          <div className="row">
            <button type="submit" className="button">
              {t('common.save')}
            </button>
            {live ? (
              <button type="button" className="button button-secondary" onClick={stopEditing}>
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
                ref={editButtonRef}
                type="button"
                className="link-button"
                onClick={startEditing}
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
