import { describe, expect, it } from 'vitest'

import type { CourseSnapshot } from '../../../db/schema/training'
import { endOfSofiaDay } from '../platform/sofia-time'
import { analyticsCsv, type CourseAnalytics } from './analytics.server'
import { newCertificateCode, normaliseCertificateCode } from './certificates.server'
import { courseProgress } from './progress'
import { sniffImage } from './uploads.server'

const lesson = (key: string, quiz = false) => ({
  key,
  title: key,
  body: { root: { type: 'root' as const, children: [] } },
  bodyText: '',
  videoUrl: null,
  estimatedMinutes: 5,
  quiz: quiz ? { passPercent: 50, maxAttempts: null, shuffle: false, questions: [] } : null,
})
const snapshot = {
  modules: [{ key: 'm', title: 'M', lessons: [lesson('a'), lesson('b', true), lesson('c')] }],
} as unknown as CourseSnapshot

describe('progress', () => {
  it('counts a quiz lesson only once its quiz is passed, and points at the first lesson not done', () => {
    const states = new Map([
      ['a', { viewed: true, completed: true, quizPassed: false }],
      ['b', { viewed: true, completed: true, quizPassed: false }],
    ])
    expect(courseProgress(snapshot, states)).toMatchObject({
      doneLessons: 1,
      percent: 33,
      complete: false,
      nextLessonKey: 'b',
    })
    states.set('b', { viewed: true, completed: true, quizPassed: true })
    states.set('c', { viewed: true, completed: true, quizPassed: false })
    expect(courseProgress(snapshot, states)).toMatchObject({
      doneLessons: 3,
      percent: 100,
      complete: true,
      nextLessonKey: null,
    })
  })
})

describe('certificate codes', () => {
  it('are unambiguous and survive being typed sloppily', () => {
    const code = newCertificateCode()
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/)
    expect(normaliseCertificateCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code)
    expect(normaliseCertificateCode('7kq2 m9xd 4rtp')).toBe('7KQ2-M9XD-4RTP')
    expect(normaliseCertificateCode('OOOO-IIII-LLLL')).toBe('0000-1111-1111')
  })
})

describe('due dates', () => {
  it('end at 23:59:59 in Sofia, in winter and in summer', () => {
    expect(endOfSofiaDay('2026-01-15').toISOString()).toBe('2026-01-15T21:59:59.000Z')
    expect(endOfSofiaDay('2026-07-15').toISOString()).toBe('2026-07-15T20:59:59.000Z')
  })
})

describe('uploads', () => {
  it('recognises images by their bytes and refuses everything else, SVG included', () => {
    expect(sniffImage(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('png')
    expect(sniffImage(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpg')
    expect(
      sniffImage(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')),
    ).toBeNull()
    expect(sniffImage(new TextEncoder().encode('GIF89a....'))).toBe('gif')
  })
})

describe('analytics CSV', () => {
  it('starts with a byte-order mark and neutralises cells a spreadsheet would run as formulas', () => {
    const analytics = {
      learners: [
        {
          name: '=HYPERLINK("http://x")',
          institution: 'ОУ "Христо Ботев", Люлин',
          status: 'completed',
          percent: 100,
          doneLessons: 3,
          totalLessons: 3,
          version: 1,
          enrolledAt: new Date(0),
          lastActivityAt: new Date(0),
          dueAt: null,
          completedAt: null,
          certificateCode: null,
        },
      ],
    } as unknown as CourseAnalytics
    const csv = analyticsCsv(analytics, {
      header: ['Име', 'Институция'],
      status: { completed: 'Завършил', inProgress: '', notStarted: '' },
      formatDate: () => 'd',
    })
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    const row = csv.split('\r\n')[1]
    expect(row.startsWith(`"'=HYPERLINK(""http://x"")"`)).toBe(true)
    expect(row).toContain('"ОУ ""Христо Ботев"", Люлин"')
  })
})
