import { describe, expect, it } from 'vitest'

import { slugify } from './slug'

describe('event slugs', () => {
  it('transliterates Bulgarian titles with the official system', () => {
    expect(slugify('Ден на отворените врати — 75 ОУ „Тодор Каблешков“')).toBe(
      'den-na-otvorenite-vrati-75-ou-todor-kableshkov',
    )
    expect(slugify('Институции без граници: среща №3')).toBe('institutsii-bez-granitsi-sreshta-3')
    expect(slugify('Майчин език и щастие')).toBe('maychin-ezik-i-shtastie')
  })

  it('keeps Latin titles readable and never returns an empty slug', () => {
    expect(slugify('Open Day: Café & Co.')).toBe('open-day-cafe-co')
    expect(slugify('!!!')).toBe('event')
    expect(slugify('а'.repeat(100)).length).toBeLessThanOrEqual(60)
  })
})
