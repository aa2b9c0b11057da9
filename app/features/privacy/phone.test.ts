import { describe, expect, it } from 'vitest'

import { detectPii } from './detector'
import { findPhones, formatBulgarianPhone, toBulgarianE164 } from './phone'

const phones = (text: string) => findPhones(text).map((f) => f.text)
const detectedPhones = (text: string) =>
  detectPii(text)
    .filter((f) => f.type === 'phone')
    .map((f) => f.text)

describe('phone', () => {
  it.each([
    '0888 123 456',
    '0888123456',
    '088 812 3456',
    '0888-123-456',
    '0888/123 456',
    '0 888 12 34 56',
    '+359 88 812 3456',
    '+359888123456',
    '+359-88-912-3456',
    '00359 88 812 3456',
    '+359 (0) 2 987 6543',
    '02/987 65 43',
    '(02) 987-65-43',
    '02 987 6543',
    '032 123 456',
    '064 80 12 34',
    '+44 20 7946 0958',
    '+49 30 1234567',
    '+1 (555) 123-4567',
    '0043 664 1234567',
  ])('finds %s whole', (number) => {
    expect(phones(`Майката: тел. ${number}, след 17 ч.`)).toEqual([number])
  })

  it('reads numbers glued to a label or to each other', () => {
    expect(phones('Тел.0888123456')).toEqual(['0888123456'])
    expect(phones('тел0888123456, Тел0899765432, GSM0878111222, моб+359887654321, Viber+359888123456')).toEqual([
      '0888123456',
      '0899765432',
      '0878111222',
      '+359887654321',
      '+359888123456',
    ])
    expect(phones('тел.:0888123456,0899654321')).toEqual(['0888123456', '0899654321'])
  })

  it('splits two numbers written next to each other', () => {
    expect(phones('0888 123 456 / 0899 654 321')).toEqual(['0888 123 456', '0899 654 321'])
    expect(phones('тел. 0888 123 456 0899 654 321')).toEqual(['0888 123 456', '0899 654 321'])
  })

  it.each([
    'Учебната 2025/2026 година, 1 250 лв. помощ и 15 деца в 119 СУ.',
    'Случай С-2026-0042, входящ № 94-00-1234 от 10.02.2026 г.',
    'Срещата е на 05.01.2026, а рожденият ден — на 05/01/2006.',
    'Телефонът на доверието 0800 19 100 и 0700 12 345 са служебни линии; за спешни случаи — 112 и 116 111.',
    'Лична карта № 645123456, издадена на 12.05.2019 г.',
    'В 6 клас са 14, в 7 клас – 22, в 8 клас – 31.',
    'Старите апарати работят само в GSM900 и GSM1800, а хотел0888 е името на мрежата.',
    'Кодът за достъп е ТЕЛ2026.',
  ])('does not take numbers that are not phones: %s', (text) => {
    expect(detectedPhones(text)).toEqual([])
  })

  it('does not mistake an EGN for a landline (064 is Pleven, but the number is ten digits)', () => {
    expect(detectedPhones('ЕГН 064 105 1235')).toEqual([])
    expect(detectPii('ЕГН 064 105 1235').map((f) => f.type)).toEqual(['egn'])
  })
})

describe('a Bulgarian phone number as E.164 (registration forms)', () => {
  it.each([
    ['0888 123 456', '+359888123456'],
    ['0888123456', '+359888123456'],
    ['088 812 3456', '+359888123456'],
    ['0888-123-456', '+359888123456'],
    ['+359 88 812 3456', '+359888123456'],
    ['+359888123456', '+359888123456'],
    ['00359 888 123 456', '+359888123456'],
    ['359888123456', '+359888123456'],
    ['+359 (0) 2 987 6543', '+35929876543'],
    ['02/987 65 43', '+35929876543'],
    ['(02) 987-65-43', '+35929876543'],
    ['032 123 456', '+35932123456'],
    ['0 98 912 3456', '+359989123456'],
  ])('reads %s as %s', (typed, e164) => {
    expect(toBulgarianE164(typed)).toBe(e164)
  })

  it.each([
    '',
    'обадете се',
    '12345',
    '0888 123 45',
    '0888 123 4567',
    '+44 20 7946 0958',
    '0800 11 466',
    '0700 1 2345',
    '0900 12345',
    '112',
    '0888 123 456 ext 2',
    '359+888123456',
    '0888+123456',
  ])('refuses %j', (typed) => {
    expect(toBulgarianE164(typed)).toBeNull()
  })

  it('writes numbers back the way people here write them', () => {
    expect(formatBulgarianPhone('+359888123456')).toBe('0888 123 456')
    expect(formatBulgarianPhone('+35929876543')).toBe('02 987 6543')
    expect(formatBulgarianPhone('+35932123456')).toBe('032 123 456')
    expect(formatBulgarianPhone('+441234')).toBe('+441234')
  })
})
