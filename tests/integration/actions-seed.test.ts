import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { sofiaToday } from '../../app/features/actions/actions.server'
import { checkPrivacy } from '../../app/features/privacy/guard.server'
import { caseActions, caseThreads } from '../../db/schema'
import { seedActions } from '../../seed/demo/actions'
import { CASE_SEEDS, seedCases } from '../../seed/demo/cases'
import { seedChat } from '../../seed/demo/chat'
import { seedIdentity } from '../../seed/demo/identity'
import { inRolledBackTransaction } from '../support/database'

describe('follow-through demo data', () => {
  it('seeds actions of every kind, agreed in minutes and replies, and a return with its checks', async () => {
    await inRolledBackTransaction(async (tx) => {
      const identity = await seedIdentity(tx)
      await seedCases(tx, identity)
      const conference = await seedChat(tx, identity)
      await seedActions(tx, identity, conference)
      const seeded = await tx
        .select({ action: caseActions, title: caseThreads.title })
        .from(caseActions)
        .innerJoin(caseThreads, eq(caseThreads.id, caseActions.caseId))
      const demoTitles = new Set(CASE_SEEDS.map((c) => c.title))
      // The chat seed puts the conference on the newest open case, which beside other tests may not be a demo one.
      const all = seeded
        .filter((r) => demoTitles.has(r.title ?? '') || r.action.roomId === conference.roomId)
        .map((r) => r.action)
      const tasks = all.filter((a) => a.kind === 'task')
      const today = sofiaToday()
      const weekAhead = sofiaToday(new Date(Date.now() + 7 * 86400_000))

      const open = tasks.filter((a) => a.status === 'open')
      expect(open.filter((a) => a.dueDate >= today && a.dueDate <= weekAhead).length).toBeGreaterThanOrEqual(2)
      expect(open.filter((a) => a.dueDate < today)).toHaveLength(1)
      const done = tasks.filter((a) => a.status === 'done')
      const onTime = done.filter((a) => sofiaToday(a.completedAt!) <= a.dueDate)
      expect(onTime.length).toBeGreaterThanOrEqual(2)
      const dropped = tasks.filter((a) => a.status === 'dropped')
      expect(dropped).toHaveLength(1)
      expect(dropped[0].dropReason).toBeTruthy()
      // Owned by colleagues and by institutions; agreed in the conference's minutes and in replies.
      expect(tasks.some((a) => a.ownerUserId) && tasks.some((a) => a.ownerInstitutionId)).toBe(true)
      expect(tasks.filter((a) => a.roomId === conference.roomId && a.replyId).length).toBeGreaterThanOrEqual(3)
      expect(tasks.some((a) => a.replyId && !a.roomId)).toBe(true)
      // Anonymised: every text passes the guard the app puts them through.
      const texts = Object.fromEntries(
        tasks.flatMap((a, i) => [[`text${i}`, a.text], ...(a.dropReason ? [[`reason${i}`, a.dropReason]] : [])]),
      )
      expect(checkPrivacy(texts).findings).toEqual({})

      // The return to school: checks at 1, 3 and 6 months for the school; the first answered, the rest pending.
      const checks = all
        .filter((a) => a.kind === 'retention_check')
        .sort((a, b) => a.retentionMonths! - b.retentionMonths!)
      expect(checks.map((c) => c.retentionMonths)).toEqual([1, 3, 6])
      expect(checks.every((c) => c.ownerInstitutionId === identity.institutions.school75)).toBe(true)
      expect(checks.map((c) => [c.status, c.answer])).toEqual([
        ['done', 'attending'],
        ['open', null],
        ['open', null],
      ])
      expect(checks[0].dueDate < today && checks[1].dueDate > today).toBe(true)
    })
  })
})
