import { describe, expect, it } from 'vitest'

import { detectPii, redactPii } from './detector'
import { findInUrls } from './url-parts'

const inUrls = (text: string) => findInUrls(text).map((f) => `${f.type}:${f.text}`)
const detected = (text: string) => detectPii(text).map((f) => `${f.type}:${f.text}`)

describe('identifiers inside links', () => {
  it.each([
    ['https://example.bg/form?egn=0641051235&tel=0888123456', ['egn:0641051235', 'phone:0888123456']],
    ['example.bg/form?lnch=1441010122', ['lnch:1441010122']],
    ['https://example.bg/form?id=7235300185', ['lnch:7235300185']],
    ['https://registry.example.bg/u/0842295552/docs', ['egn:0842295552']],
    ['https://example.bg/contact?phone=%2B359887654321', ['phone:%2B359887654321']],
    ['https://example.bg/contact?phone=+359887654321', ['phone:+359887654321']],
    ['https://example.bg/x?tel=0888-123-456#top', ['phone:0888-123-456']],
    ['https://example.bg/x#tel=0888123456', ['phone:0888123456']],
    ['https://wa.me/359888123456', ['phone:359888123456']],
    ['viber://chat?number=%2B359888123456', ['phone:%2B359888123456']],
    ['mailto:ivan.petrov%40gmail.com', ['email:ivan.petrov%40gmail.com']],
    ['https://example.bg/unsubscribe?email=maria.g%40abv.bg&x=1', ['email:maria.g%40abv.bg']],
    ['https://site.bg/deca/ivan-petrov', ['name:ivan-petrov']],
    ['https://site.bg/deca/ivan_petrov.html', ['name:ivan_petrov']],
    ['https://site.bg/deca/petrova-maria/', ['name:petrova-maria']],
    ['https://site.bg/deca/ivan-georgiev-petrov/snimki', ['name:ivan-georgiev-petrov']],
    ['https://example.bg/search?q=Иван+Петров', ['name:Иван+Петров']],
    [
      'https://site.bg/deca/%D0%B8%D0%B2%D0%B0%D0%BD-%D0%BF%D0%B5%D1%82%D1%80%D0%BE%D0%B2',
      ['name:%D0%B8%D0%B2%D0%B0%D0%BD-%D0%BF%D0%B5%D1%82%D1%80%D0%BE%D0%B2'],
    ],
    ['https://ucha.se/profil/mariya-georgieva-2014', ['name:mariya-georgieva']],
  ])('finds what %s carries', (url, expected) => {
    expect(inUrls(`Линк: ${url}, моля.`)).toEqual(expected)
  })

  it.each([
    'https://mon.bg/bg/100010',
    'https://www.sofia.bg/web/guest/obrazovanie',
    'https://bg.wikipedia.org/wiki/Христо_Ботев',
    'https://www.sofia.bg/ivan-vazov-school',
    'https://119sou.bg/119-sou-akademik-mihail-arnaudov/priem-2026',
    'https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=120',
    'https://www.dnevnik.bg/bulgaria/2026/03/12/4587412_uchilishtata_v_sofiia/',
    'https://www.google.com/maps/place/42.6977,23.3219',
    'https://example.bg/form?id=1234567&lang=bg&year=2026',
    'https://www.facebook.com/ivan.petrov.123',
  ])('finds nothing inside %s', (url) => {
    expect(inUrls(`Вижте ${url} за повече.`)).toEqual([])
  })

  it('leaves a profile link to the profile rule and redacts a link part by part', () => {
    expect(detected('профил https://www.facebook.com/ivan.petrov.123')).toEqual([
      'url:https://www.facebook.com/ivan.petrov.123',
    ])
    const text = 'Формулярът: https://example.bg/form?egn=0641051235&tel=0888123456 и https://site.bg/deca/ivan-petrov.'
    expect(redactPii(text)).toBe(
      'Формулярът: https://example.bg/form?egn=[ЕГН]&tel=[ТЕЛЕФОН] и https://site.bg/deca/[ИМЕ].',
    )
    expect(detectPii(redactPii(text))).toEqual([])
  })

  it('reports offsets into the text, also after astral characters', () => {
    const text = '🙂🙂 https://example.bg/?egn=0641051235'
    const [f] = detectPii(text)
    expect(text.slice(f.start, f.end)).toBe('0641051235')
  })
})
