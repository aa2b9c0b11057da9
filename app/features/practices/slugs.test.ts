import { describe, expect, it } from 'vitest'

import { slugBase } from './practices.server'

describe('practice slugs', () => {
  it('transliterates the whole title and cuts long ones at a word boundary', () => {
    expect(slugBase('Родителски клуб в училището')).toBe('roditelski-klub-v-uchilishteto')
    expect(slugBase('Здравни медиатори на посещения по домовете заедно с училището')).toBe(
      'zdravni-mediatori-na-poseshtenia-po-domovete-zaedno-s-uchilishteto',
    )
    const long = slugBase(
      'Местна комисия за борба с противообществените прояви на малолетните и непълнолетните в района',
    )
    expect(long.length).toBeLessThanOrEqual(80)
    expect(long.endsWith('-')).toBe(false)
    expect(
      'mestna-komisia-za-borba-s-protivoobshtestvenite-proyavi-na-maloletnite-i-nepalnoletnite-v-rayona'.startsWith(
        long,
      ),
    ).toBe(true)
    expect(slugBase('%%%')).toBe('practice')
  })
})
