import { useCallback, useEffect, useRef, useState } from 'react'
import type { ChatClientSocket } from './socket.client'
import { applyIncoming, hasGap, lastSeq, type Timeline } from './timeline'
import { TYPING_EXPIRES_MS, TYPING_THROTTLE_MS, type Ack, type ChatErrorCode, type ChatMessageView, type PresenceMember } from './types'

export type ConnectionState = 'connecting' | 'online' | 'offline'

export interface PendingMessage {
  clientId: string
  body: string
  state: 'sending' | 'queued' | 'failed'
  error?: ChatErrorCode
}

export type SendOutcome = Ack<{ message: ChatMessageView; duplicate: boolean }>

interface Options {
  /** False for a static page of older history: no connection. */
  enabled?: boolean
  roomId: string
  meId: string
  initial: { messages: ChatMessageView[]; more: boolean }
}

const ACK_TIMEOUT_MS = 10_000
const storageKey = (roomId: string) => `iwb-chat-pending:${roomId}`

function loadPending(roomId: string): PendingMessage[] {
  try {
    const raw = window.sessionStorage.getItem(storageKey(roomId))
    const list = raw ? (JSON.parse(raw) as PendingMessage[]) : []
    return list.map((p) => ({ ...p, state: 'queued' as const }))
  } catch {
    return []
  }
}

const newClientId = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) => (Number(c) ^ (Math.random() * 16) >> (Number(c) / 4)).toString(16))

/**
 * The live side of a room page: joins over socket.io, merges every message once and in order,
 * catches up from the database after any reconnect (everything after the last id it has), keeps
 * unsent messages (also across a reload) and re-sends them with the same client id.
 */
