import { useEffect, useRef, useState } from 'react'

import { useT } from '../i18n/useT'
import type { ChatMessageView } from './types'

/** More new messages than this at once (a catch-up after the connection came back) are announced by number. */
const ONE_BY_ONE_MAX = 3
/** Announcements kept in the region; the older ones have been read. */
const KEPT = 5

/**
 * Reads each message that arrives while the room is open once: its author and its text. The visible log is
 * not the live region: a message added there is read with its buttons ("Edit Delete"), and an own message
 * would be read twice — while it is being sent, and again once stored.
 */
export function ChatAnnouncer({
  messages,
  meId,
  live,
}: {
  messages: readonly ChatMessageView[]
  meId: string
  /** False for a static page (no JavaScript yet, older history): nothing arrives there. */
  live: boolean
}) {
  const { t, tp } = useT()
  const since = useRef<number | null>(null)
  const announced = useRef(new Set<number>())
  const nextId = useRef(0)
  const [items, setItems] = useState<{ id: number; text: string }[]>([])

  useEffect(() => {
    // What the page showed when it opened has been seen; only later ones (not older history) are news.
    if (since.current === null || !live) {
      since.current = Math.max(since.current ?? 0, messages.at(-1)?.seq ?? 0)
      return
    }
    const floor = since.current
    const fresh = messages.filter((m) => m.seq > floor && !m.deletedAt && !announced.current.has(m.seq))
    if (fresh.length === 0) return
    for (const m of fresh) announced.current.add(m.seq)
    const texts =
      fresh.length > ONE_BY_ONE_MAX
        ? [tp('chat.announce.many', fresh.length)]
        : fresh.map((m) =>
            t('chat.announce.message', {
              name: m.authorId === meId ? t('chat.message.you') : m.authorName || t('chat.message.formerMember'),
              body: m.body,
            }),
          )
    setItems((current) => [...current, ...texts.map((text) => ({ id: nextId.current++, text }))].slice(-KEPT))
  }, [messages, meId, live, t, tp])

  return (
    <div className="visually-hidden chat-announcer" aria-live="polite" aria-relevant="additions">
      {items.map((item) => (
        <p key={item.id}>{item.text}</p>
      ))}
    </div>
  )
}
