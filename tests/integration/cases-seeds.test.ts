import { describe, expect, it } from 'vitest'

import { checkPrivacy } from '../../app/features/privacy/guard.server'
import { CASE_SEEDS } from '../../seed/demo/cases'

describe('demo cases', () => {
  it('are 15+ across districts, statuses and outcomes', () => {
    expect(CASE_SEEDS.length).toBeGreaterThanOrEqual(15)
    expect(new Set(CASE_SEEDS.map((c) => c.district)).size).toBeGreaterThanOrEqual(6)
    expect(new Set(CASE_SEEDS.map((c) => c.status))).toEqual(new Set(['open', 'in_progress', 'resolved', 'closed']))
    expect(new Set(CASE_SEEDS.filter((c) => c.outcome).map((c) => c.outcome)).size).toBeGreaterThanOrEqual(5)
  })

  it('would all pass the privacy guard they demonstrate', () => {
    for (const seed of CASE_SEEDS) {
      const texts: Record<string, string> = { title: seed.title, description: seed.description }
      seed.replies.forEach(([, text], i) => (texts[`reply${i + 1}`] = text))
      const check = checkPrivacy(texts)
      expect(check.findings, seed.title).toEqual({})
    }
  })
})
