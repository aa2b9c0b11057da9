import { describe, expect, it } from 'vitest'

import { applyIncoming, hasGap, mergeMessages, type Timeline } from './timeline'
import type { ChatMessageView } from './types'

const msg = (seq: number, extra: Partial<ChatMessageView> = {}): ChatMessageView => ({
  id: `id-${seq}`,
  roomId: 'r',
  seq,
  authorId: 'u',
  authorName: 'Елена',
  clientId: null,
  body: `съобщение ${seq}`,
  mentions: [],
  createdAt: '2026-11-28T10:00:00.000Z',
  editedAt: null,
  deletedAt: null,
  ...extra,
})

describe('timeline', () => {
  it('keeps each message once, in order, whatever order copies arrive in', () => {
    const merged = mergeMessages([msg(1), msg(3)], [msg(2), msg(3), msg(1)])
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3])
  })

  it('notices a hole and closes it when the catch-up arrives', () => {
    let t: Timeline = { messages: [msg(1)], syncedSeq: 1 }
    t = applyIncoming(t, [msg(3)])
    expect(hasGap(t)).toBe(true)
    expect(t.syncedSeq).toBe(1)
    t = applyIncoming(t, [msg(2), msg(3)])
    expect(hasGap(t)).toBe(false)
    expect(t.syncedSeq).toBe(3)
  })

  it('an edit replaces the text; a late older copy does not undo an edit or a deletion', () => {
    const edited = msg(1, { body: 'поправено', editedAt: '2026-11-28T10:05:00.000Z' })
    const deleted = msg(1, { body: '', deletedAt: '2026-11-28T10:06:00.000Z' })
    expect(mergeMessages([msg(1)], [edited])[0].body).toBe('поправено')
    expect(mergeMessages([edited], [msg(1)])[0].body).toBe('поправено')
    expect(mergeMessages([deleted], [edited])[0].deletedAt).not.toBeNull()
  })
})
