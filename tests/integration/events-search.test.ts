import { describe, expect, it } from 'vitest'

import { eventSearchSource } from '../../app/features/events/search.server'
import { postgresEngine } from '../../search/postgres'
import { makeEvent } from '../../seed/builders/events'
import { makeInstitution } from '../../seed/builders/identity'
import { db } from '../support/database'

describe('events in search', () => {
  it('are found by their kind written out, and put no event codes among the situation tags', async () => {
    const institution = await makeInstitution(db)
    const word = `Уникалноучилище${Date.now().toString(36)}`
    const { event } = await makeEvent(db, {
      organiserInstitutionId: institution.id,
      title: `Покана в ${word}`,
      kind: 'open_day',
      audience: 'public',
    })
    const [doc] = await eventSearchSource.load([event.id])
    expect(doc.summary).toContain('Ден на отворените врати')
    expect(doc.tags).toEqual([])

    const engine = postgresEngine()
    await engine.index([doc])
    const found = await engine.search({
      q: `${word} отворените врати`,
      audience: 'public',
      filters: { types: ['event'] },
    })
    expect(found.hits.map((h) => h.id)).toEqual([event.id])
    expect(found.facets.tags).toEqual({})
  })
})
