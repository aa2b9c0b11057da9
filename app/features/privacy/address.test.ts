import { describe, expect, it } from 'vitest'
import { findAddresses } from './address'

const addresses = (text: string) => findAddresses(text).map((f) => f.text)

describe('address', () => {
  it.each([
    ['живее на ул. „Опълченска“ 12, тел. 0888 123 456', 'ул. „Опълченска“ 12'],
    ['ул. Опълченска 12, бл. 12, вх. Б, ет. 3, ап. 9.', 'ул. Опълченска 12, бл. 12, вх. Б, ет. 3, ап. 9'],
    ['адрес: ж.к. Младост 1, бл. 123, вх. А, ет. 5, ап. 20', 'ж.к. Младост 1, бл. 123, вх. А, ет. 5, ап. 20'],
    ['жк Люлин 5, бл. 512', 'жк Люлин 5, бл. 512'],
    ['на бул. „Цар Борис III“ № 45', 'бул. „Цар Борис III“ № 45'],
    ['на бул. Цар Борис III 45', 'бул. Цар Борис III 45'],
    ['на булевард „Витоша“ 18', 'булевард „Витоша“ 18'],
    ['на улица „Иван Вазов“ №3', 'улица „Иван Вазов“ №3'],
    ['на ул. 6-ти септември 12', 'ул. 6-ти септември 12'],
    ['бул. «Христо Ботев» 48, ет. 5, ап. 17', 'бул. «Христо Ботев» 48, ет. 5, ап. 17'],
    ['ул. "Опълченска" №36, бл. 2, вх. Б', 'ул. "Опълченска" №36, бл. 2, вх. Б'],
    ['кв. Факултета, ул. „Средна гора“ 5', 'кв. Факултета, ул. „Средна гора“ 5'],
    ['живеят в бл. 12, вх. Б', 'бл. 12, вх. Б'],
    ['вход Б, етаж 3', 'вход Б, етаж 3'],
    ['Ул. Г. С. Раковски 108', 'Ул. Г. С. Раковски 108'],
    ['lives at 12 Opalchenska Street, Sofia', '12 Opalchenska Street'],
    ['ul. Opalchenska 12, bl. 5, entr. A, fl. 3, apt. 9', 'ul. Opalchenska 12, bl. 5, entr. A, fl. 3, apt. 9'],
    ['Address: Vitosha Blvd 45.', 'Vitosha Blvd 45'],
    ['registered at 221B Baker Street, London', '221B Baker Street'],
  ])('%s', (text, address) => {
    expect(addresses(text)).toEqual([address])
  })

  it('reads numbered streets and separate neighbourhoods', () => {
    expect(addresses('живее на ул. 7, № 12 в кв. Филиповци')).toEqual(['ул. 7, № 12', 'кв. Филиповци'])
  })

  it('keeps the house number but never a phone number that follows', () => {
    expect(addresses('ул. "Опълченска" 0888 123 456')).toEqual(['ул. "Опълченска"'])
  })

  it.each([
    'апартамент от 60 кв.м и 2 стаи',
    'входящ вх. № 1234/12.03.2026',
    'СУ „Христо Ботев“ и 119 СУ, 5б клас',
    'Sofia University St. Kliment Ohridski',
    'Учебната година започва на 15 септември.',
    'Етапът на проекта и блокът от мерки',
  ])('is not an address: %s', (text) => {
    expect(addresses(text)).toEqual([])
  })
})
