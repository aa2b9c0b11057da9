import { describe, expect, it } from 'vitest'

import { slugify } from './slugs.server'

describe('slugs', () => {
  it('transliterates Bulgarian titles with the official system', () => {
    expect(slugify('Ден на отворените врати — 75 ОУ „Тодор Каблешков“', 'event')).toBe(
      'den-na-otvorenite-vrati-75-ou-todor-kableshkov',
    )
    expect(slugify('Институции без граници: среща №3', 'event')).toBe('institutsii-bez-granitsi-sreshta-3')
    expect(slugify('Майчин език и щастие', 'event')).toBe('maychin-ezik-i-shtastie')
    expect(slugify('Родителски клуб в училището', 'practice')).toBe('roditelski-klub-v-uchilishteto')
    expect(slugify('Здравни медиатори на посещения по домовете заедно с училището', 'practice')).toBe(
      'zdravni-mediatori-na-poseshtenia-po-domovete-zaedno-s-uchilishteto',
    )
  })

  it('keeps Latin titles readable and never returns an empty slug', () => {
    expect(slugify('Open Day: Café & Co.', 'event')).toBe('open-day-cafe-co')
    expect(slugify('Straße № 5', 'team')).toBe('stra-e-5')
    expect(slugify('!!!', 'event')).toBe('event')
    expect(slugify('%%%', 'practice')).toBe('practice')
  })

  it('cuts long titles at a word boundary', () => {
    const long = slugify(
      'Местна комисия за борба с противообществените прояви на малолетните и непълнолетните в района',
      'practice',
    )
    expect(long.length).toBeLessThanOrEqual(80)
    expect(long.endsWith('-')).toBe(false)
    expect(
      'mestna-komisia-za-borba-s-protivoobshtestvenite-proyavi-na-maloletnite-i-nepalnoletnite-v-rayona'.startsWith(
        long,
      ),
    ).toBe(true)
    expect(slugify('а'.repeat(100), 'event').length).toBeLessThanOrEqual(80)
  })
})
