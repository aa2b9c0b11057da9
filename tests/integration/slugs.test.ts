import { describe, expect, it } from 'vitest'

import { uniqueSlug } from '../../app/features/platform/slugs.server'
import { teams } from '../../db/schema'
import { makeTeam } from '../../seed/builders/identity'
import { db } from '../support/database'

describe('a new row’s slug', () => {
  it('takes the title’s slug, or the first free -2, -3 … when it is taken or reserved', async () => {
    const stamp = Date.now().toString(36)
    const title = `Екип за обхват ${stamp}`
    const base = `ekip-za-obhvat-${stamp}`
    const rules = { fallback: 'team', reserved: new Set(['new']) }
    expect(await uniqueSlug(db, teams.slug, title, rules)).toBe(base)

    await makeTeam(db, { slug: base })
    await makeTeam(db, { slug: `${base}-2` })
    await makeTeam(db, { slug: `${base}x-3` })
    expect(await uniqueSlug(db, teams.slug, title, rules)).toBe(`${base}-3`)

    expect(
      await uniqueSlug(db, teams.slug, `Нов ${stamp}`, { fallback: 'team', reserved: new Set([`nov-${stamp}`]) }),
    ).toBe(`nov-${stamp}-2`)
  })
})
