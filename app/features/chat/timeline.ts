import type { ChatMessageView } from './types'

/**
 * The client's copy of a room: messages by id (seq), each once, in order. Whatever arrives —
 * a broadcast, an acknowledgement, a catch-up page, an edit — goes through `mergeMessages`.
 */
export interface Timeline {
  messages: ChatMessageView[]
  /** Every message up to this id is present (or was deliberately not loaded: older history). */
  syncedSeq: number
}

const changeTime = (m: ChatMessageView) =>
  Math.max(m.editedAt ? Date.parse(m.editedAt) : 0, m.deletedAt ? Date.parse(m.deletedAt) : 0)

/** The newer state of the same message wins; a deletion is never undone by a late copy. */
function newer(current: ChatMessageView, incoming: ChatMessageView): ChatMessageView {
  if (current.deletedAt && !incoming.deletedAt) return current
  return changeTime(incoming) >= changeTime(current) ? incoming : current
}

export function mergeMessages(
  current: readonly ChatMessageView[],
  incoming: readonly ChatMessageView[],
): ChatMessageView[] {
  if (incoming.length === 0) return current as ChatMessageView[]
  const bySeq = new Map(current.map((m) => [m.seq, m]))
  for (const m of incoming) {
    const existing = bySeq.get(m.seq)
    bySeq.set(m.seq, existing ? newer(existing, m) : m)
  }
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq)
}

/** Advances the contiguous pointer over the messages present. */
export function advanceSynced(messages: readonly ChatMessageView[], syncedSeq: number): number {
  const have = new Set(messages.map((m) => m.seq))
  let seq = syncedSeq
  while (have.has(seq + 1)) seq++
  return seq
}

export function applyIncoming(timeline: Timeline, incoming: readonly ChatMessageView[]): Timeline {
  const messages = mergeMessages(timeline.messages, incoming)
  return { messages, syncedSeq: advanceSynced(messages, timeline.syncedSeq) }
}

/** True when something newer than the contiguous pointer arrived: a catch-up should fill the hole. */
export function hasGap(timeline: Timeline): boolean {
  const last = timeline.messages.at(-1)
  return !!last && last.seq > timeline.syncedSeq
}

export function lastSeq(timeline: Timeline): number {
  return timeline.messages.at(-1)?.seq ?? timeline.syncedSeq
}
