import type { Socket } from 'socket.io-client'

import { applyIncoming, hasGap, lastSeq, type Timeline } from './timeline'
import {
  TYPING_EXPIRES_MS,
  TYPING_THROTTLE_MS,
  type Ack,
  type ChatErrorCode,
  type ChatMessageView,
  type ClientToServerEvents,
  type PresenceMember,
  type ServerToClientEvents,
} from './types'

export type ChatClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>
export type ConnectionState = 'connecting' | 'online' | 'offline'
export type SendOutcome = Ack<{ message: ChatMessageView; duplicate: boolean }>
export type ChangeOutcome = Ack<{ message: ChatMessageView }>

export interface PendingMessage {
  clientId: string
  body: string
  state: 'sending' | 'queued' | 'failed'
  error?: ChatErrorCode
  attempt?: number
}

export interface RoomSnapshot {
  messages: ChatMessageView[]
  more: boolean
  pending: PendingMessage[]
  presence: PresenceMember[]
  typing: { userId: string; name: string }[]
  connection: ConnectionState
}

/** Where unsent messages survive a reload (sessionStorage in the browser; nothing in tests). */
export interface PendingStore {
  load: () => { clientId: string; body: string }[]
  save: (items: { clientId: string; body: string }[]) => void
}

const ACK_TIMEOUT_MS = 10_000
const GAP_SYNC_DELAY_MS = 400
const MAX_SYNC_ROUNDS = 50

export function newClientId(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID()
  return '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) =>
    (Number(c) ^ ((Math.random() * 16) >> (Number(c) / 4))).toString(16),
  )
}

/**
 * The client side of one room, framework-free (the React hook and the tests use the same code):
 * joins on every (re)connect asking for everything after the last contiguous id, merges every
 * message once and in order, fills holes from the database, keeps unsent messages and re-sends
 * them with the same client id (the server stores a client id once).
 */
export class ChatRoomConnection {
  private timeline: Timeline
  private more: boolean
  private pending: PendingMessage[] = []
  private presence: PresenceMember[] = []
  private typing = new Map<string, { name: string; until: number }>()
  private connection: ConnectionState = 'connecting'
  private serverTime: string | null = null
  private lastTypingSent = 0
  private lastReadSent = 0
  private gapTimer: ReturnType<typeof setTimeout> | null = null
  private sweepTimer: ReturnType<typeof setInterval> | null = null
  private flushing: Promise<void> | null = null
  private listeners = new Set<() => void>()
  private snapshot: RoomSnapshot
  private stopped = false
  /** Joined on the current connection: until then new messages wait in the queue. */
  private joined = false
  private attempts = 0

  constructor(
    private readonly socket: ChatClientSocket,
    private readonly options: {
      roomId: string
      meId: string
      initial?: { messages: ChatMessageView[]; more: boolean }
      store?: PendingStore
      markRead?: () => boolean
    },
  ) {
    const initial = options.initial ?? { messages: [], more: false }
    this.timeline = { messages: initial.messages, syncedSeq: initial.messages.at(-1)?.seq ?? 0 }
    this.more = initial.more
    this.pending = (options.store?.load() ?? []).map((p) => ({ ...p, state: 'queued' as const }))
    this.snapshot = this.buildSnapshot()
  }

  get roomId() {
    return this.options.roomId
  }

  /** The socket events this connection listens to, with their handlers (added on start, removed on stop). */
  private handlers() {
    return [
      ['connect', this.onConnect],
      ['disconnect', this.onDisconnect],
      ['connect_error', this.onDisconnect],
      ['message:new', this.onMessage],
      ['message:changed', this.onMessage],
      ['presence', this.onPresence],
      ['typing', this.onTyping],
    ] as const
  }

  start() {
    const s = this.socket
    for (const [event, handler] of this.handlers()) s.on(event, handler)
    this.sweepTimer = setInterval(this.sweepTyping, 1000)
    if (s.connected) void this.onConnect()
    return this
  }