export function useChatRoom({ enabled = true, roomId, meId, initial }: Options) {
  const [timeline, setTimeline] = useState<Timeline>(() => ({ messages: initial.messages, syncedSeq: initial.messages.at(-1)?.seq ?? 0 }))
  const [more, setMore] = useState(initial.more)
  const [pending, setPending] = useState<PendingMessage[]>([])
  const [presence, setPresence] = useState<PresenceMember[]>([])
  const [typing, setTyping] = useState<Record<string, { name: string; until: number }>>({})
  const [connection, setConnection] = useState<ConnectionState>('connecting')
  const socketRef = useRef<ChatClientSocket | null>(null)
  const timelineRef = useRef(timeline)
  const pendingRef = useRef(pending)
  const serverTimeRef = useRef<string | null>(null)
  const lastTypingSent = useRef(0)
  const lastReadSent = useRef(0)
  const syncTimer = useRef<ReturnType<typeof setTimeout> | null>(null)
  timelineRef.current = timeline
  pendingRef.current = pending

  const apply = useCallback((incoming: ChatMessageView[]) => {
    setTimeline((t) => applyIncoming(t, incoming))
    const authors = new Set(incoming.map((m) => m.authorId))
    setTyping((all) => Object.fromEntries(Object.entries(all).filter(([id]) => !authors.has(id))))
  }, [])

  const updatePending = useCallback(
    (next: (list: PendingMessage[]) => PendingMessage[]) => {
      setPending((list) => {
        const updated = next(list)
        try {
          window.sessionStorage.setItem(storageKey(roomId), JSON.stringify(updated.map(({ clientId, body }) => ({ clientId, body }))))
        } catch {
          // storage full or disabled: the message still lives in memory
        }
        return updated
      })
    },
    [roomId],
  )

  /** Asks the server for everything after the contiguous pointer (and changes since the last answer). */
  const catchUp = useCallback(async () => {
    const socket = socketRef.current
    if (!socket?.connected) return
    for (let round = 0; round < 20; round++) {
      const result = (await socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck('room:sync', { roomId, afterSeq: timelineRef.current.syncedSeq, changedSince: serverTimeRef.current })
        .catch(() => null)) as Awaited<ReturnType<ChatClientSocket['emitWithAck']>> | null
      if (!result || !result.ok) return
      serverTimeRef.current = result.serverTime
      const next = applyIncoming(timelineRef.current, [...result.changed, ...result.messages])
      timelineRef.current = next
      setTimeline(next)
      if (!result.more) return
    }
  }, [roomId])

  const transmit = useCallback(
    async (item: PendingMessage): Promise<SendOutcome> => {
      const socket = socketRef.current
      if (!socket?.connected) {
        updatePending((list) => list.map((p) => (p.clientId === item.clientId ? { ...p, state: 'queued' } : p)))
        return { ok: false, error: 'chat.error.server' }
      }
      updatePending((list) => list.map((p) => (p.clientId === item.clientId ? { ...p, state: 'sending', error: undefined } : p)))
      let result: SendOutcome
      try {
        result = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('message:send', { roomId, clientId: item.clientId, body: item.body })) as SendOutcome
      } catch {
        // No acknowledgement: stay queued if the connection dropped (resent on reconnect), else offer a retry.
        updatePending((list) => list.map((p) => (p.clientId === item.clientId ? { ...p, state: socket.connected ? 'failed' : 'queued', error: 'chat.error.server' } : p)))
        return { ok: false, error: 'chat.error.server' }
      }
      if (result.ok) {
        updatePending((list) => list.filter((p) => p.clientId !== item.clientId))
        apply([result.message])
      } else {
        updatePending((list) => list.map((p) => (p.clientId === item.clientId ? { ...p, state: 'failed', error: result.ok ? undefined : result.error } : p)))
      }
      return result
    },
    [apply, roomId, updatePending],
  )

  useEffect(() => {
    if (!enabled) return
    let cancelled = false
    let socket: ChatClientSocket | null = null
    const restored = loadPending(roomId)
    if (restored.length) setPending(restored)
    pendingRef.current = restored
    void import('./socket.client').then(({ openChatSocket }) => {
      if (cancelled) return
      socket = openChatSocket()
      socketRef.current = socket
      socket.on('connect', async () => {
        setConnection('online')
        const since = serverTimeRef.current
        const joined = await socket!
          .timeout(ACK_TIMEOUT_MS)
          .emitWithAck('room:join', { roomId, afterSeq: timelineRef.current.syncedSeq, changedSince: since })
          .catch(() => null)
        if (!joined || !joined.ok) return
        serverTimeRef.current = joined.serverTime
        setPresence(joined.presence)
        const next = applyIncoming(timelineRef.current, joined.messages)
        timelineRef.current = next
        setTimeline(next)
        if (joined.more) await catchUp()
        for (const item of pendingRef.current) await transmit(item)
      })
      socket.on('disconnect', () => setConnection('offline'))
      socket.on('connect_error', () => setConnection('offline'))
      socket.on('message:new', (m) => m.roomId === roomId && apply([m]))
      socket.on('message:changed', (m) => m.roomId === roomId && apply([m]))
      socket.on('presence', (p) => p.roomId === roomId && setPresence(p.members))
      socket.on('typing', (t) => {
        if (t.roomId !== roomId || t.userId === meId) return
        setTyping((all) => ({ ...all, [t.userId]: { name: t.name, until: Date.now() + TYPING_EXPIRES_MS } }))
      })
    })
    const sweep = setInterval(() => {
      setTyping((all) => {
        const now = Date.now()
        const kept = Object.entries(all).filter(([, v]) => v.until > now)
        return kept.length === Object.keys(all).length ? all : Object.fromEntries(kept)
      })
    }, 1000)
    return () => {
      cancelled = true
      clearInterval(sweep)
      if (syncTimer.current) clearTimeout(syncTimer.current)
      socket?.disconnect()
      socketRef.current = null
    }
  }, [apply, catchUp, enabled, meId, roomId, transmit])

  // A hole in the ids (a broadcast overtook another) is filled from the database shortly after.
  useEffect(() => {
    if (!hasGap(timeline)) return
    if (syncTimer.current) clearTimeout(syncTimer.current)
    syncTimer.current = setTimeout(() => void catchUp(), 400)
  }, [timeline, catchUp])

  // Read pointer: what is on screen while the tab is visible counts as read.
  useEffect(() => {
    const seq = lastSeq(timeline)
    const socket = socketRef.current
    if (!socket?.connected || seq <= lastReadSent.current || document.visibilityState !== 'visible') return
    lastReadSent.current = seq
    socket.emit('room:read', { roomId, seq })
  }, [timeline, roomId, connection])

  /** Sends at once when online, otherwise queues; a refused message stays listed (failed) until retried or discarded. */
  const send = useCallback(
    async (body: string) => {
      const item: PendingMessage = { clientId: newClientId(), body, state: 'sending' }
      updatePending((list) => [...list, item])
      return { clientId: item.clientId, result: await transmit(item) }
    },
    [transmit, updatePending],
  )

  const retry = useCallback(
    (clientId: string) => {
      const item = pendingRef.current.find((p) => p.clientId === clientId)
      if (item) void transmit(item)
    },
    [transmit],
  )

  const discard = useCallback((clientId: string) => updatePending((list) => list.filter((p) => p.clientId !== clientId)), [updatePending])

  const edit = useCallback(
    async (seq: number, body: string) => {
      const socket = socketRef.current
      if (!socket?.connected) return { ok: false, error: 'chat.error.server' } as Ack<{ message: ChatMessageView }>
      const result = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('message:edit', { roomId, seq, body }).catch(() => ({ ok: false as const, error: 'chat.error.server' as const }))
      if (result.ok) apply([result.message])
      return result
    },
    [apply, roomId],
  )

  const remove = useCallback(
    async (seq: number) => {
      const socket = socketRef.current
      if (!socket?.connected) return { ok: false, error: 'chat.error.server' } as Ack<{ message: ChatMessageView }>
      const result = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('message:delete', { roomId, seq }).catch(() => ({ ok: false as const, error: 'chat.error.server' as const }))
      if (result.ok) apply([result.message])
      return result
    },
    [apply, roomId],
  )

  const loadOlder = useCallback(async () => {
    const socket = socketRef.current
    const first = timelineRef.current.messages[0]
    if (!socket?.connected || !first) return false
    const result = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('room:history', { roomId, beforeSeq: first.seq }).catch(() => null)
    if (!result || !result.ok) return false
    setTimeline((t) => applyIncoming(t, result.messages))
    setMore(result.more)
    return true
  }, [roomId])

  const notifyTyping = useCallback(() => {
    const now = Date.now()
    if (now - lastTypingSent.current < TYPING_THROTTLE_MS) return
    lastTypingSent.current = now
    socketRef.current?.emit('typing', { roomId })
  }, [roomId])

  return {
    messages: timeline.messages,
    more,
    pending,
    presence,
    typing: Object.entries(typing).map(([userId, v]) => ({ userId, name: v.name })),
    connection,
    send,
    retry,
    discard,
    edit,
    remove,
    loadOlder,
    notifyTyping,
  }
}
