import { describe, expect, it } from 'vitest'

import { livePrivacyFindings, mentionSpans } from './privacy'

const members = [
  { userId: 'u1', name: 'Елена Петкова' },
  { userId: 'u2', name: 'Николай Димитров' },
]

describe('mentions in chat messages', () => {
  it('finds members named as @Full Name, case-insensitively, not inside other words', () => {
    expect(mentionSpans('@елена петкова и @Николай Димитров, вижте това', members).map((s) => s.userId)).toEqual([
      'u1',
      'u2',
    ])
    expect(mentionSpans('пишете на имейл x@Елена Петкова', members)).toEqual([])
    expect(mentionSpans('@Елена Петковаа', members)).toEqual([])
  })

  it('a mention of a colleague is not personal data; the same name without @ still is', () => {
    expect(livePrivacyFindings('@Елена Петкова ще посети семейството.', members)).toEqual([])
    expect(livePrivacyFindings('Елена Петкова ще посети семейството.', members).map((f) => f.type)).toEqual(['name'])
    expect(livePrivacyFindings('@Елена Петкова, обадете се на 0888 123 456', members).map((f) => f.type)).toEqual([
      'phone',
    ])
    expect(livePrivacyFindings('обадете се на 0888\u200B123\u200B456', members).map((f) => f.type)).toEqual(['phone'])
  })

  it('marks where each mention is, for highlighting', () => {
    expect(mentionSpans('Здравей, @Николай Димитров!', members)).toEqual([{ start: 9, end: 26, userId: 'u2' }])
  })
})