  stop() {
    this.stopped = true
    const s = this.socket
    for (const [event, handler] of this.handlers()) s.off(event, handler)
    if (this.gapTimer) clearTimeout(this.gapTimer)
    if (this.sweepTimer) clearInterval(this.sweepTimer)
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener)
    return () => void this.listeners.delete(listener)
  }

  getSnapshot = (): RoomSnapshot => this.snapshot

  private buildSnapshot(): RoomSnapshot {
    return {
      messages: this.timeline.messages,
      more: this.more,
      pending: this.pending,
      presence: this.presence,
      typing: [...this.typing.entries()].map(([userId, v]) => ({ userId, name: v.name })),
      connection: this.connection,
    }
  }

  private changed() {
    this.snapshot = this.buildSnapshot()
    for (const listener of this.listeners) listener()
  }

  private apply(incoming: readonly ChatMessageView[]) {
    if (incoming.length === 0) return
    this.timeline = applyIncoming(this.timeline, incoming)
    for (const m of incoming) if (m.authorId) this.typing.delete(m.authorId)
    if (hasGap(this.timeline)) this.scheduleGapSync()
    this.reportRead()
    this.changed()
  }

  private setPending(next: PendingMessage[]) {
    this.pending = next
    this.options.store?.save(next.map(({ clientId, body }) => ({ clientId, body })))
    this.changed()
  }

  private updatePending(clientId: string, patch: Partial<PendingMessage> | null) {
    this.setPending(
      patch === null
        ? this.pending.filter((p) => p.clientId !== clientId)
        : this.pending.map((p) => (p.clientId === clientId ? { ...p, ...patch } : p)),
    )
  }

  private onConnect = async () => {
    this.connection = 'online'
    this.changed()
    const joined = await this.socket
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck('room:join', {
        roomId: this.roomId,
        afterSeq: this.timeline.syncedSeq,
        changedSince: this.serverTime,
      })
      .catch(() => null)
    if (this.stopped || !joined || !joined.ok) return
    this.joined = true
    this.serverTime = joined.serverTime
    this.presence = joined.presence
    this.apply(joined.messages)
    this.changed()
    if (joined.more) await this.catchUp()
    await this.flushPending()
  }

  private onDisconnect = (reason?: unknown) => {
    // The server drops a user's sockets when their access changes: a session that still holds connects
    // again and is authorised afresh; one that has ended is refused at the handshake and stays offline.
    if (reason === 'io server disconnect' && !this.stopped) this.socket.connect()
    this.joined = false
    this.connection = 'offline'
    this.presence = []
    // Acknowledgements of the old connection will not come: what was in flight is re-sent after the rejoin.
    this.pending = this.pending.map((p) => (p.state === 'sending' ? { ...p, state: 'queued' } : p))
    this.changed()
  }

  private onMessage = (m: ChatMessageView) => {
    if (m.roomId === this.roomId) this.apply([m])
  }

  private onPresence = (p: { roomId: string; members: PresenceMember[] }) => {
    if (p.roomId !== this.roomId) return
    this.presence = p.members
    this.changed()
  }

  private onTyping = (t: { roomId: string; userId: string; name: string }) => {
    if (t.roomId !== this.roomId || t.userId === this.options.meId) return
    this.typing.set(t.userId, { name: t.name, until: Date.now() + TYPING_EXPIRES_MS })
    this.changed()
  }

  private sweepTyping = () => {
    const now = Date.now()
    let removed = false
    for (const [id, v] of this.typing) if (v.until <= now) removed = this.typing.delete(id) || removed
    if (removed) this.changed()
  }

  private scheduleGapSync() {
    if (this.gapTimer) return
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null
      void this.catchUp()
    }, GAP_SYNC_DELAY_MS)
  }

  /** Everything after the contiguous pointer, and changes since the last answer, from the database. */
  async catchUp() {
    for (let round = 0; round < MAX_SYNC_ROUNDS && this.socket.connected && !this.stopped; round++) {
      const result = await this.socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck('room:sync', {
          roomId: this.roomId,
          afterSeq: this.timeline.syncedSeq,
          changedSince: this.serverTime,
        })
        .catch(() => null)
      if (!result || !result.ok) return
      this.serverTime = result.serverTime
      this.apply([...result.changed, ...result.messages])
      if (!result.more) return
    }
  }

  private reportRead() {
    const seq = lastSeq(this.timeline)
    if (!this.socket.connected || seq <= this.lastReadSent || (this.options.markRead && !this.options.markRead()))
      return
    this.lastReadSent = seq
    this.socket.emit('room:read', { roomId: this.roomId, seq })
  }

  /** Re-sends what is waiting, one at a time and in order (so the room sees them in the order written). */
  private flushPending(): Promise<void> {
    if (this.flushing) return this.flushing
    const run = async () => {
      // Yield first, so `flushing` is set before the loop can finish (an empty queue finishes at once).
      await Promise.resolve()
      try {
        const tried = new Set<string>()
        while (this.socket.connected && this.joined) {
          const next = this.pending.find(
            (p) =>
              !tried.has(p.clientId) &&
              (p.state === 'queued' || (p.state === 'failed' && p.error === 'chat.error.server')),
          )
          if (!next) break
          tried.add(next.clientId)
          const result = await this.transmit(next)
          // A refusal (personal data, too long) stays listed for the person; a lost connection stops the round.
          if (!result.ok && result.error === 'chat.error.server') break
        }
      } finally {
        this.flushing = null
      }
    }
    this.flushing = run()
    return this.flushing
  }

  private async transmit(item: PendingMessage): Promise<SendOutcome> {
    if (!this.socket.connected) {
      this.updatePending(item.clientId, { state: 'queued' })
      return { ok: false, error: 'chat.error.server' }
    }
    const attempt = ++this.attempts
    this.updatePending(item.clientId, { state: 'sending', error: undefined, attempt })
    let result: SendOutcome
    try {
      result = (await this.socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck('message:send', { roomId: this.roomId, clientId: item.clientId, body: item.body })) as SendOutcome
    } catch {
      // No acknowledgement: queued again if the connection dropped (re-sent on reconnect), else a retry is offered.
      // A late timeout of an earlier attempt must not override a newer one.
      if (this.pending.find((p) => p.clientId === item.clientId)?.attempt === attempt) {
        this.updatePending(item.clientId, {
          state: this.socket.connected ? 'failed' : 'queued',
          error: 'chat.error.server',
        })
      }
      return { ok: false, error: 'chat.error.server' }
    }
    if (result.ok) {
      this.updatePending(item.clientId, null)
      this.apply([result.message])
    } else {
      this.updatePending(item.clientId, { state: 'failed', error: result.error })
    }
    return result
  }

  /**
   * Sends now when online and nothing older is waiting; otherwise queues it behind the others,
   * so the room sees a person's messages in the order they were written.
   */
  async send(body: string): Promise<{ clientId: string; result: SendOutcome }> {
    const waiting = this.pending.length > 0 || !this.joined
    const item: PendingMessage = { clientId: newClientId(), body, state: 'queued' }
    this.setPending([...this.pending, item])
    if (!this.socket.connected) return { clientId: item.clientId, result: { ok: false, error: 'chat.error.server' } }
    if (waiting) {
      await this.flushPending()
      const stored = this.timeline.messages.find((m) => m.clientId === item.clientId)
      const failed = this.pending.find((p) => p.clientId === item.clientId)
      return {
        clientId: item.clientId,
        result: stored
          ? { ok: true, message: stored, duplicate: false }
          : { ok: false, error: failed?.error ?? 'chat.error.server' },
      }
    }
    return { clientId: item.clientId, result: await this.transmit(item) }
  }

  retry(clientId: string) {
    const item = this.pending.find((p) => p.clientId === clientId)
    return item ? this.transmit(item) : Promise.resolve(null)
  }

  discard(clientId: string) {
    this.updatePending(clientId, null)
  }

  private async change(
    event: 'message:edit' | 'message:delete',
    payload: { roomId: string; seq: number; body?: string },
  ): Promise<ChangeOutcome> {
    if (!this.socket.connected) return { ok: false, error: 'chat.error.server' }
    const result = (await this.socket
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck(event, payload as never)
      .catch(() => ({ ok: false as const, error: 'chat.error.server' as const }))) as ChangeOutcome
    if (result.ok) this.apply([result.message])
    return result
  }

  edit(seq: number, body: string) {
    return this.change('message:edit', { roomId: this.roomId, seq, body })
  }

  remove(seq: number) {
    return this.change('message:delete', { roomId: this.roomId, seq })
  }

  async loadOlder(): Promise<boolean> {
    const first = this.timeline.messages[0]
    if (!this.socket.connected || !first) return false
    const result = await this.socket
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck('room:history', { roomId: this.roomId, beforeSeq: first.seq })
      .catch(() => null)
    if (!result || !result.ok) return false
    this.timeline = applyIncoming(this.timeline, result.messages)
    this.more = result.more
    this.changed()
    return true
  }

  notifyTyping() {
    const now = Date.now()
    if (now - this.lastTypingSent < TYPING_THROTTLE_MS || !this.socket.connected) return
    this.lastTypingSent = now
    this.socket.emit('typing', { roomId: this.roomId })
  }
}
