import { Link } from '@remix-run/react'
import { useEffect, useLayoutEffect, useRef, useState } from 'react'

import type { FormState } from '../../components/forms'
import { useT } from '../i18n/useT'
import { ChatAnnouncer } from './ChatAnnouncer'
import { ChatComposer } from './ChatComposer'
import { ChatMessageItem } from './ChatMessageItem'
import type { ChatMessageView } from './types'
import { useChatRoom } from './useChatRoom'

export interface ChatRoomProps {
  roomId: string
  meId: string
  messages: ChatMessageView[]
  more: boolean
  /** The page shows older history (?before=…): static, no live updates. */
  olderPage: boolean
  members: { userId: string; name: string }[]
  canModerate: boolean
  canWrite: boolean
  editSeq: number | null
  clientId: string
  state: FormState | null | undefined
}

const useIsomorphicLayoutEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect

function useHydrated() {
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  return hydrated
}

/** The conversation: history, live messages, pending sends, typing, and the composer. */
export function ChatRoom(props: ChatRoomProps) {
  const { t, tk, tp } = useT()
  const hydrated = useHydrated()
  const room = useChatRoom({
    enabled: !props.olderPage,
    roomId: props.roomId,
    meId: props.meId,
    initial: { messages: props.messages, more: props.more },
  })
  const live = hydrated && !props.olderPage
  const messages = live ? room.messages : props.messages
  const more = live ? room.more : props.more
  const logRef = useRef<HTMLDivElement>(null)
  const stickToBottom = useRef(true)
  const [now, setNow] = useState(() => Date.now())

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000)
    return () => clearInterval(timer)
  }, [])

  // Follow new messages only when the reader is already at the bottom (never yank them while reading history).
  useIsomorphicLayoutEffect(() => {
    const log = logRef.current
    if (log && stickToBottom.current) log.scrollTop = log.scrollHeight
  }, [messages.length, room.pending.length])

  const loadingOlder = useRef(false)
  async function loadOlder() {
    if (loadingOlder.current) return
    loadingOlder.current = true
    const log = logRef.current
    const before = log ? log.scrollHeight - log.scrollTop : 0
    try {
      if (await room.loadOlder()) requestAnimationFrame(() => log && (log.scrollTop = log.scrollHeight - before))
    } finally {
      loadingOlder.current = false
    }
  }

  const first = messages[0]
  const typingNames = room.typing.map((x) => x.name)
  // The broadcast of an own message can arrive before its acknowledgement: it is listed once, as stored.
  const stored = new Set(messages.map((m) => m.clientId))
  const pending = live ? room.pending.filter((p) => !stored.has(p.clientId)) : []

  return (
    <section className="chat-conversation" aria-labelledby="chat-log-title">
      <div className="row chat-toolbar">
        <h2 id="chat-log-title">{t('chat.room.conversation')}</h2>
        {live ? (
          <p role="status" className={`chat-connection chat-connection-${room.connection}`}>
            {t(`chat.connection.${room.connection}`)}
          </p>
        ) : null}
      </div>
      {more && first ? (
        live ? (
          <button type="button" className="button button-secondary chat-older" onClick={() => void loadOlder()}>
            {t('chat.room.older')}
          </button>
        ) : (
          <Link className="chat-older" to={`?before=${first.seq}`}>
            {t('chat.room.older')}
          </Link>
        )
      ) : null}
      {props.olderPage ? (
        <p>
          <Link to=".">{t('chat.room.latest')}</Link>
        </p>
      ) : null}
      {/* New messages are read by the ChatAnnouncer below, so this log itself is not announced. */}
      <div
        ref={logRef}
        className="chat-log"
        role="log"
        aria-live="off"
        aria-labelledby="chat-log-title"
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget
          stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40
          // Scrolling up to the top loads the page before it; the button does the same by keyboard.
          if (live && more && el.scrollTop < 80) void loadOlder()
        }}
      >
        <ol className="chat-messages">
          {messages.length === 0 ? <li className="muted chat-empty">{t('chat.room.empty')}</li> : null}
          {messages.map((m) => (
            <ChatMessageItem
              key={m.seq}
              message={m}
              meId={props.meId}
              members={props.members}
              canModerate={props.canModerate}
              canWrite={props.canWrite}
              editingByUrl={props.editSeq === m.seq}
              live={live ? { edit: room.edit, remove: room.remove } : null}
              now={now}
            />
          ))}
          {pending.map((p) => (
            <li key={p.clientId} className={`chat-message chat-message-own chat-pending chat-pending-${p.state}`}>
              <div className="chat-meta">
                <strong>{t('chat.message.you')}</strong> <span className="muted">{t(`chat.pending.${p.state}`)}</span>
              </div>
              <p className="chat-body">{p.body}</p>
              {p.state === 'failed' ? (
                <div className="row">
                  <span className="field-error">{p.error ? tk(p.error) : null}</span>
                  <button type="button" className="link-button" onClick={() => room.retry(p.clientId)}>
                    {t('chat.pending.retry')}
                  </button>
                  <button type="button" className="link-button" onClick={() => room.discard(p.clientId)}>
                    {t('chat.pending.discard')}
                  </button>
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      </div>
      <ChatAnnouncer messages={messages} meId={props.meId} live={live} />
      <p className="chat-typing muted" aria-live="polite">
        {typingNames.length ? tp('chat.typing', typingNames.length, { names: typingNames.join(', ') }) : '\u00a0'}
      </p>
      {props.canWrite ? (
        <ChatComposer
          state={props.state}
          clientId={props.clientId}
          members={props.members}
          live={live ? { send: room.send, discard: room.discard, notifyTyping: room.notifyTyping } : null}
        />
      ) : (
        <p className="panel">{t('chat.room.closedNotice')}</p>
      )}
      {live ? <PresenceList names={room.presence.map((p) => p.name)} /> : null}
    </section>
  )
}

function PresenceList({ names }: { names: string[] }) {
  const { t } = useT()
  return (
    <section className="chat-presence" aria-labelledby="chat-presence-title">
      <h3 id="chat-presence-title">{t('chat.presence.title')}</h3>
      {names.length ? (
        <ul className="row chat-presence-list">
          {names.map((name) => (
            <li key={name}>
              <span className="chat-online-dot" aria-hidden="true" /> {name}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('chat.presence.none')}</p>
      )}
    </section>
  )
}
