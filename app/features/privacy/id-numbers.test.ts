import { describe, expect, it } from 'vitest'

import { detectPii } from './detector'

const typesIn = (text: string) => detectPii(text).map((f) => `${f.type}:${f.text}`)

describe('egn and lnch in text', () => {
  it('finds an EGN in every grouping', () => {
    expect(typesIn('ЕГН 0641051235.')).toEqual(['egn:0641051235'])
    expect(typesIn('ЕГН: 064 105 1235')).toEqual(['egn:064 105 1235'])
    expect(typesIn('ЕГН 06410 51235 (написано от майката)')).toEqual(['egn:06410 51235'])
    expect(typesIn('ЕГН:0641051235')).toEqual(['egn:0641051235'])
  })

  it('reads a number glued to its label', () => {
    expect(typesIn('ЕГН0842295552, 5 клас')).toEqual(['egn:0842295552'])
    expect(typesIn('EGN0641051235')).toEqual(['egn:0641051235'])
    expect(typesIn('ЛНЧ1441010122')).toEqual(['lnch:1441010122'])
    expect(typesIn('ЛНЧ7235300185')).toEqual(['lnch:7235300185'])
  })

  it('does not read ten digits glued to other letters', () => {
    expect(typesIn('код АБВ0641051235 и партида XYZ7235300185')).toEqual([])
  })

  it('finds an EGN without a label, since the checksum is proof enough', () => {
    expect(typesIn('детето (0641051235) не идва')).toEqual(['egn:0641051235'])
  })

  it('calls an invalid EGN that passes the ЛНЧ checksum an ЛНЧ', () => {
    expect(typesIn('ЛНЧ 7235300185')).toEqual(['lnch:7235300185'])
    expect(typesIn('номер 7235300185')).toEqual(['lnch:7235300185'])
  })

  it('lets the word ЛНЧ decide for a number that is valid as both', () => {
    expect(typesIn('ЛНЧ: 1441010122')).toEqual(['lnch:1441010122'])
    expect(typesIn('ЕГН: 1441010122')).toEqual(['egn:1441010122'])
    expect(typesIn('ЕГН/ЛНЧ: 1441010122')).toEqual(['egn:1441010122'])
  })

  it('ignores ten digits that pass neither checksum, even after "ЕГН"', () => {
    expect(typesIn('ЕГН 0641051237')).toEqual([])
    expect(typesIn('ЕГН 1234567891')).toEqual([])
  })

  it('still redacts a mistyped EGN that happens to pass the ЛНЧ checksum (as an ЛНЧ)', () => {
    expect(typesIn('ЕГН 0641051236')).toEqual(['lnch:0641051236'])
  })

  it('does not call a mobile number an ЛНЧ although one in ten pass that checksum', () => {
    const mobileThatPassesLnch = '0888123459'
    expect(typesIn(`тел. ${mobileThatPassesLnch}`)).toEqual([`phone:${mobileThatPassesLnch}`])
  })

  it('does not read ten digits out of a longer number, a URL or a code', () => {
    expect(typesIn('сметка BG80BNBG96611020345678, изх. № 06410512351')).toEqual([])
    expect(typesIn('Случай С-2026-0042-0641051235')).toEqual([])
  })
})
