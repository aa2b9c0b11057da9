import { and, eq, inArray } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'

import { caseThreads, searchOutbox } from '../../db/schema'
import { seedCases } from '../../seed/demo/cases'
import { seedIdentity } from '../../seed/demo/identity'
import { inRolledBackTransaction } from '../support/database'

describe('case demo data', () => {
  it('queues every seeded case for the search index, so a first search finds the demo cases', async () => {
    await inRolledBackTransaction(async (tx) => {
      const identity = await seedIdentity(tx)
      await seedCases(tx, identity)
      // The demo accounts were made in this transaction: the cases they wrote are the seeded ones.
      const authors = Object.values(identity.users).map((u) => u.id)
      const seeded = await tx
        .select({ id: caseThreads.id })
        .from(caseThreads)
        .where(inArray(caseThreads.authorId, authors))
      const ids = seeded.map((c) => c.id)
      expect(ids.length).toBeGreaterThanOrEqual(10)
      const queued = await tx
        .selectDistinct({ docId: searchOutbox.docId })
        .from(searchOutbox)
        .where(and(eq(searchOutbox.docType, 'case'), inArray(searchOutbox.docId, ids)))
      expect(new Set(queued.map((q) => q.docId))).toEqual(new Set(ids))
    })
  })
})
