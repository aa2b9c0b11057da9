import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react'

import { ChatRoomConnection, type PendingStore, type RoomSnapshot } from './connection'
import type { ChatMessageView } from './types'

export type { ConnectionState, PendingMessage, SendOutcome } from './connection'

interface Options {
  /** False for a static page of older history: no connection. */
  enabled?: boolean
  roomId: string
  meId: string
  initial: { messages: ChatMessageView[]; more: boolean }
}

function sessionStore(roomId: string): PendingStore {
  const key = `iwb-chat-pending:${roomId}`
  return {
    load: () => {
      try {
        return JSON.parse(window.sessionStorage.getItem(key) ?? '[]')
      } catch {
        return []
      }
    },
    save: (items) => {
      try {
        if (items.length) window.sessionStorage.setItem(key, JSON.stringify(items))
        else window.sessionStorage.removeItem(key)
      } catch {
        // storage full or disabled: the message still lives in memory
      }
    },
  }
}

const noop = () => () => {}

/** The live room for a React page: one socket.io connection and the shared client logic. */
export function useChatRoom({ enabled = true, roomId, meId, initial }: Options) {
  const [connection, setConnection] = useState<ChatRoomConnection | null>(null)
  const fallback = useMemo<RoomSnapshot>(
    () => ({
      messages: initial.messages,
      more: initial.more,
      pending: [],
      presence: [],
      typing: [],
      connection: 'connecting',
    }),
    [initial.messages, initial.more],
  )

  useEffect(() => {
    if (!enabled) return
    let cancelled = false
    let opened: { conn: ChatRoomConnection; close: () => void } | null = null
    void import('./socket.client').then(({ openChatSocket }) => {
      if (cancelled) return
      const socket = openChatSocket()
      const conn = new ChatRoomConnection(socket, {
        roomId,
        meId,
        initial,
        store: sessionStore(roomId),
        markRead: () => document.visibilityState === 'visible',
      }).start()
      opened = { conn, close: () => socket.disconnect() }
      setConnection(conn)
    })
    return () => {
      cancelled = true
      opened?.conn.stop()
      opened?.close()
      setConnection(null)
    }
    // The initial page is only the starting point; a new room id starts a new connection.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, roomId, meId])

  const snapshot = useSyncExternalStore(
    connection?.subscribe ?? noop,
    connection?.getSnapshot ?? (() => fallback),
    () => fallback,
  )

  const send = useCallback(
    async (body: string) =>
      connection
        ? connection.send(body)
        : { clientId: '', result: { ok: false as const, error: 'chat.error.server' as const } },
    [connection],
  )
  const edit = useCallback(
    (seq: number, body: string) =>
      connection
        ? connection.edit(seq, body)
        : Promise.resolve({ ok: false as const, error: 'chat.error.server' as const }),
    [connection],
  )
  const remove = useCallback(
    (seq: number) =>
      connection
        ? connection.remove(seq)
        : Promise.resolve({ ok: false as const, error: 'chat.error.server' as const }),
    [connection],
  )

  return {
    ...snapshot,
    send,
    edit,
    remove,
    retry: (clientId: string) => void connection?.retry(clientId),
    discard: (clientId: string) => connection?.discard(clientId),
    loadOlder: () => connection?.loadOlder() ?? Promise.resolve(false),
    notifyTyping: () => connection?.notifyTyping(),
  }
}
