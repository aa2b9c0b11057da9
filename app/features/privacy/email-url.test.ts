import { describe, expect, it } from 'vitest'

import { findEmails } from './email'
import { findProfileUrls } from './url'

const emails = (text: string) => findEmails(text).map((f) => f.text)
const urls = (text: string) => findProfileUrls(text).map((f) => f.text)

describe('email', () => {
  it('finds addresses and leaves sentence punctuation out', () => {
    expect(emails('Пишете на ivan.petrov@abv.bg.')).toEqual(['ivan.petrov@abv.bg'])
    expect(emails('(georgi.ivanov+school@gmail.com), IVANOVA_M@ABV.BG;')).toEqual([
      'georgi.ivanov+school@gmail.com',
      'IVANOVA_M@ABV.BG',
    ])
    expect(emails('мейл: мария@пример.бг')).toEqual(['мария@пример.бг'])
  })

  it('ignores shared mailboxes of schools and offices, but not a named colleague there', () => {
    expect(emails('office@sou-93.bg, info@ruo-sofia.bg, Kancelaria@mon.bg, v.nikolova@119su.bg')).toEqual([
      'v.nikolova@119su.bg',
    ])
  })

  it('ignores a lone @ and handles', () => {
    expect(emails('среща @ 10:00, пишете на @ivan в чата')).toEqual([])
  })

  it.each([
    'mariya.stoyanova (at) abv.bg',
    'georgi_iv [at] gmail dot com',
    'ivan.petrov(at)abv(dot)bg',
    'd.asenov{at}dir{dot}bg',
    'mariya.k <at> yahoo <dot> com',
    'ivanova.d маймунка abv точка bg',
    'ivanova.d (маймунка) abv.bg',
    'petar.n @ mail.bg',
    'petar.n @abv.bg',
    'ivan [@] abv.bg',
    'ivan@abv[.]bg',
    'nikoleta.petkova at yahoo dot com',
    'NIKOLETA AT ABV DOT BG',
    'olena.k at ukr.net',
  ])('finds an address spelled out: %s', (address) => {
    expect(emails(`Пишете на ${address}, след 18 ч.`)).toEqual([address])
  })

  it.each([
    'The form is at mon.bg and the meeting at school.',
    'Look at example.com for the template.',
    'Пишете на office (at) 119su.bg или на info [at] ruo-sofia.bg.',
    'Домейнът е 119su (точка) bg, срещата е @ 14:30 в зала 3.',
    'We met at 10 at the school, then at Vitosha Blvd.',
  ])('spells out no personal address in: %s', (text) => {
    expect(emails(text)).toEqual([])
  })
})

describe('profile url', () => {
  it.each([
    'https://www.facebook.com/ivan.petrov.123',
    'https://www.facebook.com/profile.php?id=100012345678',
    'fb.com/mimi99',
    'instagram.com/gosho_07/',
    'https://www.tiktok.com/@pesho2010',
    'vk.com/id12345',
    'twitter.com/someone',
    'https://x.com/mitko_2010',
    'https://www.linkedin.com/in/ivan-stoyanov-83a2b1',
    'youtube.com/@mitko_gaming',
  ])('finds %s', (url) => {
    expect(urls(`Профил: ${url}, вижте.`)).toEqual([url])
  })

  it.each([
    'www.mon.bg/bg/100',
    'https://sofia.bg/web/guest/obrazovanie',
    'https://119su.bg/novini',
    'facebook.com/groups/123456',
    'youtube.com/watch?v=abc',
    'linkedin.com/company/mon',
    'instagram.com/p/Cx12ab',
    'box.com/shared',
  ])('ignores institutional and non-profile links: %s', (url) => {
    expect(urls(`Вижте ${url} за повече.`)).toEqual([])
  })
})
